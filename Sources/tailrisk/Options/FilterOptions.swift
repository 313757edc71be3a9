import ArgumentParser
import TailRisk

/// The volatility filter of a risk model (methods.md §8), read by the methods
/// and laws that use one (`--method fhs`, `--dist fhs`); part of `ModelOptions`.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Volatility filter of fhs: ewma (default), garch (GARCH(1,1) by QMLE per asset), gjr (GJR-GARCH(1,1): garch with a leverage term γ on negative returns, the o = 1 member of the GARCH(p, o, q) family) or none.",
        discussion: "An error with methods and laws that read no filter; haircut: overrides the policy's filter."))
    var filter: String?

    @Option(name: .customLong("filter-lambda"),
            help: "EWMA decay of --filter ewma (default 0.94; --lambda stays the EWMA covariance's; haircut: overrides the policy's filter-lambda).")
    var filterLambda: Double?

    func validate() throws { _ = try spec() }

    /// The filter asked for, or `nil` for the default (`VolatilityFilterSpec.parse`).
    func spec() throws -> VolatilityFilterSpec? {
        try VolatilityFilterSpec.parse(name: filter, lambda: filterLambda)
    }
}
