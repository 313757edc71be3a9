import ArgumentParser
import TailRisk

/// The Monte Carlo engine's settings, shared by var, simulate, haircut and backtest.
///
/// Values are optional so that a command applies its own defaults when it builds
/// its settings (`CommandDefaults`) and haircut lets a given flag override its
/// policy file; the help states each command's default.
struct EngineOptions: ParsableArguments {
    @Option(help: "Monte Carlo scenarios (default 1000000; backtest: per day, default 10000; haircut: overrides the policy's scenarios).")
    var scenarios: Int?

    @Option(help: "Seed of the random streams (default 20260101; results depend on it alone, never on threads; backtest: day t simulates with SplitMix64(seed, t); haircut: overrides the policy's seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores; backtest: across days, one engine thread per day). Results are identical for any count.")
    var threads: Int?

    @Flag(help: "Antithetic variates: pair each normal draw z with -z.")
    var antithetic = false

    @Option(name: .customLong("variance-reduction"),
            help: "none, antithetic (= --antithetic) or importance (mean-shift importance sampling of the tail; normal law only, not with standalone haircuts).")
    var varianceReduction: String?

    @Option(name: .customLong("target-precision"),
            help: "Add scenarios until SE(ES) < this fraction of ES, e.g. 0.5% (capped by --max-scenarios; backtest: on every day).")
    var targetPrecision: String?

    @Option(name: .customLong("max-scenarios"), help: "Cap on scenarios under --target-precision (default 100000000).")
    var maxScenarios: Int?

    func validate() throws {
        if let scenarios { try Limits.check(scenarios, atMost: Limits.scenarios, option: "--scenarios") }
        if let maxScenarios { try Limits.check(maxScenarios, atMost: Limits.scenarios, option: "--max-scenarios") }
        if let threads { try Limits.check(threads, atMost: Limits.threads, option: "--threads") }
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
        let value = ListParsing.fraction(text)
        guard let v = value, v > 0, v < 1 else {
            throw ValidationError("--target-precision: \(ErrorQuoting.quoted(text)) is not a fraction between 0 and 1 (e.g. 0.5%)")
        }
        return v
    }

    /// The scenarios of a run: the flag, or the command's default.
    func scenarioCount(default defaultCount: Int = CommandDefaults.scenarios) -> Int { scenarios ?? defaultCount }

    /// Engine settings for a P&L model, with the command's default scenario count.
    func settings(pnl: PnLModel, defaultScenarios: Int = CommandDefaults.scenarios, threads fixedThreads: Int? = nil,
                  standalone: Bool = false, tailScenarios: Int = 0, histogramBins: Int = 0) throws -> SimulationSettings {
        var s = SimulationSettings(
            scenarios: scenarioCount(default: defaultScenarios), seed: seed ?? SimulationSettings.defaultSeed,
            threads: fixedThreads ?? threads ?? SimulationSettings.availableCores, antithetic: antithetic, pnl: pnl,
            targetPrecision: try precision(), maxScenarios: maxScenarios ?? CommandDefaults.maxScenarios,
            standalone: standalone, tailScenariosToExport: tailScenarios, histogramBins: histogramBins)
        s.varianceReduction = try reduction()
        return s
    }
}
