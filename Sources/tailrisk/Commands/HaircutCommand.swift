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
            (collateral: {BTC: 10}, floor: {BTC: 0.1}, debt-asset: USDC, debt: 250000, ...); flags override the file.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "Policy file (YAML, keys named like the flags); flags override it.")
    var policy: String?

    @Option(help: "Collateral quantities in units, e.g. BTC=10,ETH=120,LINK=5000.")
    var collateral: String?

    @Option(help: "Debt as ASSET=AMOUNT in units of the debt asset, e.g. USDC=250000.")
    var debt: String?

    @Option(name: .customLong("debt-asset"), help: "Asset the debt is owed in (a column: returns relative to it; else the currency).")
    var debtAsset: String?

    @Option(help: "Price currency of the file (default USD).")
    var currency: String?

    @Option(help: "Margin period of risk in rows of the aligned table (default 1).")
    var horizon: Int?

    @Option(name: .customLong("horizon-method"), help: "simulate (sum of h daily draws) or sqrt (1-step figure × √h).")
    var horizonMethod: String?

    @Option(help: "Confidence level, e.g. 0.99 or 99% (default 0.99).")
    var confidence: String?

    @Option(help: "Risk measure of a haircut: es or var (default es).")
    var measure: String?

    @Option(name: .customLong("liquidation-bonus"), help: "Liquidation bonus β in [0, 1) (default 0.05).")
    var liquidationBonus: Double?

    @Option(name: .customLong("ltv-buffer"), help: "Gap between liquidation threshold and LTV (default 0.05).")
    var ltvBuffer: Double?

    @Option(name: .customLong("diversification-credit"), help: "Share κ of the diversification offset credited (default 0.8).")
    var diversificationCredit: Double?

    @Option(help: "CSV asset,adv,spread for the liquidity add-on σ√(q/ADV) + spread/2.")
    var liquidity: String?

    @Option(help: "Minimum haircuts per asset, e.g. BTC=0.1,ETH=0.12 (repeatable).")
    var floor: [String] = []

    @Option(name: .customLong("stress-window"), help: "Stressed calibration window FROM:TO (ISO dates).")
    var stressWindow: String?

    @Option(name: .customLong("stress-weight"), help: "Weight w of the stressed covariance (default 0.25 with a window; EMIR: ≥ 0.25).")
    var stressWeight: Double?

    @Option(help: "Covariance estimator: sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc (default sample).")
    var estimator: String?

    @Option(help: "EWMA decay factor (with --estimator ewma).")
    var lambda: Double = EWMACovariance.riskMetricsLambda

    @Option(help: "P&L of a scenario: exact (sum C(exp(r)-1)) or linear.")
    var pnl: PnLModel = .exact

    @Flag(name: .customLong("zero-mean"), help: "Simulate with a zero mean return instead of the sample mean.")
    var zeroMean = false

    @Option(help: "Monte Carlo scenarios (default 1000000).")
    var scenarios: Int?

    @Option(help: "Seed of the random streams.")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results are identical for any count.")
    var threads: Int?

    @Option(help: "Scenario distribution: normal, t (with --df) or bootstrap (default normal).")
    var dist: String?

    @Option(help: "Degrees of freedom of --dist t (> 2; default 5).")
    var df: Double?

    @Flag(help: "Antithetic variates: pair each normal draw z with -z.")
    var antithetic = false

    @Flag(help: "Also tabulate every asset's standalone haircut over horizons 1, 2, 5, 10 and confidences 0.99, 0.995.")
    var grid = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if input.assets != nil { throw ValidationError("--assets: haircut takes its assets from --collateral") }
        if let threads { try Limits.check(threads, atMost: Limits.threads, option: "--threads") }
    }

    /// The policy file (if any) with the typed flags on top, validated once merged.
    func resolvedPolicy() throws -> HaircutPolicy {
        let file = try policy.map { try HaircutPolicyFile.read(path: $0) }
        var p = file?.policy ?? HaircutPolicy()
        if let collateral {
            p.collateral = try PositionSpec.parse(collateral, option: "--collateral").entries
                .map { HaircutPolicy.Position(asset: $0.asset, quantity: $0.amount) }
        }
        if let debtAsset { p.debtAsset = debtAsset }
        if let debt {
            let spec = try PositionSpec.parse(debt, option: "--debt")
            guard spec.assets.count == 1 else { throw CLIError("--debt: give one ASSET=AMOUNT, e.g. USDC=250000") }
            if let debtAsset, debtAsset != spec.assets[0] {
                throw CLIError("--debt: \(spec.assets[0]) differs from --debt-asset \(debtAsset)")
            }
            p.debtAsset = spec.assets[0]
            p.debtAmount = spec.amounts[0]
        }
        if let currency { p.currency = currency }
        if let horizon { p.horizon = horizon }
        if let horizonMethod {
            guard let m = HaircutPolicy.HorizonMethod(rawValue: horizonMethod) else {
                throw CLIError("--horizon-method: '\(horizonMethod)' is not one of simulate, sqrt")
            }
            p.horizonMethod = m
        }
        if let confidence {
            guard let c = HaircutPolicy.fraction(confidence) else { throw CLIError("--confidence: '\(confidence)' is not a number (e.g. 0.99 or 99%)") }
            p.confidence = c
        }
        if let measure {
            guard let m = HaircutPolicy.Measure(rawValue: measure) else { throw CLIError("--measure: '\(measure)' is not one of es, var") }
            p.measure = m
        }
        if let liquidationBonus { p.liquidationBonus = liquidationBonus }
        if let ltvBuffer { p.ltvBuffer = ltvBuffer }
        if let diversificationCredit { p.diversificationCredit = diversificationCredit }
        if let liquidity { p.liquidity = liquidity }
        for text in floor {
            for (asset, value) in try PositionSpec.parse(text, option: "--floor").entries { p.floors[asset] = value }
        }
        if let stressWindow { p.stressWindow = try HaircutPolicy.StressWindow(parsing: stressWindow) }
        if let stressWeight { p.stressWeight = stressWeight }
        if let estimator { p.estimator = estimator }
        if let dist { p.distribution = dist }
        if let df { p.degreesOfFreedom = df }
        if let scenarios { p.scenarios = scenarios }
        if let seed { p.seed = seed }
        // Ranges are checked once, on the merged policy: a flag may repair the file's value.
        if let file { try file.validate(p) } else { try p.validate() }
        return p
    }

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let policy = try resolvedPolicy()
        let (table, sha) = try input.readTable()
        let engine = SimulationSettings(threads: threads ?? SimulationSettings.availableCores, antithetic: antithetic)
        let settings = HaircutAnalysis.Settings(
            policy: policy, lambda: lambda, pnl: pnl, zeroMean: zeroMean, simulation: engine,
            liquidity: try policy.liquidity.map { try LiquidityTable.read(path: $0) },
            from: input.fromDay, to: input.toDay, window: input.window)
        let analysis = try HaircutAnalysis.run(table: table, settings: settings)
        let gridResult = grid ? try HaircutGrid.run(table: table, settings: settings) : nil
        let report = HaircutOutput(analysis: analysis, grid: gridResult, pnl: pnl, zeroMean: zeroMean,
                                   provenance: Provenance(inputFile: table.source, sha256: sha, series: analysis.series))
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

