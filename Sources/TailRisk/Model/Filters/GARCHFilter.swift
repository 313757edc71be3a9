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
public struct GARCHFilter: VolatilityFilter {
    /// The shortest window fitted.
    public static let minimumReturns = 10

    public init() {}

    /// Fits the model, then filters the window with the fitted parameters.
    /// - Throws: `.insufficientData` for fewer than `minimumReturns` returns;
    ///   `.numerical` for a non-finite return, returns that are all zero, or no
    ///   finite likelihood.
    public func fit(_ returns: [Double]) throws -> FilterFit {
        try Self.filter(returns, fit: try Self.estimate(returns))
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
        guard parameters.omega > 0, parameters.alpha >= 0, parameters.beta >= 0, parameters.persistence.isFinite else {
            throw TailRiskError.numerical(message: "GARCH parameters need ω > 0 and α, β ≥ 0, got \(parameters)")
        }
        return try filter(returns, fit: GARCHFit(parameters: parameters,
                                                 logLikelihood: parameters.logLikelihood(returns), estimation: nil))
    }

    private static func filter(_ returns: [Double], fit: GARCHFit) throws -> FilterFit {
        try FilterFit.fromVariances(returns, fit.parameters.variances(returns), filter: "garch", garch: fit)
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
