/// Re-expressing collateral in the asset the debt is owed in (methods.md §5).
///
/// Risk of a collateralised loan is the risk of the collateral **relative to
/// the debt**: borrowing ETH against BTC loses when BTC falls against ETH,
/// whatever both do against the dollar. With log returns the change of
/// numéraire is a difference: `ln((P_i/P_D)_t / (P_i/P_D)_{t−1}) = r_i − r_D`.
public enum DebtNumeraire {
    /// The returns of every other asset relative to `debtAsset`, `r_i − r_D`,
    /// and their last prices in units of the debt asset, `P_i / P_D`; the
    /// debt asset's column is dropped. Dates, horizon and alignment are kept.
    ///
    /// Throws `invalidParameter(.debtAsset, …)` when `debtAsset` is not a
    /// column, or is the only one.
    /// - Complexity: O(T·d).
    public static func relative(_ series: ReturnSeries, debtAsset: String) throws -> ReturnSeries {
        guard let d = series.assets.firstIndex(of: debtAsset) else {
            throw TailRiskError.invalidParameter(
                .debtAsset,
                message: "'\(debtAsset)' is not among the assets (\(series.assets.joined(separator: ", ")))")
        }
        guard series.assets.count > 1 else {
            throw TailRiskError.invalidParameter(.debtAsset,
                                              message: "no collateral asset is left besides the debt asset '\(debtAsset)'")
        }
        let kept = series.assets.indices.filter { $0 != d }
        let debtReturns = series.returns.column(d)
        var returns = series.returns.columns(kept)
        for j in kept.indices {
            for t in 0..<returns.rows { returns[t, j] -= debtReturns[t] }
        }
        let debtPrice = series.lastPrices[d]
        return ReturnSeries(assets: kept.map { series.assets[$0] }, dates: series.dates, returns: returns,
                            startDate: series.startDate, lastPrices: kept.map { series.lastPrices[$0] / debtPrice },
                            horizon: series.horizon, alignment: series.alignment)
    }
}
