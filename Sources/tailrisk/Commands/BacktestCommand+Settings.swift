import TailRisk

/// backtest's settings from the shared option groups, with its own defaults:
/// `--window` is the rolling estimation window (default 250, not "the last N
/// returns"), there is no horizon (forecasts are one step ahead), and Monte Carlo
/// runs 10,000 scenarios per day, each day on one engine thread.
extension BacktestCommand {
    /// `model`: the model flags as the input adjusts them (`LoadedBasket.model`), default `self.model`.
    func settings(model: ModelOptions? = nil) throws -> BacktestAnalysis.Settings {
        let model = model ?? self.model
        let pnl = model.resolvedPnL
        var settings = BacktestAnalysis.Settings(
            window: input.rollingWindow, levels: try levels.levels(), methods: try methods.methods(), pnl: pnl,
            quantile: try methods.convention(),
            simulation: try engine.settings(pnl: pnl, defaultScenarios: CommandDefaults.backtestScenarios, threads: 1),
            threads: engine.threads ?? SimulationSettings.availableCores)
        settings.model = try law.apply(to: try model.spec(law: try law.law()))
        settings.compareAll = methods.compareAll
        return settings
    }
}
