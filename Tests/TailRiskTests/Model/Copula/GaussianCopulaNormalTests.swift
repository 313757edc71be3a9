import Foundation
import Testing
@testable import TailRisk

/// Issue 13's "the Gaussian copula over normal marginals reproduces the normal law's VaR within
/// MC error". Construction: each marginal is an `EmpiricalMarginal` of the exact normal quantiles
/// `σ_i Φ⁻¹(k/(T + 1))`, `k = 1 … T`, `T = 200,000` (so `F̂_i⁻¹` is the normal quantile, linearly
/// interpolated between knots and flat beyond 1/(T + 1) = 5e-6: far outside the 1% tail); the copula
/// correlation `R` comes from `τ = (2/π) asin ρ` (the inverse of `sin(πτ/2)`); `σ_{T+1} = 1`.
/// The joint law is then `N(0, D R D)` up to that discretization.
@Suite struct GaussianCopulaNormalTests {
    static let sigma = [0.02, 0.035, 0.015]
    static let rho = Matrix([[1, 0.6, -0.2], [0.6, 1, 0.3], [-0.2, 0.3, 1]])
    static let values = [400_000.0, 350_000, -150_000]  // a short too: both tails matter
    static let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)]

    static func copulaLaw() throws -> GaussianCopulaLaw {
        var tau = rho
        for i in 0..<3 { for j in 0..<3 where i != j { tau[i, j] = 2 / Double.pi * asin(rho[i, j]) } }
        let correlation = try CopulaCorrelation(kendallTau: tau)
        let t = 200_000
        let standard = (1...t).map { Normal.quantile(Double($0) / Double(t + 1)) }
        let marginals = sigma.map { s in EmpiricalMarginal(standard.map { s * $0 }) }
        return GaussianCopulaLaw(sampler: CopulaSampler(correlation: correlation, marginals: marginals,
                                                        nextVolatility: [1, 1, 1], filterName: "none"))
    }

    static var covariance: Matrix {
        var c = rho
        for i in 0..<3 { for j in 0..<3 { c[i, j] = rho[i, j] * sigma[i] * sigma[j] } }
        return c
    }

    /// Linear P&L: the copula's VaR and ES lie within about 4 standard errors (twice the half-width
    /// of the engine's 95% VaR interval; 4 SE(ES)) of the closed-form normal `z_α σ_p`, `φ(z_α)/α σ_p`.
    @Test func linearPnLMatchesTheClosedForm() throws {
        let settings = SimulationSettings(scenarios: 400_000, seed: 13, threads: 2, pnl: .linear)
        let result = try MonteCarloEngine().run(model: ScenarioModel(law: try Self.copulaLaw()), values: Self.values,
                                                levels: Self.levels, settings: settings)
        let exact = ParametricNormal.estimates(mean: [0, 0, 0], covariance: Self.covariance, values: Self.values,
                                               levels: Self.levels)
        for (mc, closed) in zip(result.estimates, exact) {
            let ci = try #require(mc.valueAtRiskInterval), se = try #require(mc.expectedShortfallStandardError)
            #expect(abs(mc.valueAtRisk - closed.valueAtRisk) <= ci.upperBound - ci.lowerBound,
                    "\(mc.level): VaR \(mc.valueAtRisk) in \(ci) vs normal \(closed.valueAtRisk)")
            #expect(abs(mc.expectedShortfall - closed.expectedShortfall) <= 4 * se,
                    "\(mc.level): ES \(mc.expectedShortfall) ± \(se) vs normal \(closed.expectedShortfall)")
        }
    }

    /// Exact P&L (no closed form): the copula's VaR agrees with the normal law's Monte Carlo VaR
    /// (`NormalLaw` over the same covariance, another seed) within the two runs' combined intervals.
    @Test func exactPnLMatchesTheNormalLawsMonteCarlo() throws {
        let copula = try MonteCarloEngine().run(
            model: ScenarioModel(law: try Self.copulaLaw()), values: Self.values, levels: Self.levels,
            settings: SimulationSettings(scenarios: 400_000, seed: 14, threads: 2, pnl: .exact))
        let factor = try PositiveDefiniteRepair.factor(Self.covariance).cholesky
        let normal = try MonteCarloEngine().run(
            model: ScenarioModel(mean: [0, 0, 0], factor: factor), values: Self.values, levels: Self.levels,
            settings: SimulationSettings(scenarios: 400_000, seed: 15, threads: 2, pnl: .exact))
        for (a, b) in zip(copula.estimates, normal.estimates) {
            let ca = try #require(a.valueAtRiskInterval), cb = try #require(b.valueAtRiskInterval)
            let half = ((ca.upperBound - ca.lowerBound) / 2, (cb.upperBound - cb.lowerBound) / 2)
            let tolerance = 2 * (half.0 * half.0 + half.1 * half.1).squareRoot()
            #expect(abs(a.valueAtRisk - b.valueAtRisk) <= tolerance,
                    "\(a.level): copula \(a.valueAtRisk) vs normal \(b.valueAtRisk) (± \(tolerance))")
        }
    }
}
