/// Days with Hansen's (1994) skewed Student-t innovations and the covariance of the
/// normal model: `r = μ + L z`, where the `d` innovations `z_k` are independent
/// `SkewStudentT(ν, λ)` draws (zero mean, unit variance; `arch`'s `SkewStudent`), so
/// `Cov r = L Lᵀ = Σ` as under the normal and t laws, and each asset's own shocks are
/// skewed (to the left for `λ < 0`) and fat-tailed. With one asset, `r = μ + σ z` exactly.
///
/// The innovations are independent across assets (the dependence is the covariance's,
/// through `L`), unlike the multivariate t's common `χ²` mixing: a linear combination of
/// skewed-t's is not skewed-t, so for a basket the law is defined by this construction
/// (and simulated as written), not by a closed-form basket quantile.
///
/// An `h`-step scenario is the sum of `h` such days; `draw` sums the innovations, the
/// affine map adds `hμ` and applies `L`.
/// - Complexity: per day and asset one normal, one χ² and one uniform (`SkewStudentT.draw`).
public struct SkewStudentTLaw: ScenarioLaw {
    public let mean: [Double]
    public let factor: Matrix
    public let innovation: SkewStudentT

    public init(mean: [Double], factor: Matrix, degreesOfFreedom: Double, skew: Double) {
        precondition(factor.rows == mean.count && factor.cols == mean.count, "factor must be d × d")
        self.mean = mean
        self.factor = factor
        self.innovation = SkewStudentT(degreesOfFreedom: degreesOfFreedom, skew: skew)
    }

    public var dimension: Int { mean.count }
    public var name: String {
        "skew-t(\(String(format: "%.2f", innovation.degreesOfFreedom)), \(String(format: "%.2f", innovation.skew)))"
    }
    /// Only `λ = 0` (the symmetric t) allows antithetic pairs.
    public var isSymmetric: Bool { innovation.skew == 0 }

    public func affine(horizon: Int) -> AffineMap? {
        AffineMap(mean: mean.map { $0 * Double(horizon) }, factor: factor.storage)
    }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        let d = dimension, law = innovation
        for k in 0..<d { out[k] = law.draw(&rng) }
        for _ in 1..<Swift.max(horizon, 1) {
            for k in 0..<d { out[k] += law.draw(&rng) }
        }
    }

    public func validate() throws {
        if let problem = SkewStudentT.parameterProblem(degreesOfFreedom: innovation.degreesOfFreedom,
                                                        skew: innovation.skew) {
            throw TailRiskError.invalidParameter(.distribution, message: problem)
        }
        guard mean.allSatisfy(\.isFinite), factor.storage.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the scenario model's mean or covariance factor is not finite")
        }
    }
}

extension SkewStudentTLaw {
    /// The registry entry of `skew-t` (`InnovationLaw.skewT`): `df` is `ν > 2` (5 when
    /// absent), `skew` is `λ ∈ (−1, 1)` and must be given.
    public static let entry = LawEntry(
        name: "skew-t", methodID: "monte-carlo-skew-t", parameters: ["df", "skew"],
        summary: "Hansen's skewed Student-t, with --df and --skew", readsMean: true, drawsHistory: false,
        make: { args in
            let nu = args.degreesOfFreedom ?? 5
            guard nu > 2, nu.isFinite else {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: InnovationLaw.degreesOfFreedomMessage(nu))
            }
            guard let lambda = args.skew else {
                throw TailRiskError.invalidParameter(.skew, message: "skew-t needs its skew λ, strictly between −1 and 1 (λ < 0: a longer left tail)")
            }
            guard abs(lambda) < 1 else {
                throw TailRiskError.invalidParameter(.skew, message: "must lie strictly between −1 and 1, got \(lambda)")
            }
            return .skewT(degreesOfFreedom: nu, skew: lambda)
        },
        values: { law in
            guard case let .skewT(nu, lambda) = law else { return [nil, nil] }
            return [nu, lambda]
        },
        fit: { law, x in
            guard case let .skewT(nu, lambda) = law else { preconditionFailure("not a skewed-t law") }
            return SkewStudentTLaw(mean: x.mean, factor: x.factor, degreesOfFreedom: nu, skew: lambda)
        })
}
