import Foundation

/// McNeil & Frey (2000) exceedance-residual test of an ES forecast.
///
/// On the exceedance days the residuals are `e_t = (L_t − ES_t)/σ_t` (`σ_t` the
/// forecast's scale where the method has one, else 1). Under a correct ES
/// their mean is zero; the one-sided t-test against a positive mean uses
/// `t = ē / (s/√m)` with the sample standard deviation `s` (divisor `m − 1`) of
/// the `m` residuals and p-value `1 − F_{t, m−1}(t)`. McNeil & Frey bootstrap the
/// null distribution; the t approximation is what is reported here.
public enum McNeilFrey {
    /// `(t, p)`, or `nil` when there are fewer than two residuals or they are all equal.
    /// - Complexity: O(m).
    public static func test(residuals e: [Double]) -> (statistic: Double, pValue: Double)? {
        let m = e.count
        guard m >= 2 else { return nil }
        let mean = e.reduce(0, +) / Double(m)
        var ss = 0.0
        for x in e { ss += (x - mean) * (x - mean) }
        let s = (ss / Double(m - 1)).squareRoot()
        guard s > 0 else { return nil }
        let t = mean / (s / Double(m).squareRoot())
        return (t, 1 - StudentT.cdf(t, degreesOfFreedom: Double(m - 1)))
    }
}

/// Acerbi & Szekely (2014) second test statistic,
/// `Z2 = 1 − Σ_t L_t I_t / (T α ES_t)` in loss terms: zero in expectation when
/// the ES is right, negative when risk is underestimated (at α = 2.5% the 5%
/// and 0.01% critical values are about −0.70 and −1.8).
public enum AcerbiSzekely {
    /// `Z2` over `T` days.
    /// - Precondition: the arrays have equal, non-zero length.
    /// - Complexity: O(T).
    public static func z2(losses: [Double], exceeded: [Bool], expectedShortfall: [Double], alpha: Double) -> Double {
        precondition(!losses.isEmpty && losses.count == exceeded.count && losses.count == expectedShortfall.count,
                     "one loss, exceedance flag and ES per day")
        var s = 0.0
        for t in losses.indices where exceeded[t] { s += losses[t] / expectedShortfall[t] }
        return 1 - s / (Double(losses.count) * alpha)
    }
}
