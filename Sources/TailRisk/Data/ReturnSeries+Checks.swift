extension ReturnSeries {
    /// Refuses a series in which some asset's returns are all equal: constant
    /// (stale) prices, whose zero variance no covariance repair can fix honestly.
    /// - Throws: `.insufficientData` naming the asset and the dates.
    /// - Complexity: O(T·d).
    public func requireVariation() throws {
        for (j, asset) in assets.enumerated() {
            let column = returns.column(j)
            guard let first = column.first else { continue }
            if column.allSatisfy({ $0 == first }) {
                throw TailRiskError.insufficientData(
                    message: "\(asset) has constant prices from \(startDate) to \(endDate) (zero variance); choose other dates or drop it")
            }
        }
    }
}
