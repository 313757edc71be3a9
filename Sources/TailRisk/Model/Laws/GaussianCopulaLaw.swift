/// Gaussian copula over empirical marginals (methods.md §8, `ν = ∞`):
/// `x ~ N(0, R)`, `u_i = Φ(x_i)`, `r_i = σ_{T+1,i} F̂_i⁻¹(u_i)`, `R = sin(πτ/2)`
/// from Kendall's τ-b. No tail dependence for `ρ < 1`: the contrast to `TCopulaLaw`.
/// - Complexity: per day `d` normals, `d²/2` multiply-adds and `d` `erfc` calls.
public struct GaussianCopulaLaw: ScenarioLaw {
    public let sampler: CopulaSampler

    public init(sampler: CopulaSampler) {
        self.sampler = sampler
    }

    public var dimension: Int { sampler.dimension }
    public var name: String { "gaussian-copula" }
    public var isSymmetric: Bool { false }
    public func affine(horizon: Int) -> AffineMap? { nil }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        sampler.draw(horizon: horizon, degreesOfFreedom: nil, rng: &rng, into: out, scratch: scratch)
    }

    public func validate() throws { try sampler.validate() }

    public func horizonTreatment(_ h: Int) -> String { sampler.horizonTreatment(h) }
}

extension GaussianCopulaLaw {
    /// The registry entry of `gaussian-copula` (`InnovationLaw.gaussianCopula`).
    public static let entry = LawEntry(
        name: "gaussian-copula", methodID: "monte-carlo-gaussian-copula", summary: "Gaussian copula",
        readsMean: false, drawsHistory: true, isCopula: true,
        make: { _ in .gaussianCopula },
        fit: { _, x in
            guard let fits = x.copulaFits else { preconditionFailure("a Gaussian copula needs its fits") }
            return GaussianCopulaLaw(sampler: try CopulaSampler(fits: fits, filterName: x.copulaFilterName, tails: x.tails))
        })
}
