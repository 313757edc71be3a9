/// Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999;
/// methods.md §8): each asset's volatility filter over the window (zero mean:
/// ewma(λ), or GARCH(1,1) fitted to the window), one scenario per window day
/// `r̃_s = σ_{T+1} ∘ z_s` (over `h > 1` steps, overlapping sums of residual days with
/// the variance carried along each window under GARCH), revalued exactly or linearly,
/// then VaR and ES by the historical estimator (`HistoricalRisk`, labelled `fhs`).
///
/// - Reads: the filter fits of the window (`.filter`, `spec.effectiveFilter`): not
///   the window's P&L, not the covariance, not the mean, no engine scenarios.
/// - Id: `fhs` under an ewma filter, `fhs-garch` under GARCH, `fhs-gjr` under GJR (`fhs-NAME` for the GARCH family).
/// - Contributions: with `horizonReturns` given, the Euler ES contributions of the
///   scenario P&L (the historical estimator's weights).
/// - Scale: none (no single forecast σ of the basket).
/// - Complexity: O((T − h + 1)·h·d) for the scenarios and O(T log T) for the sort,
///   given the fits (ewma O(T·d); GARCH one likelihood fit per asset).
public struct FilteredHistoricalMethod: RiskMeasureMethod {
    public init() {}

    public var method: RiskMethod { .fhs }

    public func id(_ spec: RiskModelSpec) -> String { spec.effectiveFilter.garchOrder != nil ? "fhs-\(spec.effectiveFilter.name)" : "fhs" }

    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements { .filter }

    public func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput {
        guard let fits = inputs.filters else { preconditionFailure("fhs reads the filter fits; none were given") }
        let h = inputs.horizon
        let scenarios = try FilteredHistoricalSimulation(fits: fits).scenarioReturns(horizon: h)
        let pnl = PnLSeries.portfolio(returns: scenarios, values: inputs.values, model: inputs.pnlModel)
        let assetPnL = inputs.horizonReturns == nil ? nil
            : PnLSeries.assets(returns: scenarios, values: inputs.values, model: inputs.pnlModel)
        let estimates = try HistoricalRisk.estimates(pnl: pnl, assetPnL: assetPnL, levels: inputs.levels,
                                                     convention: inputs.quantile, method: .fhs)
        let filter = inputs.spec.effectiveFilter
        let treatment = (h == 1 ? "\(scenarios.rows) residual days × σ_{T+1}"
            : "overlapping \(h)-step sums of residual days (\(scenarios.rows) windows)")
            + ", \(filter) filter" + (filter.garchOrder != nil ? ", variance along each window" : "")
        return RiskMethodOutput(estimates: estimates, horizonTreatment: treatment)
    }
}
