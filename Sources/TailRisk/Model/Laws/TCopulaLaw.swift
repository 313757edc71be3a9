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

extension TCopulaLaw {
    /// The registry entry of `t-copula` (`InnovationLaw.tCopula`): `df` is `0 < ν ≤ 10⁶`,
    /// or `nil` (`df: fit`) for `ν` fitted by pseudo-likelihood (`TCopulaDegreesOfFreedom`).
    public static let entry = LawEntry(
        name: "t-copula", methodID: "monte-carlo-t-copula", parameters: ["df"], summary: "t copula, with --df",
        readsMean: false, drawsHistory: true, isCopula: true,
        make: { args in
            if args.fitDegreesOfFreedom { return .tCopula(degreesOfFreedom: nil) }
            let nu = args.degreesOfFreedom ?? 5
            if let problem = InnovationLaw.copulaDegreesOfFreedomProblem(nu) {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: problem)
            }
            return .tCopula(degreesOfFreedom: nu)
        },
        values: { law in
            guard case let .tCopula(nu) = law else { return [nil] }
            return [nu]
        },
        fit: { law, x in
            guard case let .tCopula(nu) = law, let fits = x.copulaFits else { preconditionFailure("a t-copula needs its fits") }
            let sampler = try CopulaSampler(fits: fits, filterName: x.copulaFilterName, tails: x.tails)
            if let nu { return TCopulaLaw(sampler: sampler, degreesOfFreedom: nu) }
            // ν = nil: fitted by pseudo-likelihood to the residuals the copula was read from.
            var data = Matrix(rows: fits[0].count, cols: fits.count)
            for (i, fit) in fits.enumerated() { for s in 0..<fit.count { data[s, i] = fit.residuals[s] } }
            let nuHat = TCopulaDegreesOfFreedom.fit(data, correlation: sampler.correlation).degreesOfFreedom
            return TCopulaLaw(sampler: sampler, degreesOfFreedom: nuHat, degreesOfFreedomFitted: true)
        })
}
