import Foundation

/// Parametric (variance–covariance) VaR and ES under a normal P&L.
///
/// For a P&L with mean `μ` and standard deviation `σ`:
/// `VaR = −μ + σ z_c`, `ES = −μ + σ φ(z_c)/α`, `z_c = Φ⁻¹(c)`.
/// From asset log-return means `m`, covariance `Σ` and position values `V`
/// under the linear (delta) P&L: `μ_p = h V·m`, `σ_p = √(h VᵀΣV)` for a horizon
/// of `h` steps (mean and covariance scale by `h`). The Euler contributions are
/// `C_i^VaR = V_i (ΣV)_i h z_c/σ_p − h V_i m_i` and
/// `C_i^ES = V_i (ΣV)_i h φ(z_c)/(α σ_p) − h V_i m_i`; they sum to the
/// portfolio figures (Tasche 1999; methods.md §4).
public enum ParametricNormal {
    /// `φ(z_c)/α`, the ES multiple of `σ` (2.665214 at 99%, 2.337803 at 97.5%).
    public static func expectedShortfallFactor(_ level: ConfidenceLevel) -> Double {
        Normal.pdf(Normal.quantile(1 - level.alpha)) / level.alpha
    }

    /// VaR and ES of a normal P&L with mean `mean` and standard deviation `standardDeviation`.
    ///
    /// A negative `σ` is a caller's mistake (a precondition). A NaN or infinite
    /// one is not: it comes from data whose `VᵀΣV` overflowed, and passes
    /// through to a non-finite estimate that `RiskEstimate.requireFinite` turns
    /// into an error (the analyses bound their inputs so that it does not happen).
    /// - Complexity: O(1).
    public static func estimate(mean: Double, standardDeviation sigma: Double, level: ConfidenceLevel) -> RiskEstimate {
        precondition(!(sigma < 0), "negative standard deviation")
        let z = Normal.quantile(1 - level.alpha)
        let v = -mean + sigma * z
        var e = RiskEstimate(method: .normal, level: level, valueAtRisk: v,
                             expectedShortfall: -mean + sigma * expectedShortfallFactor(level))
        if v < 0 { e.notes.append(HistoricalRisk.negativeVaRNote(level)) }
        return e
    }

    /// Portfolio VaR and ES at each level, each with its Euler ES and VaR contributions (both exact).
    /// - Parameters:
    ///   - mean: the assets' mean log returns per step (`d`).
    ///   - covariance: their `d × d` covariance per step.
    ///   - values: position values `V` (`d`).
    ///   - horizon: steps `h`; mean and covariance are multiplied by `h`.
    /// - Complexity: O(d²) plus O(d) per level.
    public static func estimates(mean: [Double], covariance: Matrix, values: [Double], levels: [ConfidenceLevel],
                                 horizon: Int = 1) -> [RiskEstimate] {
        let m = PortfolioMoments(mean: mean, covariance: covariance, values: values, horizon: horizon)
        return levels.map { level in
            var e = estimate(mean: m.mean, standardDeviation: m.sigma, level: level)
            e.contributions = m.contributions(scale: expectedShortfallFactor(level))
            e.valueAtRiskContributions = m.contributions(scale: Normal.quantile(1 - level.alpha))
            return e
        }
    }

    /// Euler contributions to VaR and to ES at one level (each sums to the portfolio figure).
    /// - Complexity: O(d²).
    public static func contributions(mean: [Double], covariance: Matrix, values: [Double], level: ConfidenceLevel,
                                     horizon: Int = 1) -> (valueAtRisk: [Double], expectedShortfall: [Double]) {
        let m = PortfolioMoments(mean: mean, covariance: covariance, values: values, horizon: horizon)
        return (m.contributions(scale: Normal.quantile(1 - level.alpha)),
                m.contributions(scale: expectedShortfallFactor(level)))
    }

    /// `μ_p`, `σ_p` and the pieces of the Euler gradient for a horizon of `h` steps.
    private struct PortfolioMoments {
        let values: [Double]
        let meanTerms: [Double]      // h V_i m_i
        let sigmaTerms: [Double]     // h V_i (ΣV)_i / σ_p, summing to σ_p
        let mean: Double
        let sigma: Double

        init(mean m: [Double], covariance: Matrix, values: [Double], horizon: Int) {
            let d = values.count
            precondition(m.count == d && covariance.rows == d && covariance.cols == d, "dimensions of μ, Σ, V differ")
            precondition(horizon >= 1, "horizon must be at least 1")
            let h = Double(horizon)
            let sv = BLAS.multiply(covariance, values)
            var variance = 0.0
            for i in 0..<d { variance += values[i] * sv[i] }
            variance = max(variance * h, 0)
            let sigma = variance.squareRoot()
            self.values = values
            self.meanTerms = (0..<d).map { h * values[$0] * m[$0] }
            self.sigmaTerms = (0..<d).map { sigma > 0 ? h * values[$0] * sv[$0] / sigma : 0 }
            self.mean = meanTerms.reduce(0, +)
            self.sigma = sigma
        }

        /// `C_i = s · h V_i (ΣV)_i/σ_p − h V_i m_i` for the multiple `s` of `σ` (`z_c` or `φ(z_c)/α`).
        func contributions(scale s: Double) -> [Double] {
            (0..<values.count).map { s * sigmaTerms[$0] - meanTerms[$0] }
        }
    }
}
