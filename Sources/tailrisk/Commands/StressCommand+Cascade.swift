import ArgumentParser
import TailRisk

/// `tailrisk stress PRICES --accounts BOOK …`: liquidation cascades of a
/// lending book (methods.md §9) after the stress scenarios given, and over
/// Monte Carlo shocks. The numerics are `CascadeAnalysis`'s; this file reads
/// the inputs and prints `CascadeReport`.
extension StressCommand {
    func validateCascade() throws {
        let options = haircut.haircut
        if options.collateral != nil || options.debt != nil {
            throw ValidationError("--accounts gives the collateral and the debts; drop --collateral and --debt")
        }
        if !depeg.isEmpty || !setCorrelation.isEmpty {
            throw ValidationError("--depeg and --set-correlation are basket scenarios; run them without --accounts")
        }
        if conditional && shock.isEmpty { throw ValidationError("--conditional goes with --shock (a scenario file says conditional: per shock)") }
        if options.grid { throw ValidationError("--grid is haircut's; stress has no grid") }
        if cascade.sampleMean && haircut.shared.model.zeroMean {
            throw ValidationError("--sample-mean and --zero-mean contradict each other (cascades use zero mean unless --sample-mean)")
        }
        if let shard = cascade.shard {
            do { _ = try ShardSpec.parse(shard) } catch { throw ValidationError("\(error)") }
            guard haircut.shared.output.out != nil else { throw ValidationError("--shard needs --out DIR (it writes DIR/shard.bin and DIR/shard.json)") }
            guard cascade.monteCarlo && !cascade.recommendLT else {
                throw ValidationError("--shard splits the --monte-carlo run; it goes with --monte-carlo and without --recommend-lt")
            }
            guard cascade.oracleDeviation == nil && cascade.breaker == nil else {
                throw ValidationError("--shard: --oracle-deviation and --breaker add comparison runs; shard a run without them")
            }
            guard haircut.shared.engine.targetPrecision == nil else {
                throw ValidationError("--shard: --target-precision cannot be sharded (each round needs the merged standard error); give --scenarios")
            }
        }
        if replay.isEmpty && catalogue == nil && shock.isEmpty && scenarioFile == nil && !cascade.monteCarlo && !cascade.recommendLT {
            throw ValidationError("give an initial shock for the cascade: --replay FROM:TO, --catalogue FILE, --shock ASSET=RETURN, "
                                  + "--scenario-file FILE, or --monte-carlo")
        }
    }

    /// The cascade run; `backend` replaces the engine's (merged shards for `tailrisk merge`).
    func runCascade(backend: (any EngineBackend)? = nil) throws {
        let outDirectory = try haircut.shared.output.out.map(OutputDirectory.init(path:))
        let policy = try resolvedPolicy()
        let thresholds = policy.liquidationThresholds
        guard !thresholds.isEmpty else {
            throw CLIError("--lt: required with --accounts, one threshold per collateral asset (e.g. --lt ETH=0.8,BTC=0.75, "
                           + "or lt: {ETH: 0.8, BTC: 0.75} in the --policy file)")
        }
        let bookPath = cascade.accounts!
        // The prices first: the book's asset names are checked against them before its table is allocated.
        let table = try haircut.input.readPriceTable(for: "stress")
        let bookBytes = try InputFile.read(path: bookPath)
        let book = try AccountBook.parse(bytes: bookBytes, source: bookPath, debtAsset: policy.debtAsset, prices: table)
        var request = try cascade.request(thresholds: thresholds)
        request.replays = try replay.map { try ReplayWindow(parsing: $0) }
        request.catalogue = try catalogue.map { try StressCatalogue.read(path: $0) } ?? []
        request.shocks = shock.map { .init(text: $0, conditional: conditional) }
            + (try scenarioFile.map { try ShockScenarioFile.read(path: $0).map(\.request) } ?? [])
        let pnl = haircut.shared.model.resolvedPnL
        var settings = HaircutAnalysis.Settings(
            policy: policy, lambda: haircut.shared.model.resolvedLambda, pnl: pnl, zeroMean: haircut.shared.model.zeroMean,
            simulation: try haircut.shared.engine.settings(pnl: pnl, distributed: true),
            liquidity: try policy.liquidity.map { try LiquidityTable.read(path: $0) },
            from: haircut.input.fromDay, to: haircut.input.toDay, window: haircut.input.window)
        if let backend { settings.simulation.backend = backend }
        let shard = try cascade.shard.map(ShardSpec.parse)
        let total = MonteCarloEngine.unitCount(scenarios: policy.scenarios ?? request.defaultShocks)
        if let shard { request.units = MonteCarloEngine.shardUnits(shard.index, of: shard.count, units: total) }
        let analysis: CascadeAnalysis
        do {
            analysis = try CascadeAnalysis.run(table: table, settings: settings, book: book, request: request)
        } catch let error as CascadeMonteCarlo.VarianceReductionRefused {
            throw CLIError("--variance-reduction \(error.reduction.rawValue): \(error)")
        }
        if let shard {
            return try writeCascadeShard(shard, analysis: analysis, table: table, bookPath: bookPath, policy: policy,
                                         totalUnits: total)
        }
        let provenance = Provenance(table: table, series: analysis.stress.series,
                                    extra: [("accounts", .object([("file", .string(bookPath)),
                                                                  ("sha256", .string(SHA256.hex(bookBytes)))]))])
        let report = CascadeReport(analysis: analysis, provenance: provenance)
        try ReportOutput.emit(report, format: haircut.shared.output.format, to: outDirectory)
    }
}
