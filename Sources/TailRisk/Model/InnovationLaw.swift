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

    /// The name used in outputs and accepted by `parse`.
    public var name: String {
        switch self {
        case .normal: return "normal"
        case .studentT: return "t"
        case .bootstrap: return "bootstrap"
        case .fhs: return "fhs"
        case .tCopula: return "t-copula"
        case .gaussianCopula: return "gaussian-copula"
        }
    }

    /// Whether the law is a copula (fitted from the history, with a filter only when one is given).
    public var isCopula: Bool {
        switch self {
        case .tCopula, .gaussianCopula: return true
        default: return false
        }
    }

    /// Whether the law reads a volatility filter (`--filter`).
    public var usesFilter: Bool { self == .fhs }

    /// The method id of a Monte Carlo run under this law (issue 9's naming):
    /// `monte-carlo` (normal), `monte-carlo-t`, `monte-carlo-bootstrap`.
    public var monteCarloMethodID: String {
        switch self {
        case .normal: return "monte-carlo"
        case .studentT: return "monte-carlo-t"
        case .bootstrap: return "monte-carlo-bootstrap"
        case .fhs: return "monte-carlo-fhs"
        case .tCopula: return "monte-carlo-t-copula"
        case .gaussianCopula: return "monte-carlo-gaussian-copula"
        }
    }

    /// The names `parse` accepts, in the order error messages list them.
    public static let names = ["normal", "t", "student-t", "studentt", "bootstrap", "fhs", "t-copula", "gaussian-copula"]

    /// The law called `name` (case-insensitive): `normal`, `t` (also
    /// `student-t`, `studentt`) with `degreesOfFreedom` `ν`, `bootstrap`, `fhs`,
    /// `t-copula` (`0 < ν ≤ 10⁶`, `largestCopulaDegreesOfFreedom`) or `gaussian-copula`.
    /// `ν` is read only for t and must be finite and greater than 2, so that the
    /// draws have the finite covariance the model scales to (variance `ν/(ν − 2)`
    /// before scaling).
    ///
    /// - Parameters:
    ///   - option: the flag that gave `name`, named in the error (`--dist`);
    ///     an invalid `ν` is reported against `--df`.
    /// - Throws: `invalidParameter(parameter)` for an unknown name,
    ///   `invalidParameter(.degreesOfFreedom)` for `ν ≤ 2`, NaN or infinity.
    /// - Complexity: O(length of `name`).
    public static func parse(_ name: String, degreesOfFreedom: Double,
                             parameter: Parameter = .distribution) throws -> InnovationLaw {
        switch name.lowercased() {
        case "normal":
            return .normal
        case "t", "student-t", "studentt":
            guard degreesOfFreedom > 2, degreesOfFreedom.isFinite else {
                throw TailRiskError.invalidParameter(
                    .degreesOfFreedom, message: degreesOfFreedomMessage(degreesOfFreedom))
            }
            return .studentT(degreesOfFreedom: degreesOfFreedom)
        case "bootstrap":
            return .bootstrap
        case "fhs":
            return .fhs
        case "t-copula":
            if let problem = copulaDegreesOfFreedomProblem(degreesOfFreedom) {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: problem)
            }
            return .tCopula(degreesOfFreedom: degreesOfFreedom)
        case "gaussian-copula":
            return .gaussianCopula
        default:
            throw TailRiskError.invalidParameter(
                parameter, message: "'\(name)' is not one of \(names.joined(separator: ", "))")
        }
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

    /// The fitted law: normal and t from the daily mean and the lower factor of
    /// the daily covariance, bootstrap from the daily history (`T × d`), fhs
    /// from the filter fits of each asset (`filters`, required for fhs).
    public func law(mean: [Double], factor: Matrix, history: Matrix, filters: [FilterFit]? = nil,
                    filterName: String = "ewma") -> any ScenarioLaw {
        switch self {
        case .normal: return NormalLaw(mean: mean, factor: factor)
        case let .studentT(nu): return StudentTLaw(mean: mean, factor: factor, degreesOfFreedom: nu)
        case .bootstrap: return BootstrapLaw(history: history)
        case .fhs:
            guard let filters, !filters.isEmpty else {
                preconditionFailure("the fhs law needs the filter fits of every asset")
            }
            return FilteredHistoricalLaw(fits: filters, filterName: filterName)
        case .tCopula, .gaussianCopula:
            preconditionFailure("a copula is fitted from the history: use fittedLaw (RiskModel does)")
        }
    }

    /// The fitted law, copulas included: a copula is fitted to `copulaFits` (one
    /// filter fit per asset: the model's filter when the spec names one, the
    /// `none` filter's, i.e. the returns, otherwise); other laws as `law(…)`.
    /// - Throws: the copula fit's errors (too few days, a failed repair).
    public func fittedLaw(mean: [Double], factor: Matrix, history: Matrix, filters: [FilterFit]?,
                          filterName: String, copulaFits: [FilterFit]?, copulaFilterName: String,
                          tails: MarginalTails = .empirical) throws -> any ScenarioLaw {
        switch self {
        case let .tCopula(nu):
            let sampler = try CopulaSampler(fits: copulaFits!, filterName: copulaFilterName, tails: tails)
            if let nu { return TCopulaLaw(sampler: sampler, degreesOfFreedom: nu) }
            // ν = nil: fitted by pseudo-likelihood to the residuals the copula was read from.
            let fits = copulaFits!
            var data = Matrix(rows: fits[0].count, cols: fits.count)
            for (i, fit) in fits.enumerated() { for s in 0..<fit.count { data[s, i] = fit.residuals[s] } }
            let nuHat = TCopulaDegreesOfFreedom.fit(data, correlation: sampler.correlation).degreesOfFreedom
            return TCopulaLaw(sampler: sampler, degreesOfFreedom: nuHat, degreesOfFreedomFitted: true)
        case .gaussianCopula:
            return GaussianCopulaLaw(sampler: try CopulaSampler(fits: copulaFits!, filterName: copulaFilterName,
                                                                tails: tails))
        default:
            return law(mean: mean, factor: factor, history: history, filters: filters, filterName: filterName)
        }
    }
}
