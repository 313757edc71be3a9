/// Student-t copula over empirical marginals (methods.md §8; the copula of
/// McNeil & Frey 2000's GARCH–EVT–copula model, here with empirical tails):
/// `x ~ t_ν(0, R)`, `u_i = T_ν(x_i)`, `r_i = σ_{T+1,i} F̂_i⁻¹(u_i)`. Unlike the
/// Gaussian copula it has tail dependence `2 t_{ν+1}(−√((ν+1)(1−ρ)/(1+ρ)))`:
/// crashes come together. Any `0 < ν ≤ 10⁶` (the copula needs no finite variance; beyond
/// 10⁶ it is the Gaussian copula, `InnovationLaw.largestCopulaDegreesOfFreedom`).
///
/// With empirical marginals a scenario never exceeds the worst day of the
/// window in any asset (the quantile is constant outside `[1/(T+1), T/(T+1)]`).
/// - Complexity: per day `d` normals, one χ², `d²/2` multiply-adds and `d`
///   incomplete-beta evaluations (the law does its own triangular product: `affine` is nil).
public struct TCopulaLaw: ScenarioLaw {
    public let sampler: CopulaSampler
    public let degreesOfFreedom: Double
    /// `ν` was fitted to the data (`--df fit`, `TCopulaDegreesOfFreedom`) rather than given.
    public let degreesOfFreedomFitted: Bool

    public init(sampler: CopulaSampler, degreesOfFreedom: Double, degreesOfFreedomFitted: Bool = false) {
        self.sampler = sampler
        self.degreesOfFreedom = degreesOfFreedom
        self.degreesOfFreedomFitted = degreesOfFreedomFitted
    }

    public var dimension: Int { sampler.dimension }
    public var name: String { "t-copula(\(String(format: "%.2f", degreesOfFreedom)))" }
    public var isSymmetric: Bool { false }
    public func affine(horizon: Int) -> AffineMap? { nil }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        sampler.draw(horizon: horizon, degreesOfFreedom: degreesOfFreedom, rng: &rng, into: out, scratch: scratch)
    }

    public func validate() throws {
        if let problem = InnovationLaw.copulaDegreesOfFreedomProblem(degreesOfFreedom) {
            throw TailRiskError.invalidParameter(.degreesOfFreedom, message: problem)
        }
        try sampler.validate()
    }

    public func horizonTreatment(_ h: Int) -> String { sampler.horizonTreatment(h) }
}
