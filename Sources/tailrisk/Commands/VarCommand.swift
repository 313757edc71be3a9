import ArgumentParser
import TailRisk

/// `tailrisk var`: VaR and ES of a basket by every standard method, side by side.
struct VarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "var",
        abstract: "Value at Risk and Expected Shortfall of a basket: historical, normal, Cornish-Fisher, FHS, Monte Carlo.")

    @OptionGroup var input: InputOptions
    @OptionGroup var positions: PositionOptions
    @OptionGroup var methods: MethodOptions
    @OptionGroup var shared: ScenarioRunOptions

    @Flag(help: "Print each asset's Euler ES contribution (amount and share; exact VaR contributions for normal) and add the share columns to the CSV.")
    var contributions = false

    func run() throws {
        let outDirectory = try shared.output.out.map(OutputDirectory.init(path:))
        let basket = try LoadedBasket.load(input, positions)
        let model = try basket.model(shared.model)
        let settings = try RiskAnalysis.Settings(methods: try methods.methods(), quantile: try methods.convention(),
                                                 levels: shared.levels, horizon: shared.horizon, model: model, law: shared.law,
                                                 simulation: try shared.engine.settings(pnl: model.resolvedPnL, distributed: true))
        for w in UnusedFlags.warnings(methods: settings.methods, model: model, law: shared.law, engine: shared.engine,
                                            lawInForce: settings.model.law) { NoteOutput.warn(w) }
        let mc = settings.methods.contains(.monteCarlo)
        let progress = ProgressBar.forRun(scenarios: mc ? settings.simulation.scenarios : 0)
        let analysis = try RiskAnalysis.run(series: basket.series, portfolio: basket.portfolio, settings: settings,
                                            progress: progress?.update)
        progress?.finish()
        let report = VarReport(analysis: analysis, provenance: basket.provenance(), showContributions: contributions)
        try ReportOutput.emit(report, format: shared.output.format, to: outDirectory)
        NoteOutput.warnUnusable(report.noteRows)
    }
}

extension RiskAnalysis.Settings {
    /// The settings of var and simulate from the shared option groups, with
    /// their defaults (levels 0.99 and 0.975, one step, exact P&L).
    init(methods: [RiskMethod], quantile: QuantileConvention = .orderStatistic, levels: LevelOptions,
         horizon: HorizonOptions, model: ModelOptions, law: LawOptions, simulation: SimulationSettings) throws {
        self.init(levels: try levels.levels(), methods: methods, horizon: horizon.steps, pnl: model.resolvedPnL,
                  quantile: quantile, simulation: simulation)
        self.model = try law.apply(to: try model.spec(law: try law.law()))
    }
}
