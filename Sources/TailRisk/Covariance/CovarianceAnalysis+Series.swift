extension CovarianceAnalysis {
    /// The estimate on a series given as it is (`--input returns` or `pnl`): the same
    /// estimators, check and repair as `run(table:…)` on prices, `pairwise` excepted (it
    /// pairs gappy prices; a returns file is aligned once by intersect).
    ///
    /// - Throws: `.invalidParameter(.estimator)` for `pairwise`; `.numerical` for a return
    ///   beyond `±ln 10⁶` per step (as `var`); what the estimator and the repair throw.
    public static func run(series: ReturnSeries, estimator: CovarianceEstimator, lambda: Double) throws -> CovarianceAnalysis {
        guard estimator != .pairwise else {
            throw TailRiskError.invalidParameter(.estimator, message:
                "pairwise pairs gappy price histories; with --input returns or pnl choose another estimator")
        }
        try Limits.checkCovarianceSize(series.assets.count, parameter: .assets)
        try series.requireVariation()
        // The same bound `var` applies (ReturnBounds.swift): a return of ×10⁶ in one row is a unit error.
        try series.requireBoundedReturns()
        let estimate = try estimator.makeEstimator(lambda: lambda).fit(series.returns)
        return CovarianceAnalysis(series: series, estimate: estimate,
                                  factored: try PositiveDefiniteRepair.factor(estimate.covariance))
    }
}
