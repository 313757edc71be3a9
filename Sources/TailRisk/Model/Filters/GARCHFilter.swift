import Foundation

/// A GARCH(1,1) fitted to one asset's window by Gaussian quasi-maximum
/// likelihood, as the filter of filtered historical simulation (methods.md §8;
/// Bollerslev 1986): `σ²_{t+1} = ω + α r²_t + β σ²_t`, started from `arch`'s
/// backcast (`GARCHParameters`), zero mean, refitted on every window.
///
/// The fit maximizes `ℓ = −½ Σ_t (ln 2π + ln σ²_t + r²_t/σ²_t)` over
/// `ω > 0, α, β ≥ 0, α + β ≤ 1 − 10⁻⁶` (`GARCHEstimation`); its log-likelihood is
/// checked against `arch_model(r, mean="Zero", vol="GARCH", p=1, q=1,
/// dist="normal", rescale=False)` on real series in the tests.
/// - Complexity: a few thousand O(T) likelihood passes per fit (about 0.3 ms for
///   `T = 250` in release builds before issue 21's face search, which costs about 1.7×
///   that: 11 fits of 250 returns took 0.04 s of CPU before, 0.07 s after, in a debug build).
///
/// The filter is the `(1, o, 1)` member of the GARCH family (`GARCHOrder`): GARCH(1,1) by
/// default, GJR-GARCH(1,1) (`o = 1`, `σ²_{t+1} = ω + (α + γ 1[r_t < 0]) r²_t + β σ²_t`) with
/// `order: .gjr11`, fitted by the family's generic estimator (`GARCHFamilyEstimation`) and
/// checked against `arch_model(…, vol="GARCH", p=1, o=1, q=1)` in `GJRFitTests`.
public struct GARCHFilter: VolatilityFilter {
    /// The shortest window fitted.
    public static let minimumReturns = 10

    /// `(1, 0, 1)` or `(1, 1, 1)`: the members whose parameters `GARCHParameters` holds.
    public let order: GARCHOrder

    /// - Precondition: `order` is GARCH(1,1) or GJR-GARCH(1,1).
    public init(order: GARCHOrder = .garch11) {
        precondition(order == .garch11 || order == .gjr11, "the GARCH filter is GARCH(1,1) or GJR-GARCH(1,1)")
        self.order = order
    }

    /// The filter's name in outputs: `garch` or `gjr`.
    public var name: String { order == .garch11 ? "garch" : "gjr" }

    /// Fits the model, then filters the window with the fitted parameters.
    /// - Throws: `.insufficientData` for fewer than `minimumReturns` returns;
    ///   `.numerical` for a non-finite return, returns that are all zero, or no
    ///   finite likelihood.
    public func fit(_ returns: [Double]) throws -> FilterFit {
        try Self.filter(returns, fit: try estimate(returns), name: name)
    }

    /// The quasi-maximum-likelihood estimate of this filter's order: GARCH(1,1) by its
    /// tuned estimator (`GARCHEstimation`), GJR by the family's (`GARCHFamilyEstimation`).
    /// - Throws: as `fit(_:)`.
    public func estimate(_ returns: [Double]) throws -> GARCHFit {
        if order == .garch11 { return try GARCHEstimation.fit(returns) }
        let fit = try GARCHFamilyEstimation.fit(returns, order: order)
        let t = fit.parameters
        let parameters = GARCHParameters(omega: t[0], alpha: t[1], beta: t[3], gamma: t[2])
        let report = GARCHEstimationReport(converged: fit.converged, iterations: fit.iterations, evaluations: fit.evaluations,
                                           projectedGradient: fit.projectedGradient,
                                           persistenceAtCap: fit.activeBounds.contains("persistence = 1 - 1e-6"),
                                           activeBounds: fit.activeBounds)
        return GARCHFit(parameters: parameters, logLikelihood: parameters.logLikelihood(returns), estimation: report)
    }

    /// The quasi-maximum-likelihood estimate alone.
    /// - Throws: as `fit(_:)`.
    public static func estimate(_ returns: [Double]) throws -> GARCHFit {
        try GARCHEstimation.fit(returns)
    }

    /// The window filtered with given parameters (e.g. another program's estimate): the
    /// fit's `garch` carries them, their log-likelihood on `returns` and no estimation report.
    /// - Throws: `.numerical` for a non-finite return or inadmissible parameters.
    public static func filter(_ returns: [Double], parameters: GARCHParameters) throws -> FilterFit {
        guard parameters.omega > 0, parameters.alpha >= 0, parameters.alpha + parameters.gamma >= 0,
              parameters.beta >= 0, parameters.persistence.isFinite else {
            throw TailRiskError.numerical(message: "GARCH parameters need ω > 0 and α, α + γ, β ≥ 0, got \(parameters)")
        }
        return try filter(returns, fit: GARCHFit(parameters: parameters,
                                                 logLikelihood: parameters.logLikelihood(returns), estimation: nil),
                          name: parameters.gamma == 0 ? "garch" : "gjr")
    }

    private static func filter(_ returns: [Double], fit: GARCHFit, name: String) throws -> FilterFit {
        try FilterFit.fromVariances(returns, fit.parameters.variances(returns), filter: name, garch: fit)
    }
}

/// A GARCH(1,1) fit: parameters and log-likelihood in the returns' own units.
public struct GARCHFit: Sendable, Equatable {
    public let parameters: GARCHParameters
    /// `ℓ` at `parameters` on the window, with the `ln 2π` constant (as `arch` reports it).
    public let logLikelihood: Double
    /// How the optimizer ended; `nil` when the parameters were given, not estimated.
    public let estimation: GARCHEstimationReport?

    public init(parameters: GARCHParameters, logLikelihood: Double, estimation: GARCHEstimationReport?) {
        self.parameters = parameters
        self.logLikelihood = logLikelihood
        self.estimation = estimation
    }
}

/// How the optimizer of one GARCH fit ended.
public struct GARCHEstimationReport: Sendable, Equatable {
    /// Whether the Newton polish of the chosen start met its stopping rule
    /// (a Karush–Kuhn–Tucker point up to rounding).
    public let converged: Bool
    /// Newton iterations of the chosen start.
    public let iterations: Int
    /// Likelihood evaluations over all starts (each an O(T) pass).
    public let evaluations: Int
    /// `‖x − P(x − ∇f)‖_∞` at the optimum in the estimation's coordinates (`ω` in units
    /// of the window's mean square, `α + β`, `α/(α + β)`); zero at a stationary point.
    public let projectedGradient: Double
    /// Whether the persistence `α + β` ended at its cap `1 − 10⁻⁶` (an integrated GARCH).
    public let persistenceAtCap: Bool
    /// The bounds the optimum lies on: any of `alpha = 0`, `beta = 0`,
    /// `alpha + beta = 1 - 1e-6`, `omega at its floor`, `omega at its ceiling`
    /// (empty for an interior optimum).
    public let activeBounds: [String]

    public init(converged: Bool, iterations: Int, evaluations: Int, projectedGradient: Double, persistenceAtCap: Bool,
                activeBounds: [String] = []) {
        self.converged = converged
        self.iterations = iterations
        self.evaluations = evaluations
        self.projectedGradient = projectedGradient
        self.persistenceAtCap = persistenceAtCap
        self.activeBounds = activeBounds
    }
}
