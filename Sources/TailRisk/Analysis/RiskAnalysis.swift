/// What `tailrisk var` computes: every requested method on one basket, from
/// one return history and one covariance estimate.
///
/// Horizon `h` (steps of the aligned table): historical and Cornish–Fisher use
/// overlapping `h`-step returns; normal scales mean and covariance by `h`;
/// Monte Carlo draws `h`-step scenarios (exactly `N(hμ, hΣ)` for the normal
/// model, a sum of `h` daily draws otherwise). `horizonTreatment` says which.
public struct RiskAnalysis: Sendable {
    public struct Settings: Sendable {
        public var levels: [ConfidenceLevel]
        public var methods: [RiskMethod]
        /// Estimator, mean convention and Monte Carlo law of the risk model.
        public var model: RiskModelSpec
        public var horizon: Int
        public var pnl: PnLModel
        public var quantile: QuantileConvention
        public var simulation: SimulationSettings

        public init(levels: [ConfidenceLevel] = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)],
                    methods: [RiskMethod] = RiskMethod.allCases, estimator: CovarianceEstimator = .sample,
                    lambda: Double = 0.94, horizon: Int = 1, pnl: PnLModel = .exact, zeroMean: Bool = false,
                    quantile: QuantileConvention = .orderStatistic, distribution: InnovationLaw = .normal,
                    simulation: SimulationSettings = SimulationSettings()) {
            self.levels = levels
            self.methods = methods
            model = RiskModelSpec(estimator: estimator, lambda: lambda, zeroMean: zeroMean, law: distribution)
            self.horizon = horizon
            self.pnl = pnl
            self.quantile = quantile
            self.simulation = simulation
        }
    }

    public let settings: Settings
    /// The daily return history the estimates come from.
    public let series: ReturnSeries
    public let portfolio: Portfolio
    /// The fitted risk model (estimate, repaired factor, mean, law).
    public let model: RiskModel
    public var covariance: CovarianceEstimate { model.estimate }
    public var factored: FactoredCovariance { model.factored }
    /// One estimate per method and level, in the order of `settings.methods`, then levels.
    public let estimates: [RiskEstimate]
    /// The historical P&L series (over the horizon) with the end date of each observation.
    public let historicalDates: [Day]
    public let historicalPnL: [Double]
    /// How each method treated the horizon.
    public let horizonTreatment: [RiskMethod: String]
    /// The Monte Carlo run, when that method was asked for.
    public let simulation: SimulationResult?
    /// One per estimate: for every method but historical and fhs, its ES against
    /// the historical and FHS ES of the same basket (`ModelRiskCheck`); `nil`
    /// for those two and when the history gives neither reference.
    public let modelRisk: [ModelRiskCheck?]

    /// The method's id in outputs: `fhs` (ewma filter) or `fhs-garch`, and the
    /// Monte Carlo law's id (`monte-carlo`, `monte-carlo-t`, `monte-carlo-bootstrap`, `monte-carlo-fhs`).
    public func methodID(_ method: RiskMethod) -> String {
        Self.methodID(method, model: settings.model)
    }

    /// `methodID` for a model spec (shared with the backtest).
    public static func methodID(_ method: RiskMethod, model: RiskModelSpec) -> String {
        method.id(model)
    }

    /// Runs every requested method.
    /// Positions may come in any order (`Portfolio.aligned(to:)`); the result lists the series' order.
    /// - Throws: `TailRiskError` for a portfolio whose assets are not the series', too little data, an
    ///   estimator that cannot be fitted, a covariance that cannot be repaired, or invalid simulation settings.
    public static func run(series: ReturnSeries, portfolio: Portfolio, settings: Settings,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RiskAnalysis {
        let (portfolio, model) = try checkedFit(series: series, portfolio: portfolio, settings: settings)
        let h = settings.horizon

        let overlapping = h == 1 ? series : try series.overlapping(horizon: h)
        let pnl = PnLSeries.portfolio(returns: overlapping.returns, values: portfolio.values, model: settings.pnl)
        // The whole history is the window; each method reads its part (RiskMeasureMethod).
        let inputs = RiskMethodInputs(pnl: pnl, horizonReturns: overlapping.returns, values: portfolio.values,
                                      levels: settings.levels, horizon: h, pnlModel: settings.pnl,
                                      quantile: settings.quantile, spec: settings.model, model: model,
                                      filters: model.filters, simulation: settings.simulation, progress: progress)
        var estimates: [RiskEstimate] = []
        var treatment: [RiskMethod: String] = [:]
        var simulation: SimulationResult?
        for method in settings.methods {
            let output = try method.implementation.estimate(inputs)
            estimates += output.estimates
            treatment[method] = output.horizonTreatment
            if let run = output.simulation { simulation = run }
        }
        for e in estimates { try e.requireFinite(assets: portfolio.assets) }
        estimates = estimates.map { $0.audited(portfolio: portfolio, linearPnL: $0.method == .normal || settings.pnl == .linear) }
        return RiskAnalysis(settings: settings, series: series, portfolio: portfolio, model: model,
                            estimates: estimates, historicalDates: overlapping.dates,
                            historicalPnL: pnl, horizonTreatment: treatment, simulation: simulation,
                            modelRisk: modelRisk(estimates, series: series, pnl: pnl, portfolio: portfolio,
                                                 settings: settings))
    }

    /// The model-risk check of each estimate, reusing the historical ES (or the
    /// historical P&L `pnl` over the horizon) and the FHS ES (when its filter is
    /// ewma(0.94)) already estimated; the references are computed only when a
    /// method other than historical and fhs was asked for.
    /// - Complexity: O(T log T) for the historical reference, O(T·d·h + T log T) for an FHS one not estimated.
    static func modelRisk(_ estimates: [RiskEstimate], series: ReturnSeries, pnl: [Double], portfolio: Portfolio,
                          settings: Settings) -> [ModelRiskCheck?] {
        let checked: (RiskEstimate) -> Bool = { $0.method != .historical && $0.method != .fhs }
        guard estimates.contains(where: checked) else { return estimates.map { _ in nil } }
        func es(_ method: RiskMethod) -> [Double]? {
            let found = settings.levels.map { level in
                estimates.first { $0.method == method && $0.level == level }?.expectedShortfall
            }
            return found.contains(nil) ? nil : found.map { $0! }
        }
        let references = ModelRiskCheck.References.compute(
            series: series, values: portfolio.values, levels: settings.levels, horizon: settings.horizon,
            pnl: settings.pnl, convention: settings.quantile,
            historical: es(.historical) ?? (try? HistoricalRisk.estimates(pnl: pnl, levels: settings.levels,
                                                                          convention: settings.quantile).map(\.expectedShortfall)),
            fhs: settings.model.effectiveFilter == ModelRiskCheck.fhsFilter ? es(.fhs) : nil)
        return estimates.map { e in
            guard checked(e) else { return nil }
            let check = references.check(modelES: e.expectedShortfall, level: e.level)
            return check.reference == nil ? nil : check
        }
    }
}
