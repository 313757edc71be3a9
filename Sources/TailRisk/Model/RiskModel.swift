/// What a risk model is made of, before it meets data: the covariance
/// estimator, the mean convention and the innovation law (methods.md §2, §4,
/// §8). Every command that measures risk (var, simulate, haircut, backtest)
/// builds one from its flags or policy and fits it with `RiskModel.fit`.
public struct RiskModelSpec: Sendable, Equatable {
    public var estimator: CovarianceEstimator
    /// EWMA decay of the `ewma` covariance estimator.
    public var lambda: Double
    /// Simulate and forecast with a zero daily mean instead of the sample mean.
    public var zeroMean: Bool
    public var law: InnovationLaw
    /// The volatility filter (`--filter`) of the laws and methods that read one
    /// (fhs, and the copulas); `nil` takes the default, `ewma` with λ = 0.94, for fhs,
    /// and no filter for the copulas (their marginals are then those of the returns).
    public var filter: VolatilityFilterSpec?
    /// The copulas' marginal tails (`--tails`): empirical, or GPD beyond the outer 10%.
    public var tails: MarginalTails

    public init(estimator: CovarianceEstimator = .sample, lambda: Double = EWMACovariance.riskMetricsLambda,
                zeroMean: Bool = false, law: InnovationLaw = .normal, filter: VolatilityFilterSpec? = nil,
                tails: MarginalTails = .empirical) {
        self.tails = tails
        self.estimator = estimator
        self.lambda = lambda
        self.zeroMean = zeroMean
        self.law = law
        self.filter = filter
    }

    /// The filter in force: the one given, or `ewma(0.94)`.
    public var effectiveFilter: VolatilityFilterSpec { filter ?? .standard }
}

/// A risk model fitted once from a return history: the daily mean (or zero),
/// the covariance estimate, its factor after any positive-definite repair
/// (with the report), and the innovation law holding its data.
///
/// This is the one path fit → zero mean → repair → law that every analysis
/// starts from (design.md "Seams for what comes next"); the closed forms read
/// `mean` and `factored.covariance`, the engine reads `scenarioModel(horizon:)`.
/// - Complexity: O(T d²) for the estimate, O(d³) for the factor (and any repair).
public struct RiskModel: Sendable {
    public let spec: RiskModelSpec
    /// The estimate as fitted (before repair).
    public let estimate: CovarianceEstimate
    /// The covariance simulated and its lower factor, after any repair, with the report.
    public let factored: FactoredCovariance
    /// The daily mean used: the estimate's mean, or zeros under `zeroMean`.
    public let mean: [Double]
    /// The fitted law the engine draws from.
    public internal(set) var law: any ScenarioLaw
    /// Each asset's volatility filter over the history (zero mean; methods.md §8),
    /// fitted when the law or a filtered method needs it (`filtered: true`).
    public let filters: [FilterFit]?

    /// Fits `spec` to `returns` (`T × d` daily log returns).
    /// - Throws: `.invalidParameter(.estimator)` for `pairwise` (it needs gappy
    ///   data; models align dates first), the estimator's and the repair's errors.
    /// - Parameter filtered: also fit the volatility filter (for `--method fhs`)
    ///   when the law itself does not need it.
    public static func fit(_ returns: Matrix, spec: RiskModelSpec, filtered: Bool = false) throws -> RiskModel {
        if spec.estimator == .pairwise {
            throw TailRiskError.invalidParameter(
                .estimator,
                message: "pairwise needs gappy data; use it with `tailrisk cov` (this command aligns dates first)")
        }
        let estimate = try spec.estimator.makeEstimator(lambda: spec.lambda).fit(returns)
        let needsFilter = spec.law.usesFilter || filtered || (spec.law.isCopula && spec.filter != nil)
        let filters = needsFilter ? try spec.effectiveFilter.fit(columnsOf: returns) : nil
        return try RiskModel(spec: spec, estimate: estimate, covariance: estimate.covariance, history: returns,
                             filters: filters)
    }

    /// Fits `spec` to the returns of `series`.
    public static func fit(_ series: ReturnSeries, spec: RiskModelSpec, filtered: Bool = false) throws -> RiskModel {
        try fit(series.returns, spec: spec, filtered: filtered)
    }

    /// The same model with another daily covariance (e.g. a stressed blend),
    /// repaired and factored anew; mean, law kind and history are kept.
    public func replacingCovariance(_ covariance: Matrix, history: Matrix) throws -> RiskModel {
        try RiskModel(spec: spec, estimate: estimate, covariance: covariance, history: history, filters: filters)
    }

    /// The same model with a singular daily covariance and a lower-triangular
    /// factor of it (`L Lᵀ = covariance`, e.g. a correlation break to ±1,
    /// `FixedCorrelation`), used as given: no check, no repair.
    public func replacingCovariance(_ covariance: Matrix, factor: Matrix, history: Matrix) throws -> RiskModel {
        let smallest = try SymmetricEigen(covariance).values.first ?? 0
        let factored = FactoredCovariance(covariance: covariance, cholesky: factor,
                                          repair: .notNeeded(minimumEigenvalue: smallest))
        return try RiskModel(spec: spec, estimate: estimate, covariance: covariance, history: history, filters: filters,
                             factored: factored)
    }

    /// A model with a given daily mean and covariance instead of estimates
    /// (closed-form checks, scenario designs): repaired and factored as a fit is.
    public static func given(mean: [Double], covariance: Matrix, law: InnovationLaw = .normal,
                             history: Matrix? = nil) throws -> RiskModel {
        let d = mean.count
        precondition(covariance.rows == d && covariance.cols == d, "covariance must be d × d")
        let estimate = CovarianceEstimate(estimator: .sample, covariance: covariance, mean: mean,
                                          observations: history?.rows ?? 0, notes: ["given, not estimated"])
        let spec = RiskModelSpec(law: law)
        precondition(!law.usesFilter || history != nil, "a filtered law needs the history")
        let filters = law.usesFilter ? try spec.effectiveFilter.fit(columnsOf: history!) : nil
        return try RiskModel(spec: spec, estimate: estimate, covariance: covariance,
                             history: history ?? Matrix(rows: 0, cols: d), filters: filters, mean: mean)
    }

    private init(spec: RiskModelSpec, estimate: CovarianceEstimate, covariance: Matrix, history: Matrix,
                 filters: [FilterFit]? = nil, mean given: [Double]? = nil, factored preset: FactoredCovariance? = nil) throws {
        self.spec = spec
        self.estimate = estimate
        self.filters = filters
        factored = try preset ?? PositiveDefiniteRepair.factor(covariance)
        mean = given ?? (spec.zeroMean ? [Double](repeating: 0, count: covariance.rows) : estimate.mean)
        // A copula reads the residuals of the filter given, or the returns themselves (`none`).
        var copulaFits: [FilterFit]?
        if spec.law.isCopula {
            copulaFits = spec.filter == nil ? try VolatilityFilterSpec.none.fit(columnsOf: history) : filters
        }
        law = try spec.law.fittedLaw(mean: mean, factor: factored.cholesky, history: history, filters: filters,
                                     filterName: spec.effectiveFilter.name, copulaFits: copulaFits,
                                     copulaFilterName: (spec.filter ?? .none).name, tails: spec.tails)
    }

    /// The engine's input for `h`-step scenarios.
    public func scenarioModel(horizon: Int) -> ScenarioModel {
        ScenarioModel(law: law, horizon: horizon)
    }

    /// The daily volatility of each asset, `√Σ_ii` of the covariance simulated.
    public var dailyVolatility: [Double] { factored.covariance.diagonal.map { $0.squareRoot() } }
}
