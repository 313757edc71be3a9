import ArgumentParser
import TailRisk

/// The flags of `tailrisk stress --accounts` (liquidation cascades, methods.md §9).
/// The thresholds come from stress's `--lt` or the policy file's `lt:`, the bonus and LTV buffer from
/// haircut's `--liquidation-bonus` and `--ltv-buffer`, the market depth from
/// `--liquidity` (columns asset,adv,spread and an optional y), the Monte Carlo
/// from the shared model, law and engine flags (`--dist`, `--scenarios`,
/// `--seed`, `--threads`).
struct CascadeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CSV account,asset,quantity of a lending book: run liquidation cascades (needs --lt, or lt: in the --policy file).",
                               discussion: "A negative quantity is a debt, in the debt asset (the one asset with negative quantities, "
                                   + "or --debt-asset); a debt asset that is not a price column is the price currency, priced at 1."))
    var accounts: String?

    @Flag(name: .customLong("monte-carlo"),
          help: "With --accounts: cascades over --scenarios shocks of the fitted model (default 10000): bad-debt VaR and liquidations at risk at 95% and 99%.")
    var monteCarlo = false

    @Flag(name: .customLong("sample-mean"),
          help: "With --accounts: draw the shocks with the window's sample mean (drift) instead of zero mean, the default for cascades.")
    var sampleMean = false

    @Option(name: .customLong("oracle-deviation"),
            help: "Oracle lag: the protocol's price updates only after a move above this, e.g. 0.5% (HF and liquidations use it; bad debt the market).")
    var oracleDeviation: String?

    @Option(name: .customLong("oracle-heartbeat"), help: "Oracle heartbeat in cascade rounds: it updates at least this often (with --oracle-deviation).")
    var oracleHeartbeat: Int?

    @Option(help: "Circuit breaker: liquidations halt once a round's sales move a price by more than this, e.g. 15%.")
    var breaker: String?

    @Option(help: "Debts at or below this amount of the debt asset are not liquidated (default 0).")
    var dust: Double?

    @Option(name: .customLong("max-rounds"), help: "Cap on cascade rounds (default 1000; the report says when it binds).")
    var maxRounds: Int?

    @Flag(name: .customLong("recommend-lt"),
          help: "Scan each asset's liquidation threshold (debts re-levered to the same share of borrowing power) over Monte Carlo shocks.")
    var recommendLT = false

    @Option(name: .customLong("lt-grid"), help: "Grid of the scan, LO:HI:STEP (default 0.50:0.90:0.02; points above 1/(1 + bonus) are skipped).")
    var ltGrid: String?

    @Option(name: .customLong("lt-tolerance"), help: "Largest bad-debt VaR accepted, as a share of the total debt (default 0.1%).")
    var ltTolerance: String?

    @Option(name: .customLong("lt-quantile"), help: "Confidence of the bad-debt VaR the scan holds below the tolerance (default 0.99).")
    var ltQuantile: Double?

    @Option(help: ArgumentHelp(
        "With --accounts --monte-carlo: evaluate only shard i of N of the shocks (e.g. 3/8) and write DIR/shard.bin and DIR/shard.json for `tailrisk merge` (needs --out).",
        discussion: "Shard i covers stream units [⌊(i−1)U/N⌋, ⌊iU/N⌋) of the U units of the run; merging all N writes what one run writes."))
    var shard: String?

    /// The flags given that only make sense with `--accounts`.
    var cascadeOnlyFlags: [String] {
        var names: [String] = []
        if monteCarlo { names.append("--monte-carlo") }
        if sampleMean { names.append("--sample-mean") }
        if oracleDeviation != nil { names.append("--oracle-deviation") }
        if oracleHeartbeat != nil { names.append("--oracle-heartbeat") }
        if breaker != nil { names.append("--breaker") }
        if dust != nil { names.append("--dust") }
        if maxRounds != nil { names.append("--max-rounds") }
        if recommendLT { names.append("--recommend-lt") }
        if ltGrid != nil { names.append("--lt-grid") }
        if ltTolerance != nil { names.append("--lt-tolerance") }
        if ltQuantile != nil { names.append("--lt-quantile") }
        if shard != nil { names.append("--shard") }
        return names
    }

    private static func fraction(_ text: String, _ flag: String, _ range: String, _ ok: (Double) -> Bool) throws -> Double {
        guard let x = HaircutPolicy.fraction(text), ok(x) else {
            throw CLIError("\(flag): \(ErrorQuoting.quoted(text)) is not a fraction in \(range) (e.g. 15% or 0.15)")
        }
        return x
    }

    func validate() throws {
        if oracleHeartbeat != nil && oracleDeviation == nil {
            throw ValidationError("--oracle-heartbeat goes with --oracle-deviation (give --oracle-deviation 0 for a heartbeat alone)")
        }
        if !recommendLT, let flag = [ltGrid.map { _ in "--lt-grid" }, ltTolerance.map { _ in "--lt-tolerance" },
                                      ltQuantile.map { _ in "--lt-quantile" }].compactMap({ $0 }).first {
            throw ValidationError("\(flag) goes with --recommend-lt")
        }
    }

    /// The cascade request for thresholds `lt` and the stress scenarios.
    func request(thresholds: [String: Double]) throws -> CascadeAnalysis.Request {
        var r = CascadeAnalysis.Request(thresholds: thresholds)
        if let dust { r.dust = dust }
        if let maxRounds { r.maxRounds = maxRounds }
        if let text = oracleDeviation {
            r.oracle = .init(deviation: try Self.fraction(text, "--oracle-deviation", "[0, 1)") { $0 >= 0 && $0 < 1 },
                             heartbeat: oracleHeartbeat)
        }
        if let text = breaker { r.breaker = try Self.fraction(text, "--breaker", "(0, 1)") { $0 > 0 && $0 < 1 } }
        r.monteCarlo = monteCarlo
        r.mean = sampleMean ? .sample : .zero
        if recommendLT {
            let parts = (ltGrid ?? "0.50:0.90:0.02").split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
            guard parts.count == 3, let lo = parts[0], let hi = parts[1], let step = parts[2] else {
                throw CLIError("--lt-grid: expected LO:HI:STEP, e.g. 0.5:0.9:0.01, got \(ErrorQuoting.quoted(ltGrid ?? ""))")
            }
            let grid = try ThresholdRecommendation.Settings.grid(from: lo, to: hi, step: step)
            let tolerance = try ltTolerance.map { try Self.fraction($0, "--lt-tolerance", "[0, 1]") { $0 >= 0 && $0 <= 1 } } ?? 0.001
            let level = try ConfidenceLevel(validating: ltQuantile ?? 0.99, parameter: .thresholdQuantile)
            r.recommend = .init(grid: grid, level: level, tolerance: tolerance)
        }
        return r
    }
}
