/// The deterministic scenarios of filtered historical simulation (methods.md
/// §8; Barone-Adesi, Giannopoulos & Vosper 1999): one scenario per day of the
/// window, `r̃_s = σ_{T+1} ∘ z_s`, today's volatility times that day's
/// standardized residuals, zero mean. VaR and ES then come from the exact P&L
/// of these scenarios by §4's order statistic, as historical simulation does.
///
/// Horizon `h`: overlapping `h`-day sums, scenario `s` the sum over the
/// residual days `s … s + h − 1` (`T − h + 1` scenarios). Under `ewma` every
/// step uses `σ_{T+1}`; under `garch` each asset's variance follows the
/// window's consecutive residuals, `σ²_1 = σ²_{T+1}`,
/// `σ²_{k+1} = ω + α σ²_k z²_{s+k−1} + β σ²_k`.
/// - Complexity: O(T·h·d) and a `T × d` result.
public enum FilteredHistoricalScenarios {
    /// The scenario log returns, `(T − h + 1) × d`.
    /// - Throws: `.insufficientData` when the window holds fewer than `h` days.
    public static func returns(filters: [FilterFit], horizon h: Int) throws -> Matrix {
        precondition(!filters.isEmpty && h >= 1, "at least one asset and a positive horizon")
        let t = filters[0].count, d = filters.count
        guard t >= h else {
            throw TailRiskError.insufficientData(
                message: "filtered historical simulation over \(h) steps needs at least \(h) days, got \(t)")
        }
        let n = t - h + 1
        var out = Matrix(rows: n, cols: d)
        for (i, fit) in filters.enumerated() {
            let z = fit.residuals
            let garch = fit.garch?.parameters
            let today = fit.next
            for s in 0..<n {
                var sum = 0.0
                var variance = today * today
                for k in 0..<h {
                    if let garch {
                        sum += variance.squareRoot() * z[s + k]
                        variance = garch.nextVariance(after: variance, residual: z[s + k])
                    } else {
                        sum += today * z[s + k]
                    }
                }
                out[s, i] = sum
            }
        }
        return out
    }
}
