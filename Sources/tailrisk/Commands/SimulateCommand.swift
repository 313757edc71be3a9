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
    @OptionGroup var shared: ScenarioRunOptions

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

    @Option(help: ArgumentHelp(
        "Evaluate only shard i of N (e.g. 3/8) and write DIR/shard.bin and DIR/shard.json for `tailrisk merge` (needs --out).",
        discussion: "Shard i covers stream units [⌊(i−1)U/N⌋, ⌊iU/N⌋) of the U units of the run; merging all N writes what one run writes."))
    var shard: String?

    static let defaultTailCap = 10_000

    func validate() throws {
        if let tail { try Limits.check(tail, atMost: Limits.exportedTailScenarios, parameter: .exportedTail, atLeast: 0) }
        try Limits.check(bins, atMost: Limits.histogramBins, parameter: .histogramBins)
        if let shard {
            do { _ = try ShardSpec.parse(shard) } catch { throw ValidationError("\(error)") }
            guard shared.output.out != nil else { throw ValidationError("--shard needs --out DIR (it writes DIR/shard.bin and DIR/shard.json)") }
            guard shared.engine.targetPrecision == nil else {
                throw ValidationError("--shard: --target-precision cannot be sharded (each round needs the merged standard error); give --scenarios")
            }
        }
    }

    /// Tail scenarios to export: only when files are written.
    func tailCount(levels: [ConfidenceLevel]) -> Int {
        guard shared.output.out != nil else { return 0 }
        if let tail { return tail }
        let beyond = levels.map { $0.tailCount(shared.engine.scenarioCount()).rounded(.up) }.max() ?? 0
        return min(Int(beyond), SimulateCommand.defaultTailCap)
    }

    func run() throws {
        if let shard { return try runShard(try ShardSpec.parse(shard)) }
        try execute(backend: Cluster.backend)
    }

    /// The run on `backend` (this process's threads, or merged shards for `tailrisk merge`).
    func execute(backend: any EngineBackend) throws {
        let outDirectory = try shared.output.out.map(OutputDirectory.init(path:))
        let basket = try LoadedBasket.load(input, positions)
        let model = try basket.model(shared.model)
        let writing = shared.output.out != nil
        var engineSettings = try shared.engine.settings(pnl: model.resolvedPnL, tailScenarios: tailCount(levels: try shared.levels.levels()),
                                                 histogramBins: writing ? bins : 0)
        engineSettings.backend = backend
        let settings = try RiskAnalysis.Settings(methods: [.monteCarlo], levels: shared.levels, horizon: shared.horizon, model: model,
                                                 law: shared.law, simulation: engineSettings)
        for w in UnusedFlags.warnings(methods: settings.methods, model: model, law: shared.law, engine: shared.engine,
                                            lawInForce: settings.model.law) { NoteOutput.warn(w) }
        let progress = ProgressBar.forRun(scenarios: settings.simulation.scenarios, quiet: quiet)
        let analysis = try RiskAnalysis.run(series: basket.series, portfolio: basket.portfolio, settings: settings,
                                            progress: progress?.update)
        progress?.finish()
        let report = VarReport(analysis: analysis, provenance: basket.provenance(), showContributions: contributions)
        let written = shared.output.out.flatMap { out in
            analysis.simulation.map { (SimulateFiles(result: $0, assets: analysis.portfolio.assets), out) }
        }
        try ReportOutput.emit(SimulateReport(report: report, written: written), format: shared.output.format,
                              to: written == nil ? nil : outDirectory,
                              announce: shared.output.format != .table)  // the table's last line says it
        NoteOutput.warnUnusable(report.noteRows)
    }
}
