extension BacktestForecaster {
    /// Filtered historical simulation refitted on each day's window (methods.md
    /// §8): the volatility filter of each asset over the window (zero mean;
    /// GARCH re-estimated every day), one scenario per window day
    /// `σ_{T+1} ∘ z_s`, exact (or linear) P&L of the constant positions, and
    /// VaR/ES by the historical estimator. No scale: the McNeil–Frey residuals
    /// are unscaled, since the method has no single forecast σ of the basket.
    /// Its name is `fhs` (ewma) or `fhs-garch`.
    /// - Complexity: O(window·d) per day for ewma; GARCH adds `d` fits per day.
    public static func filteredHistorical(filter: VolatilityFilterSpec, pnl: PnLModel,
                                          convention: QuantileConvention = .orderStatistic) -> BacktestForecaster {
        let name = RiskAnalysis.methodID(.fhs, model: RiskModelSpec(filter: filter))
        return BacktestForecaster(name: name) { w in
            let fits = try filter.fit(columnsOf: w.returns)
            let scenarios = try FilteredHistoricalSimulation(fits: fits).scenarioReturns(horizon: 1)
            let losses = PnLSeries.portfolio(returns: scenarios, values: w.values, model: pnl).map { -$0 }
            let estimates = try HistoricalRisk.estimates(sortedLosses: losses.sorted(by: >), levels: w.levels,
                                                         convention: convention, method: .fhs)
            return BacktestForecast(estimates: estimates)
        }
    }
}
