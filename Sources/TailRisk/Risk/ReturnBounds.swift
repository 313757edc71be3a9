import Foundation

extension ReturnSeries {
    /// Refuses a series with a log return beyond `±Limits.largestLogReturn`
    /// (`ln 10⁶ ≈ 13.8` per step of the series' horizon): a price that
    /// multiplies or divides by more than a million in one row is an error in
    /// the file (a unit, a decimal point, a missing split adjustment), and
    /// revaluing it, `V (e^r − 1)`, can overflow the P&L and its moments.
    ///
    /// The bound scales with `horizon` for overlapping `h`-step returns (`h · ln 10⁶`),
    /// which a series of bounded daily returns always meets.
    /// - Parameter measuredIn: the numéraire when the returns are relative to a debt asset, for the message.
    /// - Throws: `.numerical` naming the asset, the date and the bound.
    /// - Complexity: O(T·d).
    public func requireBoundedReturns(measuredIn numeraire: String? = nil) throws {
        let bound = Limits.largestLogReturn * Double(horizon)
        for (j, asset) in assets.enumerated() {
            for t in 0..<count {
                let r = returns[t, j]
                guard !(abs(r) <= bound) else { continue }
                let from = t == 0 ? startDate : dates[t - 1]
                let relative = numeraire.map { " relative to \($0)" } ?? ""
                throw TailRiskError.numerical(
                    message: "the log return of \(asset)\(relative) from \(from) to \(dates[t]) is \(Limits.text(r, significant: 4)) (prices × "
                        + "\(Limits.text(exp(r), significant: 3))), beyond ±\(Limits.text(bound, significant: 3)) = "
                        + "\(horizon == 1 ? "" : "\(horizon) × ")ln 10⁶, the largest move in one step TailRisk takes "
                        + "(check the prices on those dates for a unit or decimal error)")
            }
        }
    }
}
