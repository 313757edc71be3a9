import ArgumentParser
import TailRisk

/// `tailrisk haircut`: haircuts, liquidation thresholds and loan-to-values of a
/// collateral basket, measured in the debt asset.
struct HaircutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haircut",
        abstract: "Haircuts, liquidation thresholds and LTVs of a collateral basket, measured in the debt asset.",
        discussion: """
            Every setting can come from a --policy YAML file whose keys are the flag names without dashes \
            (collateral: {BTC: 10}, floor: {BTC: 0.1}, debt-asset: USDC, debt: 250000, dist: fhs, filter: garch, ...); \
            flags override the file.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var haircut: HaircutOptions
    @OptionGroup var levels: LevelOptions
    @OptionGroup var horizon: HorizonOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var law: LawOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if input.assets != nil { throw ValidationError("--assets: haircut takes its assets from --collateral") }
    }

    /// The policy file (if any) with the typed flags on top, validated once merged.
    func resolvedPolicy() throws -> HaircutPolicy {
        let file = try haircut.policy.map { try HaircutPolicyFile.read(path: $0) }
        var p = file?.policy ?? HaircutPolicy()
        try haircut.overlay(on: &p)
        // The shared groups' values, where given, override the file's.
        if let level = try levels.single() { p.confidence = level.confidence }
        if let h = horizon.horizon { p.horizon = h }
        if let estimator = model.estimator { p.estimator = estimator }
        if let filter = model.filter.filter { p.filter = filter }
        if let lambda = model.filter.filterLambda { p.filterLambda = lambda }
        if let dist = law.dist { p.distribution = dist }
        if law.df?.lowercased() == "fit" {
            (p.fitDegreesOfFreedom, p.degreesOfFreedom) = (true, nil)
        } else if let df = try law.degreesOfFreedom() {
            (p.fitDegreesOfFreedom, p.degreesOfFreedom) = (false, df)
        }
        if let skew = law.skew { p.skew = skew }
        if let tails = law.tails { p.tails = tails }
        if let scenarios = engine.scenarios { p.scenarios = scenarios }
        if let seed = engine.seed { p.seed = seed }
        // Ranges are checked once, on the merged policy: a flag may repair the file's value.
        if let file { try file.validate(p) } else { try p.validate() }
        return p
    }

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let policy = try resolvedPolicy()
        let table = try input.readPriceTable(for: "haircut")
        let pnl = model.resolvedPnL
        let settings = HaircutAnalysis.Settings(
            policy: policy, lambda: model.resolvedLambda, pnl: pnl, zeroMean: model.zeroMean,
            simulation: try engine.settings(pnl: pnl, distributed: true),
            liquidity: try policy.liquidity.map { try LiquidityTable.read(path: $0) },
            from: input.fromDay, to: input.toDay, window: input.window)
        let analysis = try HaircutAnalysis.run(table: table, settings: settings)
        if let w = UnusedFlags.zeroMeanWarning(zeroMean: model.zeroMean, law: analysis.law) { NoteOutput.warn(w) }
        let gridResult = haircut.grid ? try HaircutGrid.run(table: table, settings: settings) : nil
        let report = HaircutOutput(analysis: analysis, grid: gridResult, pnl: pnl, zeroMean: model.zeroMean,
                                   provenance: Provenance(table: table, series: analysis.series))
        let json = report.json.rendered() + "\n"
        var files: [(name: String, text: String)] = [("summary.json", json), ("assets.csv", report.assetsCSV)]
        if let g = report.gridCSV { files.append(("grid.csv", g)) }
        try outDirectory?.commit(files)
        switch output.format {
        case .table: print(report.table)
        case .json: print(json, terminator: "")
        case .csv: print(report.assetsCSV, terminator: "")
        }
    }
}
