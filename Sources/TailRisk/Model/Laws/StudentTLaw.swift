/// Multivariate Student-t days with the covariance of the normal model:
/// `r = μ + √((ν − 2)/ν) · L z · √(ν/W)`, `W ~ χ²_ν` (methods.md §4), `ν > 2`.
///
/// An `h`-step scenario is the sum of `h` such days, each with its own `W`
/// (not a rescaling: the sum is not t-distributed). The draw sums the scaled
/// normals; the affine map adds `hμ` and applies `√((ν − 2)/ν) L`.
/// - Complexity: `h·d` normals and `h` χ² draws per scenario.
public struct StudentTLaw: ScenarioLaw {
    public let mean: [Double]
    public let factor: Matrix
    public let degreesOfFreedom: Double

    public init(mean: [Double], factor: Matrix, degreesOfFreedom: Double) {
        precondition(factor.rows == mean.count && factor.cols == mean.count, "factor must be d × d")
        self.mean = mean
        self.factor = factor
        self.degreesOfFreedom = degreesOfFreedom
    }

    public var dimension: Int { mean.count }
    public var name: String { "t(\(String(format: "%.2f", degreesOfFreedom)))" }

    public func affine(horizon: Int) -> AffineMap? {
        let nu = degreesOfFreedom
        let scale = ((nu - 2) / nu).squareRoot()
        return AffineMap(mean: mean.map { $0 * Double(horizon) }, factor: factor.storage.map { $0 * scale })
    }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        let d = dimension, nu = degreesOfFreedom
        for s in 0..<horizon {
            rng.fillNormals(scratch, count: d)
            let scale = (nu / rng.nextChiSquared(degreesOfFreedom: nu)).squareRoot()
            if s == 0 {
                for k in 0..<d { out[k] = scale * scratch[k] }
            } else {
                for k in 0..<d { out[k] += scale * scratch[k] }
            }
        }
    }

    public func validate() throws {
        guard degreesOfFreedom > 2, degreesOfFreedom.isFinite else {
            throw TailRiskError.invalidParameter(
                .degreesOfFreedom, message: "Student-t degrees of freedom must exceed 2 (finite variance), got \(degreesOfFreedom)")
        }
        guard mean.allSatisfy(\.isFinite), factor.storage.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the scenario model's mean or covariance factor is not finite")
        }
    }
}

extension StudentTLaw {
    /// The registry entry of `t` (`InnovationLaw.studentT`): `df` is `ν > 2` (5 when absent).
    public static let entry = LawEntry(
        name: "t", aliases: ["student-t", "studentt"], methodID: "monte-carlo-t", parameters: ["df"],
        summary: "Student-t, with --df", readsMean: true, drawsHistory: false,
        make: { args in
            let nu = args.degreesOfFreedom ?? 5
            guard nu > 2, nu.isFinite else {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: InnovationLaw.degreesOfFreedomMessage(nu))
            }
            return .studentT(degreesOfFreedom: nu)
        },
        values: { law in
            guard case let .studentT(nu) = law else { return [nil] }
            return [nu]
        },
        fit: { law, x in
            guard case let .studentT(nu) = law else { preconditionFailure("not a Student-t law") }
            return StudentTLaw(mean: x.mean, factor: x.factor, degreesOfFreedom: nu)
        })
}
