import Foundation

/// The basket's VaR/ES given a hypothetical shock (methods.md §9), on the
/// exact P&L: the shocked assets fixed at `x_s`, the others `r_o ~ N(m_o, C_o)`
/// (`ConditionalNormal` over the horizon), the collateral's returns in the debt
/// asset `ρ = A r` are normal, `ρ ~ N(m_ρ, A_o C_o A_oᵀ)` (`A_o`: `∂ρ_i/∂r_o =
/// [o = i] − [o = D]`), and the loss is `L = −Σ_i C_i (e^{ρ_i} − 1)`, a sum of
/// lognormals with no closed form. VaR/ES come from the house engine on that
/// law (`MonteCarloEngine`, exact revaluation, the run's scenarios and seed, VaR
/// and ES estimators of §4), its lower-triangular factor from
/// `Cholesky.semidefiniteFactor` (singular when a collateral asset is shocked and
/// the debt is not a column: its `ρ` is fixed). A law with no random part gives
/// `VaR = ES = L`.
///
/// The closed form linearised at the conditional mean, `L_0 + z_c σ_L` and
/// `L_0 + σ_L φ(z_c)/(1 − c)`, `σ_L² = gᵀ Cov[ρ] g`, `g_i = C_i e^{m_ρ,i}`, is kept
/// beside it (`linearised`) and labelled so: it overstated the exact figures by
/// 1.9–7.9% in the audit of issue 21 (convexity of `e^ρ` in the loss tail).
/// - Complexity: one engine run over `n` collateral assets, O(N n²).
public enum ConditionalShockRisk {
    public struct Estimate: Sendable {
        public let valueAtRisk: Double
        public let expectedShortfall: Double
        /// The engine's standard error of the ES (nil without simulation: no random part).
        public let expectedShortfallStandardError: Double?
        /// Scenarios simulated (0 without a random part) and the seed.
        public let scenarios: Int
        public let seed: UInt64
        /// The closed form linearised at the conditional mean (see above).
        public let linearisedVaR: Double
        public let linearisedES: Double
    }

    /// VaR/ES at `confidence` of `L = −Σ C_i expm1(ρ_i)`, `ρ ~ N(mean, covariance)`.
    /// - Parameters:
    ///   - loss: `L` at `ρ = mean` (the scenario's loss).
    ///   - settings: the engine's; the P&L is made exact and no per-asset figures are kept.
    /// - Throws: `.numerical` for a covariance that is not positive semi-definite, and the engine's errors.
    public static func estimate(mean: [Double], covariance: Matrix, values: [Double], loss: Double,
                                confidence: Double, settings: SimulationSettings) throws -> Estimate {
        let n = values.count
        let g = (0..<n).map { values[$0] * exp(mean[$0]) }
        var variance = 0.0
        for a in 0..<n { for b in 0..<n { variance += g[a] * covariance[a, b] * g[b] } }
        let sigma = Swift.max(variance, 0).squareRoot()
        let z = Normal.quantile(confidence)
        let linearVaR = loss + z * sigma, linearES = loss + sigma * Normal.pdf(z) / (1 - confidence)
        guard covariance.diagonal.contains(where: { $0 > 0 }) else {
            return Estimate(valueAtRisk: loss, expectedShortfall: loss, expectedShortfallStandardError: nil,
                            scenarios: 0, seed: settings.seed, linearisedVaR: linearVaR, linearisedES: linearES)
        }
        guard let factor = try Cholesky.semidefiniteFactor(covariance) else {
            throw TailRiskError.numerical(message: "the conditional covariance of the basket given the shock is not positive semi-definite")
        }
        var s = settings
        s.pnl = .exact
        s.standalone = false
        s.tailScenariosToExport = 0
        s.histogramBins = 0
        let result = try MonteCarloEngine().run(model: ScenarioModel(mean: mean, factor: factor, horizon: 1), values: values,
                                                levels: [ConfidenceLevel(confidence)], settings: s)
        let e = result.estimates[0]
        guard e.valueAtRisk.isFinite && e.expectedShortfall.isFinite else {
            throw TailRiskError.numerical(message: "the conditional VaR/ES of the basket given the shock is not finite")
        }
        return Estimate(valueAtRisk: e.valueAtRisk, expectedShortfall: e.expectedShortfall,
                        expectedShortfallStandardError: e.expectedShortfallStandardError,
                        scenarios: result.scenarios, seed: result.seed, linearisedVaR: linearVaR, linearisedES: linearES)
    }
}
