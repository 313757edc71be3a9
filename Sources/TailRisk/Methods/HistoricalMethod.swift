/// Historical simulation (methods.md §4): VaR and ES read off the empirical loss
/// distribution of the window's own P&L, `L = −P&L`, by `HistoricalRisk` under the
/// quantile convention of the inputs (order statistic, or R type 7 `linear`).
///
/// - Reads: the window's P&L over the horizon only (`.window`): no mean, no
///   covariance, no filter, no scenarios. Over `h > 1` steps the P&L is that of the
///   overlapping `h`-step returns (`ReturnSeries.overlapping(horizon:)`), as `var`
///   builds it; a backtest forecasts one step.
/// - Contributions: with `horizonReturns` given, the Euler ES contributions
///   `C_i = Σ_t w_t (−P&L_ti)` with the Acerbi–Tasche weights of the ES itself.
/// - Scale: none (the McNeil–Frey residuals of a backtest are then unscaled).
/// - Complexity: O(n log n) for the sort of `n` losses, plus O(k·d) per level for contributions.
public struct HistoricalMethod: RiskMeasureMethod {
    public init() {}

    public var method: RiskMethod { .historical }

    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements { .window }

    public func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput {
        let assetPnL = inputs.horizonReturns.map {
            PnLSeries.assets(returns: $0, values: inputs.values, model: inputs.pnlModel)
        }
        let estimates = try HistoricalRisk.estimates(pnl: inputs.pnl, assetPnL: assetPnL, levels: inputs.levels,
                                                     convention: inputs.quantile)
        let h = inputs.horizon
        return RiskMethodOutput(
            estimates: estimates,
            horizonTreatment: h == 1 ? "daily returns" : "overlapping \(h)-step returns (\(inputs.pnl.count) windows)")
    }
}
