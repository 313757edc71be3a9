/// The precision of simulated VaR and ES (methods.md §4).
public enum Precision {
    /// Ranks (1-based, in tail order `L_(1) ≥ L_(2) ≥ …`) of a distribution-free
    /// 95% confidence interval `[L_(upper), L_(lower)]` for the VaR.
    ///
    /// The number of losses at or above the true quantile is `X ~ Binomial(n, α)`,
    /// so `P(L_(j) ≥ VaR) = P(X ≥ j)`. `lower = q_{0.025}` (at least 1) keeps
    /// `P(L_(lower) < VaR) ≤ 2.5%` and `upper = q_{0.975} + 1` keeps
    /// `P(L_(upper) > VaR) ≤ 2.5%`, with `q_p` the binomial quantiles
    /// (order-statistic intervals: David & Nagaraja, *Order Statistics*, §7.1).
    /// - Complexity: O(log n) binomial CDF evaluations.
    public static func valueAtRiskRanks(level: ConfidenceLevel, scenarios n: Int) -> (lower: Int, upper: Int) {
        let lower = max(1, Binomial.quantile(0.025, n: n, p: level.alpha))
        let upper = min(n, Binomial.quantile(0.975, n: n, p: level.alpha) + 1)
        return (lower, upper)
    }

    /// `SE(ES) ≈ √((Var(L | L ≥ VaR) + (1 − α)(ES − VaR)²) / k)` with `k = nα`
    /// (the plain `sd/√k` understates it by about a third; methods.md §4).
    /// `tail` holds the `⌈k⌉` largest losses; their sample variance estimates
    /// `Var(L | L ≥ VaR)`.
    /// - Complexity: O(⌈k⌉).
    public static func expectedShortfallStandardError(
        tail: ArraySlice<Double>, valueAtRisk: Double, expectedShortfall: Double, alpha: Double, tailCount k: Double
    ) -> Double {
        let m = Double(tail.count)
        var mean = 0.0
        for x in tail { mean += x }
        mean /= m
        var ss = 0.0
        for x in tail { ss += (x - mean) * (x - mean) }
        let variance = tail.count > 1 ? ss / (m - 1) : 0
        let gap = expectedShortfall - valueAtRisk
        return ((variance + (1 - alpha) * gap * gap) / k).squareRoot()
    }
}
