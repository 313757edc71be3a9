import Foundation

/// The FZ0 loss of a (VaR, ES) forecast (Patton, Ziegel & Chen 2019,
/// "Dynamic semiparametric models for expected shortfall (and Value-at-Risk)",
/// J. Econometrics 211): the strictly consistent joint score that is
/// homogeneous of degree zero, in methods.md §8's sign convention (losses
/// positive, as fractions of the basket value):
///
///     S(q, e; L) = 1{L ≥ q}(L − q)/(α e) + q/e + ln e − 1,   e > 0.
///
/// Lower is better. Scaling losses by `c` shifts every score by `ln c`, so a
/// comparison between methods does not depend on the unit, but a score does:
/// use fractions of the basket value. Check values (α = 0.01, q = 2, e = 3):
/// `L = 5` gives 100.765279, `L = 1` gives 0.765279.
/// - Complexity: O(1) a day.
public enum FZ0Score {
    /// The score of one day, or `nil` when `e ≤ 0` (not defined; left out and counted).
    public static func score(loss l: Double, valueAtRisk q: Double, expectedShortfall e: Double,
                             alpha: Double) -> Double? {
        guard e > 0, e.isFinite, q.isFinite, l.isFinite else { return nil }
        let hit = l >= q ? (l - q) / (alpha * e) : 0
        return hit + q / e + log(e) - 1
    }

    /// Scores of a method's backtest days, with losses, VaR and ES divided by `base`.
    /// - Returns: the score of each day (`nil` where undefined) and the count left out.
    public static func scores(_ days: [BacktestDay], alpha: Double, base: Double) -> (scores: [Double?], leftOut: Int) {
        let s = days.map { d in
            score(loss: -d.pnl / base, valueAtRisk: d.valueAtRisk / base, expectedShortfall: d.expectedShortfall / base,
                  alpha: alpha)
        }
        return (s, s.filter { $0 == nil }.count)
    }
}
