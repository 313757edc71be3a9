/// What `tailrisk cov` computes: an estimate on aligned (or, for `pairwise`,
/// pairwise-complete) returns, its positive-definiteness check and repair.
public struct CovarianceAnalysis: Sendable {
    /// The aligned return series (for `pairwise`: the dates where every asset
    /// has a price, recorded for provenance; the estimate itself uses every pair's common dates).
    public let series: ReturnSeries
    public let estimate: CovarianceEstimate
    /// The estimate after the positive-definiteness check (repaired when needed).
    public let factored: FactoredCovariance

    /// Correlation of the (repaired) covariance.
    public var correlation: Matrix {
        let s = factored.covariance
        let sd = s.diagonal.map { $0.squareRoot() }
        var c = s
        for j in 0..<s.cols {
            for i in 0..<s.rows { c[i, j] = sd[i] > 0 && sd[j] > 0 ? s[i, j] / (sd[i] * sd[j]) : (i == j ? 1 : 0) }
        }
        return c
    }

    public static func run(table: PriceTable, assets: [String]?, from: Day?, to: Day?, window: Int?,
                           estimator: CovarianceEstimator, lambda: Double) throws -> CovarianceAnalysis {
        // Refuse a basket the repair cannot take before estimating it (Limits.covarianceAssets).
        try Limits.checkCovarianceSize(assets?.count ?? table.assets.count, parameter: .assets)
        if estimator == .pairwise {
            let gappy = try table.gappyLogReturns(assets: assets, from: from, to: to)
            let rows = window.map { min($0, gappy.returns.rows) } ?? gappy.returns.rows
            let returns = gappy.returns.rows(gappy.returns.rows - rows..<gappy.returns.rows)
            let estimate = try PairwiseCovariance().fit(returns)
            // Pairwise-complete returns as a series (NaN where a pair is missing), for the record.
            let chosen = assets ?? table.assets
            let columns = chosen.compactMap { table.index(of: $0) }
            let firstRow = table.dates.firstIndex(of: gappy.dates[gappy.dates.count - rows])! - 1
            let lastRow = table.dates.firstIndex(of: gappy.dates.last!)!
            let lastPrices = columns.map { j in
                (firstRow...lastRow).reversed().lazy.map { table.prices[$0, j] }.first { $0.isFinite } ?? .nan
            }
            let alignment = AlignmentReport(policy: .pairwise, datesInRange: lastRow - firstRow + 1,
                                            datesKept: lastRow - firstRow + 1,
                                            datesLost: Dictionary(uniqueKeysWithValues: chosen.map { ($0, 0) }))
            let series = ReturnSeries(assets: chosen, dates: Array(gappy.dates.suffix(rows)), returns: returns,
                                      startDate: table.dates[firstRow], lastPrices: lastPrices, alignment: alignment)
            return CovarianceAnalysis(series: series, estimate: estimate,
                                      factored: try PositiveDefiniteRepair.factor(estimate.covariance))
        }
        let series = try table.returnSeries(assets: assets, from: from, to: to, window: window)
        try series.requireVariation()
        try series.requireBoundedReturns()
        let estimate = try estimator.makeEstimator(lambda: lambda).fit(series.returns)
        return CovarianceAnalysis(series: series, estimate: estimate,
                                  factored: try PositiveDefiniteRepair.factor(estimate.covariance))
    }
}
