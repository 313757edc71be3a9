/// Multivariate normal days `r = μ + L z`, `z ~ N(0, I)` (methods.md §4).
///
/// Over `h` steps the sum of `h` independent days is exactly `N(hμ, hΣ)`, so
/// a scenario draws `d` normals once and the affine map carries `hμ` and
/// `√h L` (the same law, `h` times cheaper).
/// - Complexity: `d` ziggurat normals per scenario, `d²` flops in the block's `dtrmm`.
public struct NormalLaw: ScenarioLaw {
    /// Daily mean log returns.
    public let mean: [Double]
    /// Lower Cholesky factor of the daily covariance.
    public let factor: Matrix

    public init(mean: [Double], factor: Matrix) {
        precondition(factor.rows == mean.count && factor.cols == mean.count, "factor must be d × d")
        self.mean = mean
        self.factor = factor
    }

    public var dimension: Int { mean.count }
    public var name: String { "normal" }

    public func affine(horizon: Int) -> AffineMap? {
        .normal(mean: mean, factor: factor, horizon: horizon)
    }

    @inline(__always)
    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        rng.fillNormals(out, count: dimension)
    }

    public func validate() throws {
        guard mean.allSatisfy(\.isFinite), factor.storage.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the scenario model's mean or covariance factor is not finite")
        }
    }

    public func horizonTreatment(_ h: Int) -> String {
        h == 1 ? "normal scenarios, 1 step" : "N(\(h)μ, \(h)Σ) scenarios (exact for the normal model)"
    }
}

extension NormalLaw {
    /// The registry entry of `normal` (`InnovationLaw.normal`).
    public static let entry = LawEntry(
        name: "normal", methodID: "monte-carlo", summary: "multivariate normal",
        readsMean: true, drawsHistory: false,
        make: { _ in .normal },
        fit: { _, x in NormalLaw(mean: x.mean, factor: x.factor) })
}
