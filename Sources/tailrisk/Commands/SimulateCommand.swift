import ArgumentParser
import TailRisk

/// `tailrisk simulate`: the Monte Carlo part of `var`, with its tail scenarios
/// and the histogram of the whole loss distribution written under `--out`.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte Carlo VaR and ES of a basket; --out writes summary.json, tail.csv and histogram.csv.")

    @OptionGroup var input: InputOptions
    @OptionGroup var positions: PositionOptions
    @OptionGroup var levels: LevelOptions
    @OptionGroup var horizon: HorizonOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var law: LawOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print each asset's Euler ES contribution (amount and share; exact VaR contributions for normal) and add the share columns to the CSV.")
    var contributions = false

    @Option(help: ArgumentHelp(
        "Largest-loss scenarios written to tail.csv with each asset's P&L.",
        discussion: "Default: the scenarios beyond VaR at every --confidence level (n·α at the lowest), at most \(SimulateCommand.defaultTailCap)."))
    var tail: Int?

    @Option(help: "Bins of histogram.csv over the range of a pilot block of losses (under/overflow rows beyond).")
    var bins: Int = 200

    @Flag(help: "No progress bar on stderr.")
    var quiet = false

    static let defaultTailCap = 10_000

    func validate() throws {
        if let tail { try Limits.check(tail, atMost: Limits.exportedTailScenarios, option: "--tail", atLeast: 0) }
        try Limits.check(bins, atMost: Limits.histogramBins, option: "--bins")
    }

    /// Tail scenarios to export: only when files are written.
    func tailCount(levels: [ConfidenceLevel]) -> Int {
        guard output.out != nil else { return 0 }
        if let tail { return tail }
        let beyond = levels.map { $0.tailCount(engine.scenarioCount()).rounded(.up) }.max() ?? 0
        return min(Int(beyond), SimulateCommand.defaultTailCap)
    }

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let basket = try LoadedBasket.load(input, positions)
        let model = try basket.model(self.model)
        let writing = output.out != nil
        let engineSettings = try engine.settings(pnl: model.resolvedPnL, tailScenarios: tailCount(levels: try levels.levels()),
                                                 histogramBins: writing ? bins : 0)
        let settings = try RiskAnalysis.Settings(methods: [.monteCarlo], levels: levels, horizon: horizon, model: model,
                                                 law: law, simulation: engineSettings)
        for w in UnusedFlags.warnings(methods: settings.methods, model: model, law: law, engine: engine) { NoteOutput.warn(w) }
        let progress = ProgressBar.forRun(scenarios: settings.simulation.scenarios, quiet: quiet)
        let analysis = try RiskAnalysis.run(series: basket.series, portfolio: basket.portfolio, settings: settings,
                                            progress: progress?.update)
        progress?.finish()
        let report = VarReport(analysis: analysis, provenance: basket.provenance(), showContributions: contributions)
        var json = report.json
        var written: String?
        if let out = output.out, let dir = outDirectory, let result = analysis.simulation {
            let files = SimulateFiles(result: result, assets: analysis.portfolio.assets)
            json = files.summary(json, directory: out)
            try dir.commit([(SimulateFiles.summaryName, json.rendered() + "\n"),
                            (SimulateFiles.tailName, files.tailCSV),
                            (SimulateFiles.histogramName, files.histogramCSV)],
                           announce: output.format != .table)  // the table's last line says it
            written = files.description(directory: out)
        }
        switch output.format {
        case .table:
            print(report.table)
            print(written ?? "no files written (--out DIR writes summary.json, tail.csv and histogram.csv)")
        case .json: print(json.rendered())
        case .csv: print(report.csv, terminator: "")
        }
        NoteOutput.warnUnusable(report.noteRows)
    }
}
