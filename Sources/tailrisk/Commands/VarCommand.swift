import ArgumentParser
import TailRisk

/// `tailrisk var`: VaR and ES of a basket by every standard method, side by side.
struct VarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "var",
        abstract: "Value at Risk and Expected Shortfall of a basket: historical, normal, Cornish-Fisher, Monte Carlo.")

    @OptionGroup var input: InputOptions
    @OptionGroup var positions: PositionOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Methods, comma separated or repeated: historical, normal, cornish-fisher, fhs, monte-carlo (default: all).")
    var method: [String] = []

    @Option(help: "Historical quantile: order-statistic (with Acerbi-Tasche ES) or linear (R type 7, ES = mean beyond).")
    var quantile: String = QuantileConvention.orderStatistic.rawValue

    func validate() throws {
        _ = try methods()
        _ = try ListParsing.quantile(quantile)
        _ = try ListParsing.estimator(model.estimator)
    }

    func methods() throws -> [RiskMethod] { try ListParsing.methods(method) }

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let basket = try LoadedBasket.load(input, positions)
        var settings = RiskAnalysis.Settings(
            levels: try model.levels(default: [0.99, 0.975]), methods: try methods(),
            estimator: try ListParsing.estimator(model.estimator), lambda: model.lambda, horizon: model.horizon,
            pnl: model.pnl, zeroMean: model.zeroMean, quantile: try ListParsing.quantile(quantile),
            distribution: try simulation.distribution(), simulation: try simulation.settings(pnl: model.pnl))
        settings.model.filter = try filter.spec()
        let progress = ProgressBar.forRun(scenarios: settings.methods.contains(.monteCarlo) ? simulation.scenarios : 0)
        let analysis = try RiskAnalysis.run(series: basket.series, portfolio: basket.portfolio, settings: settings,
                                            progress: progress?.update)
        progress?.finish()
        let report = VarReport(analysis: analysis, provenance: basket.provenance())
        // Files first: a failure to write them leaves stdout empty.
        try outDirectory?.commit([("summary.json", report.json.rendered() + "\n"), ("pnl.csv", report.pnlCSV)])
        switch output.format {
        case .table: print(report.table)
        case .json: print(report.json.rendered())
        case .csv: print(report.csv, terminator: "")
        }
    }
}
