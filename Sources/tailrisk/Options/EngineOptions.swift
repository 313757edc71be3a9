import ArgumentParser
import TailRisk

/// The Monte Carlo engine's settings, shared by var, simulate, haircut and backtest.
///
/// Values are optional so that a command applies its own defaults when it builds
/// its settings (`CommandDefaults`) and haircut lets a given flag override its
/// policy file; the help states each command's default.
struct EngineOptions: ParsableArguments {
    @Option(help: "Monte Carlo scenarios: 1000000, 1_000_000 or 1e6 (default 1e6; backtest: per day, default 10000; haircut: overrides the policy's scenarios).",
            transform: NumberParsing.countTransform("--scenarios"))
    var scenarios: Int?

    @Option(help: "Seed of the random streams (default 20260101; results depend on it alone, never on threads; backtest: day t simulates with SplitMix64(seed, t); haircut: overrides the policy's seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores; backtest: across days, one engine thread per day). Results are identical for any count.")
    var threads: Int?

    @Flag(help: "Antithetic variates: pair each normal draw z with -z.")
    var antithetic = false

    @Option(name: .customLong("variance-reduction"),
            help: "none, antithetic (= --antithetic) or importance (importance sampling of the tail, tilted by law: normal mean shift, Student-t χ² twist, copula latent shift/twist, bootstrap/FHS day tilt; not with standalone haircuts or --depeg).")
    var varianceReduction: String?

    @Option(name: .customLong("target-precision"),
            help: "Add scenarios until SE(ES) < this fraction of ES: 0.5% or 0.005 (a bare number is the fraction; a bare 0.1 or more is refused as ambiguous; capped by --max-scenarios; backtest: on every day).")
    var targetPrecision: String?

    @Option(name: .customLong("max-scenarios"), help: "Cap on scenarios under --target-precision (default 1e8).",
            transform: NumberParsing.countTransform("--max-scenarios"))
    var maxScenarios: Int?

    func validate() throws {
        if let scenarios { try Limits.check(scenarios, atMost: Limits.scenarios, parameter: .scenarios) }
        if let maxScenarios { try Limits.check(maxScenarios, atMost: Limits.scenarios, parameter: .maxScenarios) }
        if let threads { try Limits.check(threads, atMost: Limits.threads, parameter: .threads) }
        _ = try precision()
        _ = try reduction()
    }

    /// `--variance-reduction`, reconciled with `--antithetic`.
    func reduction() throws -> VarianceReduction {
        guard let text = varianceReduction else { return antithetic ? .antithetic : .none }
        guard let v = VarianceReduction(rawValue: text) else {
            throw ValidationError("--variance-reduction: \(ErrorQuoting.quoted(text)) is not one of none, antithetic, importance")
        }
        if antithetic && v != .antithetic {
            throw ValidationError("--antithetic conflicts with --variance-reduction \(text)")
        }
        return v
    }

    func precision() throws -> Double? {
        guard let text = targetPrecision else { return nil }
        // SE(ES) within 10% of ES or more is no precision target: a bare 0.5 means 0.5%, surely.
        return try NumberParsing.fraction(text, option: "--target-precision", ambiguousAbove: 0.1)
    }

    /// The scenarios of a run: the flag, or the command's default.
    func scenarioCount(default defaultCount: Int = CommandDefaults.scenarios) -> Int { scenarios ?? defaultCount }

    /// The engine choices these flags make (`nil` where no flag is given), as a run file's keys make them.
    func choices() throws -> EngineChoices {
        EngineChoices(scenarios: scenarios, seed: seed, threads: threads, targetPrecision: try precision(),
                      maxScenarios: maxScenarios,
                      varianceReduction: varianceReduction != nil || antithetic ? try reduction() : nil)
    }

    /// Engine settings for a P&L model, with the command's default scenario count; `distributed`
    /// (var, simulate, haircut: one engine run at a time on the main thread) splits the units across
    /// MPI ranks under mpirun in the MPI build.
    func settings(pnl: PnLModel, defaultScenarios: Int = CommandDefaults.scenarios, threads fixedThreads: Int? = nil,
                  standalone: Bool = false, tailScenarios: Int = 0, histogramBins: Int = 0,
                  distributed: Bool = false) throws -> SimulationSettings {
        var s = SimulationSettings(
            scenarios: defaultScenarios, seed: SimulationSettings.defaultSeed, threads: SimulationSettings.availableCores,
            pnl: pnl, maxScenarios: CommandDefaults.maxScenarios, standalone: standalone,
            tailScenariosToExport: tailScenarios, histogramBins: histogramBins,
            backend: distributed ? Cluster.backend : ThreadBackend())
        try choices().apply(to: &s)
        if let fixedThreads { s.threads = fixedThreads }
        return s
    }
}
