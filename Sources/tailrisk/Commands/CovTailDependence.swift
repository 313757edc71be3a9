import ArgumentParser
import TailRisk

/// `tailrisk cov --tail-dependence`: the flags, and the run on the command's returns.
struct TailDependenceOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Also report each pair's lower tail dependence: empirical C_n(u,u)/u at u = 5% and 1%, and the fitted t and Gaussian copulas' C(u,u)/u with the t-copula's limit λ_L.",
        discussion: "With --format csv it prints the per-pair tail-dependence table instead of the covariance (which --out still writes as covariance.csv)."))
    var tailDependence = false

    @Option(help: "Degrees of freedom of the t-copula of --tail-dependence: a number in (0, 10⁶], or fit (default: by pseudo-likelihood over [1, 100]).")
    var df: String?

    func validate() throws {
        _ = try degreesOfFreedom()
        if df != nil && !tailDependence {
            throw ValidationError("--df applies to --tail-dependence only")
        }
    }

    /// `ν` given, or `nil` to fit it.
    func degreesOfFreedom() throws -> Double? {
        guard let df, df.lowercased() != "fit" else { return nil }
        guard let nu = DecimalText.number(df) else {
            throw TailRiskError.invalidOption(option: "--df", message: "'\(df)' is neither a number in (0, 10⁶] nor fit")
        }
        if let problem = InnovationLaw.copulaDegreesOfFreedomProblem(nu) {
            throw TailRiskError.invalidOption(option: "--df", message: problem)
        }
        return nu
    }

    /// The analysis of `series`'s returns, or `nil` without the flag.
    /// - Throws: `.invalidOption("--tail-dependence")` for gappy (pairwise) returns, the analysis' errors.
    func analysis(_ series: ReturnSeries, estimator: CovarianceEstimator) throws -> PairTailDependence? {
        guard tailDependence else { return nil }
        guard estimator != .pairwise else {
            throw TailRiskError.invalidOption(
                option: "--tail-dependence", message: "needs aligned returns: use another --estimator than pairwise")
        }
        return try PairTailDependence(series.returns, degreesOfFreedom: try degreesOfFreedom())
    }
}
