import ArgumentParser
import TailRisk

/// `tailrisk stress`: stress scenarios of a collateral basket on the inputs of
/// `tailrisk haircut` (methods.md §9). Historical replays, hypothetical shocks, depegs and correlation breaks.
///
/// The haircut's flags (collateral, debt, policy, horizon, model) are taken
/// over whole as an option group of `HaircutCommand`, so the two commands read
/// them alike; the stress flags are this command's own.
struct StressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Stress scenarios of a collateral basket (replays, shocks, depegs, correlation breaks), measured in the debt asset.",
        discussion: """
            Takes every flag of `tailrisk haircut` (collateral, debt, policy, horizon, model). A replay applies the returns \
            dated FROM..TO (relative to the debt asset when it is a column) to today's basket: total loss, the worst \
            --horizon-step loss inside, and the health factor along the path (liquidation thresholds from --lt, else the \
            haircut's standalone LT(H), which costs one haircut simulation).
            """)

    @OptionGroup var haircut: HaircutCommand

    @Option(help: "Historical window FROM:TO (ISO dates, inclusive; repeatable).")
    var replay: [String] = []

    @Option(help: "YAML list of named windows (- name: …, from: YYYY-MM-DD, to: YYYY-MM-DD, note: …), e.g. Data/stress_catalogue.yaml.")
    var catalogue: String?

    @Option(help: "Hypothetical shock: simple returns over the horizon, e.g. BTC=-30%,USDC=-5% (repeatable).")
    var shock: [String] = []

    @Option(name: .customLong("scenario-file"),
            help: "YAML list of named shocks (- name: …, shock: BTC=-30%,ETH=-35%, conditional: true), run after the --shock ones.")
    var scenarioFile: String?

    @Flag(help: "Move the unshocked assets by their conditional mean under the fitted model (and report the conditional VaR/ES, exact P&L, Monte Carlo).")
    var conditional = false

    @Option(help: "Depeg ASSET=SEVERITY@PROBABILITY over the horizon, e.g. USDC=10%@2% (repeatable; haircuts with and without it).")
    var depeg: [String] = []

    @Option(name: .customLong("set-correlation"),
            help: "Correlation break A:B=RHO[,C:D=RHO…] (repeatable): nearest correlation matrix with these fixed (RHO = ±1 ties the pair), haircuts before and after; standalone haircuts are the unbroken run's.")
    var setCorrelation: [String] = []

    @Option(help: "Liquidation thresholds, e.g. BTC=0.8,ETH=80% (names in any case), replacing the policy file's lt: (default: the haircut's standalone LT(H); required with --accounts).")
    var lt: String?

    @OptionGroup(title: "Liquidation cascades") var cascade: CascadeOptions

    func validate() throws {
        if cascade.accounts != nil { return try validateCascade() }
        if let flag = cascade.cascadeOnlyFlags.first { throw ValidationError("\(flag) goes with --accounts FILE") }
        if replay.isEmpty && catalogue == nil && shock.isEmpty && scenarioFile == nil && depeg.isEmpty && setCorrelation.isEmpty {
            throw ValidationError("give a scenario: --replay FROM:TO, --catalogue FILE, --shock ASSET=RETURN, --depeg ASSET=S@P or --set-correlation A:B=RHO")
        }
        if conditional && shock.isEmpty { throw ValidationError("--conditional goes with --shock (a scenario file says conditional: per shock)") }
        if haircut.haircut.grid { throw ValidationError("--grid is haircut's; stress has no grid") }
    }

    /// Haircut's policy (file, then flags) with `--lt`, when typed, in place of the file's `lt:`.
    func resolvedPolicy() throws -> HaircutPolicy {
        var p = try haircut.resolvedPolicy()
        if let lt {
            p.liquidationThresholds = Dictionary(try ListParsing.thresholds(lt, option: "--lt"), uniquingKeysWith: { a, _ in a })
            try p.validate()
        }
        return p
    }

    func run() throws {
        if cascade.accounts != nil { return try runCascade() }
        let outDirectory = try haircut.shared.output.out.map(OutputDirectory.init(path:))
        let policy = try resolvedPolicy()
        let windows = try replay.map { try ReplayWindow(parsing: $0) }
        let catalogueWindows = try catalogue.map { try StressCatalogue.read(path: $0) } ?? []
        let thresholds = policy.liquidationThresholds.isEmpty ? nil : policy.liquidationThresholds
        let depegs = try depeg.map { try DepegScenario.Spec(parsing: $0) }
        let breaks = try setCorrelation.map { try CorrelationBreak.Spec(parsing: $0) }
        let table = try haircut.input.readPriceTable(for: "stress")
        let pnl = haircut.shared.model.resolvedPnL
        let settings = HaircutAnalysis.Settings(
            policy: policy, lambda: haircut.shared.model.resolvedLambda, pnl: pnl, zeroMean: haircut.shared.model.zeroMean,
            simulation: try haircut.shared.engine.settings(pnl: pnl),
            liquidity: try policy.liquidity.map { try LiquidityTable.read(path: $0) },
            from: haircut.input.fromDay, to: haircut.input.toDay, window: haircut.input.window)
        let analysis = try StressAnalysis.run(table: table, settings: settings, replays: windows,
                                              catalogue: catalogueWindows,
                                              shocks: shock.map { .init(text: $0, conditional: conditional) }
                                                  + (try scenarioFile.map { try ShockScenarioFile.read(path: $0).map(\.request) } ?? []),
                                              depegs: depegs, correlationBreaks: breaks,
                                              thresholds: thresholds)
        let report = StressReport(analysis: analysis,
                                  provenance: Provenance(table: table, series: analysis.series))
        try ReportOutput.emit(report, format: haircut.shared.output.format, to: outDirectory)
    }
}
