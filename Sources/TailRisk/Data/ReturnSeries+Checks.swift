extension ReturnSeries {
    /// Refuses a series that no covariance can describe honestly, saying which asset and why:
    ///
    /// - a return that is not finite (an overflowed price ratio, or a NaN from a gap),
    ///   naming its date;
    /// - returns whose variance `(1/T) Σ (r_t − r̄)²` is not finite (too large to square),
    ///   checked on its own so that an overflow is never reported as "zero variance";
    /// - returns that are all equal: constant (stale) prices, whose zero variance no
    ///   covariance repair can fix.
    ///
    /// - Throws: `.insufficientData` naming the asset and the dates.
    /// - Complexity: O(T·d).
    public func requireVariation() throws {
        for (j, asset) in assets.enumerated() {
            let column = returns.column(j)
            guard let first = column.first else { continue }
            let name = ErrorQuoting.bare(asset)
            if let t = column.firstIndex(where: { !$0.isFinite }) {
                throw TailRiskError.insufficientData(
                    message: "\(name)'s return ending on \(dates[t]) is \(column[t]), not a finite number; "
                        + "check its prices around that date")
            }
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + (($1 - mean) * ($1 - mean)) } / Double(column.count)
            guard mean.isFinite && variance.isFinite else {
                throw TailRiskError.insufficientData(
                    message: "the variance of \(name)'s returns from \(startDate) to \(endDate) is not finite "
                        + "(the returns are too large to square); check its prices")
            }
            if column.allSatisfy({ $0 == first }) {
                throw TailRiskError.insufficientData(
                    message: "\(name) has constant prices from \(startDate) to \(endDate) (zero variance); choose other dates or drop it")
            }
        }
    }
}
