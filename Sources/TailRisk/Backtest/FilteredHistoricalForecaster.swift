extension BacktestForecaster {
    /// Filtered historical simulation (`FilteredHistoricalMethod`) refitted on each day's window (methods.md
    /// §8): the volatility filter of each asset over the window (zero mean;
    /// GARCH re-estimated every day), one scenario per window day
    /// `σ_{T+1} ∘ z_s`, exact (or linear) P&L of the constant positions, and
    /// VaR/ES by the historical estimator. No scale: the McNeil–Frey residuals
    /// are unscaled, since the method has no single forecast σ of the basket.
    /// Its name is `fhs` (ewma) or `fhs-garch`.
    /// - Complexity: O(window·d) per day for ewma; GARCH adds `d` fits per day.
    public static func filteredHistorical(filter: VolatilityFilterSpec, pnl: PnLModel,
                                          convention: QuantileConvention = .orderStatistic) -> BacktestForecaster {
        .method(FilteredHistoricalMethod(), spec: RiskModelSpec(filter: filter), pnl: pnl, quantile: convention)
    }
}
