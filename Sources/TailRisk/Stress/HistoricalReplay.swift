import Foundation

/// Historical replay (methods.md §9): the returns of a past window applied to
/// today's basket, in the numéraire the haircut measures in (returns relative
/// to the debt asset when it is a column, `r_i − r_D`).
///
/// With today's values `C_i` (numéraire units), the window's daily log returns
/// `r_{s,i}` (`s = 1 … n`) and cumulative sums `R_i(t) = Σ_{s ≤ t} r_{s,i}`:
/// - path (buy and hold): `V_t = Σ_i C_i exp(R_i(t))`, `pnl_t = Σ_i C_i expm1(R_i(t))`;
/// - total loss `L = −pnl_n`;
/// - worst `h`-step loss: `max_k Σ_i C_i (1 − exp(Σ_{s=k}^{k+h−1} r_{s,i}))` over the
///   `n − h + 1` stretches of `h` consecutive returns inside the window, each applied
///   to today's basket (ties: the earliest stretch);
/// - with a debt `D` and liquidation thresholds `LT_i`: `HF_t = Σ_i C_i LT_i exp(R_i(t)) / D`,
///   the health factor after the worst stretch `Σ_i C_i LT_i exp(S_i) / D`, and the
///   basket is liquidated on the first date with `HF_t < 1`.
/// Losses are positive amounts; a negative loss is a gain.
/// - Complexity: O(n·d·h).
public enum HistoricalReplay {
    /// One point of a replayed path.
    public struct Point: Sendable, Equatable {
        public let date: Day
        public let value: Double
        public let pnl: Double
        /// `nil` without a debt.
        public let healthFactor: Double?
    }

    /// A replayed window.
    public struct Result: Sendable {
        public let window: ReplayWindow
        /// Number of returns inside the window.
        public let returns: Int
        /// Dates of the first and last return inside.
        public let firstDate: Day
        public let lastDate: Day
        /// Today's basket value `V_0 = Σ C_i`.
        public let startValue: Double
        public let totalLoss: Double
        public let worstLoss: Double
        /// Dates of the first and last return of the worst stretch.
        public let worstStart: Day
        public let worstEnd: Day
        /// `HF_0`, before the window.
        public let healthFactorStart: Double?
        /// Health factor of today's basket after the worst stretch.
        public let healthFactorAfterWorst: Double?
        /// Lowest health factor along the path and its date.
        public let minimumHealthFactor: Double?
        public let minimumHealthFactorDate: Day?
        /// Whether `HF_t < 1` on some date of the path (`nil` without a debt).
        public let liquidated: Bool?
        /// The first such date.
        public let liquidatedOn: Day?
        /// `V_0` dated the price date before the first return, then one point per return.
        public let path: [Point]

        public var totalLossFraction: Double { totalLoss / startValue }
        public var worstLossFraction: Double { worstLoss / startValue }
    }

    /// Replays `window` on `series` (daily returns in the numéraire) for the
    /// basket worth `values` today.
    ///
    /// - Parameters:
    ///   - horizon: `h ≥ 1`, the length of the worst stretch in returns.
    ///   - thresholds: `LT_i` per asset, with `debt`; both or neither.
    ///   - parameter: the quantity named in errors.
    /// - Throws: `.insufficientData` when the window holds fewer than `h` returns
    ///   of the series (naming the window and the series' dates).
    public static func run(series: ReturnSeries, values: [Double], window: ReplayWindow, horizon h: Int,
                           thresholds: [Double]? = nil, debt: Double? = nil,
                           parameter: Parameter = .replay) throws -> Result {
        precondition(values.count == series.assets.count, "one value per asset")
        precondition(h >= 1, "horizon must be at least 1")
        precondition((thresholds == nil) == (debt == nil), "thresholds and debt go together")
        precondition(thresholds.map { $0.count == values.count } ?? true, "one threshold per asset")
        let rows = window.rows(in: series.dates)
        guard rows.count >= max(h, 1) else {
            throw TailRiskError.insufficientData(message:
                "\(parameter.name) \(window.name.map { "\($0) (\(window))" } ?? window.description): \(rows.count) returns of the basket lie inside, "
                + "fewer than the horizon \(h) (the basket's returns run \(series.dates.first.map(\.description) ?? "-") → \(series.endDate))")
        }
        let d = values.count
        let r = series.returns
        func hf(_ growth: (Int) -> Double) -> Double? {
            guard let thresholds, let debt else { return nil }
            var s = 0.0
            for i in 0..<d { s += values[i] * thresholds[i] * growth(i) }
            return s / debt
        }
        let startValue = values.reduce(0, +)
        let startDate = rows.lowerBound == 0 ? series.startDate : series.dates[rows.lowerBound - 1]
        var path = [Point(date: startDate, value: startValue, pnl: 0, healthFactor: hf { _ in 1 })]
        var cumulative = [Double](repeating: 0, count: d)
        for t in rows {
            var pnl = 0.0
            for i in 0..<d {
                cumulative[i] += r[t, i]
                pnl += values[i] * expm1(cumulative[i])
            }
            path.append(Point(date: series.dates[t], value: startValue + pnl, pnl: pnl,
                              healthFactor: hf { exp(cumulative[$0]) }))
        }
        var worst = -Double.infinity, worstAt = rows.lowerBound
        var worstSums = [Double](repeating: 0, count: d)
        for k in rows.lowerBound...(rows.upperBound - h) {
            var loss = 0.0
            var sums = [Double](repeating: 0, count: d)
            for i in 0..<d {
                for s in k..<(k + h) { sums[i] += r[s, i] }
                loss -= values[i] * expm1(sums[i])
            }
            if loss > worst { worst = loss; worstAt = k; worstSums = sums }
        }
        var minimum: Point?
        var liquidatedOn: Day?
        for p in path.dropFirst() {
            guard let f = p.healthFactor else { break }
            if minimum.map({ f < $0.healthFactor! }) ?? true { minimum = p }
            if f < 1 && liquidatedOn == nil { liquidatedOn = p.date }
        }
        return Result(window: window, returns: rows.count, firstDate: series.dates[rows.lowerBound],
                      lastDate: series.dates[rows.upperBound - 1], startValue: startValue,
                      totalLoss: -path.last!.pnl, worstLoss: worst, worstStart: series.dates[worstAt],
                      worstEnd: series.dates[worstAt + h - 1], healthFactorStart: path[0].healthFactor,
                      healthFactorAfterWorst: hf { exp(worstSums[$0]) },
                      minimumHealthFactor: minimum?.healthFactor, minimumHealthFactorDate: minimum?.date,
                      liquidated: debt == nil ? nil : liquidatedOn != nil, liquidatedOn: liquidatedOn, path: path)
    }
}
