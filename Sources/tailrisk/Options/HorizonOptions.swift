import ArgumentParser
import TailRisk

/// The horizon of var, simulate and haircut (backtest forecasts one step ahead).
struct HorizonOptions: ParsableArguments {
    @Option(help: "Horizon in rows of the aligned table (observation steps, not calendar days; default 1; haircut: the margin period of risk, overriding the policy's horizon).")
    var horizon: Int?

    func validate() throws {
        if let horizon { try Limits.check(horizon, atMost: Limits.horizon, parameter: .horizon) }
    }

    /// The horizon asked for, or one step.
    var steps: Int { horizon ?? 1 }
}
