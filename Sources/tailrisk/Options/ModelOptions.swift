import ArgumentParser
import TailRisk

/// Confidence levels, horizon and P&L model; shared by var, simulate, haircut and backtest.
struct ModelOptions: ParsableArguments {
    @Option(help: "Covariance estimator: sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc.")
    var estimator: String = "sample"

    @Option(help: "EWMA decay factor (with --estimator ewma).")
    var lambda: Double = 0.94

    @Option(help: "Confidence level(s): repeat the flag or give a comma list (default 0.99,0.975).")
    var confidence: [String] = []

    @Option(help: "Horizon in rows of the aligned table (observation steps, not calendar days).")
    var horizon: Int = 1

    @Option(help: "P&L of a scenario: exact (sum V(exp(r)-1)) or linear (sum V r, the delta approximation).")
    var pnl: PnLModel = .exact

    @Flag(name: .customLong("zero-mean"), help: "Use a zero mean return instead of the sample mean (normal, Monte Carlo).")
    var zeroMean = false

    func validate() throws {
        try Limits.check(horizon, atMost: Limits.horizon, option: "--horizon")
        if !(lambda > 0 && lambda < 1) { throw ValidationError("--lambda must lie strictly between 0 and 1 (got \(lambda))") }
        _ = try levels(default: [0.99, 0.975])
    }

    /// The confidence levels asked for, in the order given, without repeats.
    func levels(default defaults: [Double]) throws -> [ConfidenceLevel] {
        try ListParsing.levels(confidence, default: defaults)
    }
}

extension PnLModel: ExpressibleByArgument {}
