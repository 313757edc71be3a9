import ArgumentParser
import TailRisk

/// Monte Carlo settings shared by var, simulate, haircut and backtest.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Monte Carlo scenarios.")
    var scenarios: Int = 1_000_000

    @Option(help: "Seed of the random streams (results depend on it alone, never on threads).")
    var seed: UInt64 = SimulationSettings.defaultSeed

    @Option(help: "Worker threads (default: all cores). Results are identical for any count.")
    var threads: Int?

    @Option(help: "Scenario distribution: normal, t (Student-t, with --df) or bootstrap (whole historical days).")
    var dist: String = "normal"

    @Option(help: "Degrees of freedom of --dist t (> 2; the covariance is preserved).")
    var df: Double = 5

    @Flag(help: "Antithetic variates: pair each normal draw z with -z.")
    var antithetic = false

    @Option(name: .customLong("target-precision"),
            help: "Add scenarios until SE(ES) < this fraction of ES, e.g. 0.5% (capped by --max-scenarios).")
    var targetPrecision: String?

    @Option(name: .customLong("max-scenarios"), help: "Cap on scenarios under --target-precision.")
    var maxScenarios: Int = 100_000_000

    func validate() throws {
        try Limits.check(scenarios, atMost: Limits.scenarios, option: "--scenarios")
        try Limits.check(maxScenarios, atMost: Limits.scenarios, option: "--max-scenarios")
        if let threads { try Limits.check(threads, atMost: Limits.threads, option: "--threads") }
        _ = try distribution()
        _ = try precision()
    }

    func distribution() throws -> InnovationLaw {
        try InnovationLaw.parse(dist, degreesOfFreedom: df)
    }

    func precision() throws -> Double? {
        guard let text = targetPrecision else { return nil }
        let value = ListParsing.fraction(text)
        guard let v = value, v > 0, v < 1 else {
            throw ValidationError("--target-precision: \(ErrorQuoting.quoted(text)) is not a fraction between 0 and 1 (e.g. 0.5%)")
        }
        return v
    }

    /// Engine settings for a P&L model.
    func settings(pnl: PnLModel, standalone: Bool = false, tailScenarios: Int = 0, histogramBins: Int = 0) throws
        -> SimulationSettings
    {
        SimulationSettings(
            scenarios: scenarios, seed: seed, threads: threads ?? SimulationSettings.availableCores,
            antithetic: antithetic, pnl: pnl, targetPrecision: try precision(), maxScenarios: maxScenarios,
            standalone: standalone, tailScenariosToExport: tailScenarios, histogramBins: histogramBins)
    }
}
