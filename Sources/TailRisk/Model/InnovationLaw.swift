/// Which innovation law a risk model draws from, with its parameters: the
/// one name for a scenario law in every command, policy file and output
/// (methods.md §4, §8). `RiskModel.fit` turns it into a `ScenarioLaw` that
/// holds its data.
public enum InnovationLaw: Sendable, Equatable {
    /// Multivariate normal (`NormalLaw`).
    case normal
    /// Multivariate Student-t with `ν > 2`, covariance preserved (`StudentTLaw`).
    case studentT(degreesOfFreedom: Double)
    /// Whole historical days with replacement (`BootstrapLaw`).
    case bootstrap
    /// Filtered historical simulation: whole days of filtered residuals with
    /// replacement, rescaled by today's volatility (`FilteredHistoricalLaw`).
    case fhs
    /// Student-t copula with `0 < ν ≤ 10⁶` over empirical marginals of the returns, or of
    /// the filtered residuals under an explicit filter (`TCopulaLaw`); `nil` fits `ν`
    /// by pseudo-likelihood (`TCopulaDegreesOfFreedom`, `--df fit`).
    case tCopula(degreesOfFreedom: Double?)
    /// Gaussian copula over the same empirical marginals (`GaussianCopulaLaw`).
    case gaussianCopula

    /// Hansen's skewed Student-t innovations with `ν > 2` and skew `−1 < λ < 1`, zero mean and
    /// unit variance per asset, covariance preserved (`SkewStudentTLaw`).
    case skewT(degreesOfFreedom: Double, skew: Double)

    /// The name used in outputs and accepted by `parse` (the registry entry's).
    public var name: String { entry.name }

    /// Whether the law is a copula (fitted from the history, with a filter only when one is given).
    public var isCopula: Bool { entry.isCopula }

    /// Whether the law reads a volatility filter (`--filter`).
    public var usesFilter: Bool { entry.usesFilter }

    /// The method id of a Monte Carlo run under this law (issue 9's naming):
    /// `monte-carlo` (normal), `monte-carlo-t`, `monte-carlo-bootstrap`, … (the registry entry's).
    public var monteCarloMethodID: String { entry.methodID }

    /// The names `parse` accepts, in the order error messages list them.
    public static var names: [String] { registry.flatMap { [$0.name] + $0.aliases } }

    /// The law called `name` (case-insensitive, a registry entry's name or alias) with
    /// its parameters: `normal`, `t` (also `student-t`, `studentt`) with `degreesOfFreedom` `ν`,
    /// `bootstrap`, `fhs`, `t-copula` (`0 < ν ≤ 10⁶`, `largestCopulaDegreesOfFreedom`),
    /// `gaussian-copula`, or `skew-t` with `ν` and `skew` `λ`.
    /// `ν` is read only for t and skew-t, where it must be finite and greater than 2, so that the
    /// draws have the finite covariance the model scales to (variance `ν/(ν − 2)`
    /// before scaling).
    ///
    /// - Parameters:
    ///   - parameter: the quantity that gave `name`, named in the error (`.distribution`);
    ///     an invalid `ν` is reported against `.degreesOfFreedom`, a missing or invalid `λ` against `.skew`.
    /// - Throws: `invalidParameter(parameter)` for an unknown name,
    ///   `invalidParameter(.degreesOfFreedom)` for `ν ≤ 2`, NaN or infinity.
    /// - Complexity: O(length of `name`).
    public static func parse(_ name: String, degreesOfFreedom: Double, skew: Double? = nil,
                             parameter: Parameter = .distribution) throws -> InnovationLaw {
        guard let entry = entry(named: name) else {
            throw TailRiskError.invalidParameter(
                parameter, message: "'\(name)' is not one of \(names.joined(separator: ", "))")
        }
        return try entry.make(LawArguments(degreesOfFreedom: degreesOfFreedom, skew: skew))
    }

    /// The largest `ν` the t-copula takes (given, in a policy, or in `cov --tail-dependence`).
    /// Beyond it the t-copula is the Gaussian copula (`ν = ∞`, methods.md §8) for every
    /// practical purpose (tail dependence below 10⁻¹⁰⁰ at any ρ < 0.99, the mixing variable
    /// `√(ν/W)` within 1 ± 0.4% at five standard deviations), and a fitted `ν` lies in `[1, 100]`.
    public static let largestCopulaDegreesOfFreedom = 1e6

    /// Why `ν` cannot be the t-copula's (`nil` when it can): not in `(0, 10⁶]`, or not a number.
    public static func copulaDegreesOfFreedomProblem(_ nu: Double) -> String? {
        if nu > largestCopulaDegreesOfFreedom && !nu.isNaN {
            return "the t-copula takes ν up to 10⁶, got \(Limits.text(nu, significant: 4)); beyond, it is the Gaussian copula "
                + "(ν = ∞, the law gaussian-copula)"
        }
        guard nu > 0 else { return "must be a finite positive number for the t-copula (at most 10⁶), got \(Limits.text(nu, significant: 4))" }
        return nil
    }

    /// The error text for Student-t degrees of freedom that are not finite and above 2.
    public static func degreesOfFreedomMessage(_ df: Double) -> String {
        "must be a finite number greater than 2 (the variance is infinite otherwise), got \(df)"
    }

    /// The fitted law: normal, t and skew-t from the daily mean and the lower factor of
    /// the daily covariance, bootstrap from the daily history (`T × d`), fhs
    /// from the filter fits of each asset (`filters`, required for fhs).
    public func law(mean: [Double], factor: Matrix, history: Matrix, filters: [FilterFit]? = nil,
                    filterName: String = "ewma") -> any ScenarioLaw {
        precondition(!isCopula, "a copula is fitted from the history: use fittedLaw (RiskModel does)")
        return try! fittedLaw(mean: mean, factor: factor, history: history, filters: filters, filterName: filterName,
                              copulaFits: nil, copulaFilterName: filterName)
    }

    /// The fitted law, copulas included: a copula is fitted to `copulaFits` (one
    /// filter fit per asset: the model's filter when the spec names one, the
    /// `none` filter's, i.e. the returns, otherwise); other laws as `law(…)`.
    /// - Throws: the copula fit's errors (too few days, a failed repair).
    public func fittedLaw(mean: [Double], factor: Matrix, history: Matrix, filters: [FilterFit]?,
                          filterName: String, copulaFits: [FilterFit]?, copulaFilterName: String,
                          tails: MarginalTails = .empirical) throws -> any ScenarioLaw {
        try entry.fit(self, LawInputs(mean: mean, factor: factor, history: history, filters: filters,
                                      filterName: filterName, copulaFits: copulaFits,
                                      copulaFilterName: copulaFilterName, tails: tails))
    }
}
