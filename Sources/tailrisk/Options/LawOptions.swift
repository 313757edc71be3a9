import ArgumentParser
import TailRisk

/// The innovation law of the Monte Carlo scenarios, shared by var, simulate,
/// haircut and backtest; read by `InnovationLaw.parse`, as policy files are.
struct LawOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Scenario law: normal (default), t (Student-t, with --df), bootstrap (whole historical days) or fhs (filtered residual days rescaled by today's volatility, with --filter).",
        discussion: "haircut: overrides the policy's dist."))
    var dist: String?

    @Option(help: "Degrees of freedom of --dist t (> 2, default 5; the covariance is preserved; haircut: overrides the policy's df).")
    var df: Double?

    func validate() throws { _ = try law() }

    /// The law asked for, with the defaults (normal; t with 5 degrees of freedom).
    func law() throws -> InnovationLaw {
        try InnovationLaw.parse(dist ?? "normal", degreesOfFreedom: df ?? CommandDefaults.degreesOfFreedom)
    }
}
