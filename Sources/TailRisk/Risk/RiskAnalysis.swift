/// What `tailrisk var` computes: every requested method on one basket, from
/// one return history and one covariance estimate.
///
/// Horizon `h` (steps of the aligned table): historical and Cornish–Fisher use
/// overlapping `h`-step returns; normal scales mean and covariance by `h`;
/// Monte Carlo draws `h`-step scenarios (exactly `N(hμ, hΣ)` for the normal
/// model, a sum of `h` daily draws otherwise). `horizonTreatment` says which.
public struct RiskAnalysis: Sendable {
    /// The distribution of Monte Carlo scenarios.
    public enum Distribution: Sendable, Equatable {
        case normal
        case studentT(degreesOfFreedom: Double)
        case bootstrap

        public var name: String {
            switch self {
            case .normal: return "normal"
            case .studentT: return "t"
            case .bootstrap: return "bootstrap"
            }
        }
    }

    public struct Settings: Sendable {
        public var levels: [ConfidenceLevel]
        public var methods: [RiskMethod]
        public var estimator: CovarianceEstimator
        public var lambda: Double
        public var horizon: Int
        public var pnl: PnLModel
        public var zeroMean: Bool
        public var quantile: QuantileConvention
        public var distribution: Distribution
        public var simulation: SimulationSettings

        public init(levels: [ConfidenceLevel] = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)],
                    methods: [RiskMethod] = RiskMethod.allCases, estimator: CovarianceEstimator = .sample,
                    lambda: Double = 0.94, horizon: Int = 1, pnl: PnLModel = .exact, zeroMean: Bool = false,
                    quantile: QuantileConvention = .orderStatistic, distribution: Distribution = .normal,
                    simulation: SimulationSettings = SimulationSettings()) {
            self.levels = levels
            self.methods = methods
            self.estimator = estimator
            self.lambda = lambda
            self.horizon = horizon
            self.pnl = pnl
            self.zeroMean = zeroMean
            self.quantile = quantile
            self.distribution = distribution
            self.simulation = simulation
        }
    }

    public let settings: Settings
    /// The daily return history the estimates come from.
    public let series: ReturnSeries
    public let portfolio: Portfolio
    public let covariance: CovarianceEstimate
    public let factored: FactoredCovariance
    /// One estimate per method and level, in the order of `settings.methods`, then levels.
    public let estimates: [RiskEstimate]
    /// The historical P&L series (over the horizon) with the end date of each observation.
    public let historicalDates: [Day]
    public let historicalPnL: [Double]
    /// How each method treated the horizon.
    public let horizonTreatment: [RiskMethod: String]
    /// The Monte Carlo run, when that method was asked for.
    public let simulation: SimulationResult?

    /// Runs every requested method.
    /// - Throws: `TailRiskError` for too little data, an estimator that cannot
    ///   be fitted, a covariance that cannot be repaired, or invalid simulation settings.
    public static func run(series: ReturnSeries, portfolio: Portfolio, settings: Settings,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RiskAnalysis {
        precondition(series.assets == portfolio.assets, "series and portfolio must list the same assets")
        let h = settings.horizon
        if settings.estimator == .pairwise {
            throw TailRiskError.invalidOption(
                option: "--estimator", message: "pairwise needs gappy data; use it with `tailrisk cov` (var aligns dates first)")
        }
        try series.requireVariation()
        try series.requireBoundedReturns()
        try portfolio.requireBoundedValues(option: "--positions")
        try Limits.checkCovarianceSize(series.assets.count, option: "--positions")
        let covariance = try settings.estimator.makeEstimator(lambda: settings.lambda).fit(series.returns)
        let factored = try PositiveDefiniteRepair.factor(covariance.covariance)
        let mean = settings.zeroMean ? [Double](repeating: 0, count: series.assets.count) : covariance.mean

        let overlapping = h == 1 ? series : try series.overlapping(horizon: h)
        let pnl = PnLSeries.portfolio(returns: overlapping.returns, values: portfolio.values, model: settings.pnl)
        var estimates: [RiskEstimate] = []
        var treatment: [RiskMethod: String] = [:]
        var simulation: SimulationResult?
        for method in settings.methods {
            switch method {
            case .historical:
                let assetPnL = PnLSeries.assets(returns: overlapping.returns, values: portfolio.values, model: settings.pnl)
                estimates += try HistoricalRisk.estimates(pnl: pnl, assetPnL: assetPnL, levels: settings.levels,
                                                          convention: settings.quantile)
                treatment[method] = h == 1 ? "daily returns" : "overlapping \(h)-step returns (\(overlapping.count) windows)"
            case .normal:
                estimates += ParametricNormal.estimates(mean: mean, covariance: factored.covariance,
                                                        values: portfolio.values, levels: settings.levels, horizon: h)
                treatment[method] = h == 1 ? "delta-normal, 1 step" : "delta-normal, mean and covariance × \(h)"
            case .cornishFisher:
                estimates += try CornishFisher.estimates(pnl: pnl, levels: settings.levels)
                treatment[method] = h == 1 ? "moments of daily P&L" : "moments of overlapping \(h)-step P&L"
            case .monteCarlo:
                let distribution: ScenarioDistribution
                switch settings.distribution {
                case .normal: distribution = .normal
                case let .studentT(nu): distribution = .studentT(degreesOfFreedom: nu)
                case .bootstrap: distribution = .bootstrap(history: series.returns)
                }
                let model = ScenarioModel(mean: mean, factor: factored.cholesky, distribution: distribution, horizon: h)
                let result = try MonteCarloEngine().run(model: model, values: portfolio.values, levels: settings.levels,
                                                        settings: settings.simulation, progress: progress)
                estimates += result.estimates
                simulation = result
                switch settings.distribution {
                case .normal: treatment[method] = h == 1 ? "normal scenarios, 1 step" : "N(\(h)μ, \(h)Σ) scenarios (exact for the normal model)"
                default: treatment[method] = "sum of \(h) daily draws"
                }
            }
        }
        for e in estimates { try e.requireFinite(assets: portfolio.assets) }
        return RiskAnalysis(settings: settings, series: series, portfolio: portfolio, covariance: covariance,
                            factored: factored, estimates: estimates, historicalDates: overlapping.dates,
                            historicalPnL: pnl, horizonTreatment: treatment, simulation: simulation)
    }
}
