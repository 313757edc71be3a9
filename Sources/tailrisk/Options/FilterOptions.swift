import ArgumentParser
import TailRisk

/// The volatility filter of a risk model (methods.md §8), shared by every
/// command whose methods or laws read one (`--method fhs`, `--dist fhs`).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Volatility filter of fhs: ewma (default for fhs), garch (GARCH(1,1) by QMLE per asset) or none.",
        discussion: "An error with methods and laws that read no filter."))
    var filter: String?

    @Option(name: .customLong("filter-lambda"),
            help: "EWMA decay of --filter ewma (default 0.94; --lambda stays the EWMA covariance's).")
    var filterLambda: Double?

    func validate() throws { _ = try spec() }

    /// The filter asked for, or `nil` for the default.
    func spec() throws -> VolatilityFilterSpec? {
        if let l = filterLambda, !(l > 0 && l < 1) {
            throw ValidationError("--filter-lambda must lie strictly between 0 and 1 (got \(l))")
        }
        guard let name = filter?.lowercased() else {
            return filterLambda.map { .ewma(lambda: $0) }
        }
        switch name {
        case "ewma": return .ewma(lambda: filterLambda ?? 0.94)
        case "garch", "none":
            if filterLambda != nil { throw ValidationError("--filter-lambda goes with --filter ewma, not \(name)") }
            return name == "garch" ? .garch : VolatilityFilterSpec.none
        default:
            throw ValidationError("--filter: '\(filter!)' is not one of none, ewma, garch")
        }
    }
}
