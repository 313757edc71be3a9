import Foundation

/// The FZ0 score of Patton, Ziegel & Chen (2019, *Dynamic semiparametric models
/// for expected shortfall (and Value-at-Risk)*, J. Econometrics 211), the strictly
/// consistent joint scoring function of (VaR, ES) that is homogeneous of degree
/// zero, written for positive losses (methods.md §8): with VaR `q`, ES `e > 0` at
/// tail probability `α` and the realised loss `L`,
///
///     S = 1{L ≥ q} (L − q) / (α e) + q / e + ln e − 1,
///
/// lower is better. Losses, VaR and ES are fractions of the basket value: the
/// score shifts by `ln c` when all three are scaled by `c`, so currency amounts
/// would make baskets of different sizes incomparable. Check values at `α = 0.01`,
/// `q = 2`, `e = 3`: `L = 5` gives 100.765279, `L = 1` gives 0.765279.
/// A day with `e ≤ 0` (or a non-finite input) has no score: it is left out and counted.
public enum FZ0 {
    /// The score of one day, `nil` when `e ≤ 0` or an input is not finite.
    /// - Complexity: O(1).
    public static func score(loss: Double, valueAtRisk q: Double, expectedShortfall e: Double, alpha: Double) -> Double? {
        guard e > 0, e.isFinite, q.isFinite, loss.isFinite else { return nil }
        let exceedance = loss >= q ? (loss - q) / (alpha * e) : 0
        return exceedance + q / e + log(e) - 1
    }

    /// The daily scores of one method's forecasts at one level.
    /// - Precondition: the three arrays have the same length; `0 < alpha < 1`.
    /// - Complexity: O(n).
    public static func scores(losses: [Double], valueAtRisk: [Double], expectedShortfall: [Double],
                              alpha: Double) -> FZ0Scores {
        precondition(losses.count == valueAtRisk.count && losses.count == expectedShortfall.count,
                     "one VaR and one ES per realised loss")
        precondition(alpha > 0 && alpha < 1, "alpha must lie in (0, 1)")
        return FZ0Scores(daily: losses.indices.map {
            score(loss: losses[$0], valueAtRisk: valueAtRisk[$0], expectedShortfall: expectedShortfall[$0], alpha: alpha)
        })
    }
}

/// One method's FZ0 scores over a run of days (`nil` on a day it has no score).
public struct FZ0Scores: Sendable, Equatable {
    /// The score of each day, aligned with the days of the backtest.
    public let daily: [Double?]

    public init(daily: [Double?]) {
        self.daily = daily
    }

    /// Days with a score.
    public var scored: Int { daily.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    /// Days left out (ES not positive, or nothing forecast).
    public var skipped: Int { daily.count - scored }

    /// The mean score over the scored days, `nil` when there are none.
    public var mean: Double? {
        var sum = 0.0, n = 0
        for case let s? in daily { sum += s; n += 1 }
        return n > 0 ? sum / Double(n) : nil
    }
}
