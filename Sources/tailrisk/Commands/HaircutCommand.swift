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
    @OptionGroup var shared: ScenarioRunOptions

    func validate() throws {
        if input.assets != nil { throw ValidationError("--assets: haircut takes its assets from --collateral") }
    }

    /// The policy file (if any) with the typed flags on top, validated once merged.
    func resolvedPolicy() throws -> HaircutPolicy {
        let file = try haircut.policy.map { try HaircutPolicyFile.read(path: $0) }
        var p = file?.policy ?? HaircutPolicy()
        try haircut.overlay(on: &p)
        // The shared groups' values, where given, override the file's.
        if let level = try shared.levels.single() { p.confidence = level.confidence }
        if let h = shared.horizon.horizon { p.horizon = h }
        // The model and engine: each typed from its flag onto the file's (the law stays typed to the model).
        p.model = try shared.model.choices(over: p.model, law: shared.law)
        p.engine = p.engine.overlaid(by: EngineChoices(scenarios: shared.engine.scenarios, seed: shared.engine.seed))
        // Ranges are checked once, on the merged policy: a flag may repair the file's value.
        if let file { try file.validate(p) } else { try p.validate() }
        return p
    }

    func run() throws {
        let outDirectory = try shared.output.out.map(OutputDirectory.init(path:))
        let policy = try resolvedPolicy()
        let table = try input.readPriceTable(for: "haircut")
        let pnl = shared.model.resolvedPnL
        let settings = HaircutAnalysis.Settings(
            policy: policy, lambda: shared.model.resolvedLambda, pnl: pnl, zeroMean: shared.model.zeroMean,
            simulation: try shared.engine.settings(pnl: pnl, distributed: true),
            liquidity: try policy.liquidity.map { try LiquidityTable.read(path: $0) },
            from: input.fromDay, to: input.toDay, window: input.window)
        let analysis = try HaircutAnalysis.run(table: table, settings: settings)
        if let w = UnusedFlags.zeroMeanWarning(zeroMean: shared.model.zeroMean, law: analysis.law) { NoteOutput.warn(w) }
        let gridResult = haircut.grid ? try HaircutGrid.run(table: table, settings: settings) : nil
        let report = HaircutOutput(analysis: analysis, grid: gridResult, pnl: pnl, zeroMean: shared.model.zeroMean,
                                   provenance: Provenance(table: table, series: analysis.series))
        try ReportOutput.emit(report, format: shared.output.format, to: outDirectory)
    }
}
