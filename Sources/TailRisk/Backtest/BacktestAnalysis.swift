import Foundation

/// What `tailrisk backtest` computes: a rolling one-day backtest of every
/// requested method at every level on one basket, with its tests (methods.md §6).
///
/// The covariance estimator applies to the normal and Monte Carlo methods,
/// refitted on each day's window; historical and Cornish–Fisher use the
/// window's P&L. Position values are held constant (rebalanced daily).
public struct BacktestAnalysis: Sendable {
    public struct Settings: Sendable {
        /// Returns in each day's estimation window.
        public var window: Int
        public var levels: [ConfidenceLevel]
        public var methods: [RiskMethod]
        /// Estimator, mean convention and Monte Carlo law, refitted on each window.
        public var model: RiskModelSpec
        public var pnl: PnLModel
        public var quantile: QuantileConvention
        /// Monte Carlo per day: scenarios, seed, antithetic (threads are ignored).
        public var simulation: SimulationSettings
        /// Worker threads across days.
        public var threads: Int
        /// `--method all`: every method side by side, fhs with each filter and
        /// every Monte Carlo law (`BacktestAnalysis.allVariants`), instead of `methods`.
        public var compareAll: Bool = false

        /// Scenarios per day of a Monte Carlo backtest unless told otherwise.
        public static let defaultScenarios = 10_000

        public init(window: Int = 250, levels: [ConfidenceLevel] = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)],
                    methods: [RiskMethod] = RiskMethod.allCases, estimator: CovarianceEstimator = .sample,
                    lambda: Double = 0.94, pnl: PnLModel = .exact, zeroMean: Bool = false,
                    quantile: QuantileConvention = .orderStatistic, distribution: InnovationLaw = .normal,
                    simulation: SimulationSettings = SimulationSettings(scenarios: defaultScenarios),
                    threads: Int = SimulationSettings.availableCores) {
            self.window = window
            self.levels = levels
            self.methods = methods
            model = RiskModelSpec(estimator: estimator, lambda: lambda, zeroMean: zeroMean, law: distribution)
            self.pnl = pnl
            self.quantile = quantile
            self.simulation = simulation
            self.threads = threads
        }
    }

    public let settings: Settings
    public let series: ReturnSeries
    public let portfolio: Portfolio
    /// One result per method and level, in the order of `settings.methods`, then levels.
    public let results: [BacktestResult]
    /// Wall-clock seconds of the backtest (forecasts and tests).
    public let seconds: Double
    /// The FZ0 ranking of the methods at each level (methods.md §8), losses as
    /// fractions of the basket value; `nil` with a single method.
    public let ranking: ModelRanking?
    /// The method ids backtested, in order.
    public let methodIDs: [String]
    /// The copula laws backtested, each as fitted on the last forecast day's window.
    public let copulas: [LastWindowCopula]

    /// Number of forecast days.
    public var days: Int { series.count - settings.window }

    /// Runs the backtest.
    /// - Throws: `.invalidParameter(.window)` for a window under 2,
    ///   `.insufficientData` for a window as long as the data or longer,
    ///   `.invalidParameter(.estimator)` for `pairwise`, and any error of a day's forecast.
    /// - Complexity: see `RollingBacktest.run` and each forecaster.
    public static func run(series: ReturnSeries, portfolio: Portfolio, settings: Settings) throws -> BacktestAnalysis {
        let portfolio = try portfolio.aligned(to: series.assets)
        let start = DispatchTime.now().uptimeNanoseconds
        try series.requireBoundedReturns()
        try portfolio.requireBoundedValues(parameter: .positions)
        if !settings.compareAll { try settings.model.checkFilter(methods: settings.methods) }
        let reads = RiskMethod.requirements(of: settings.methods, spec: settings.model)
        if settings.compareAll || reads.contains(.covariance) {
            try Limits.checkCovarianceSize(series.assets.count, parameter: .positions)
        }
        if settings.compareAll || reads.contains(.scenarios) {
            let sim = settings.simulation
            let perDay = sim.targetPrecision == nil ? sim.scenarios : max(sim.scenarios, sim.maxScenarios)
            try Limits.checkSimulationWork([max(series.count - settings.window, 0), perDay, series.assets.count],
                                           names: ["days", "scenarios", "assets"], parameter: .scenarios)
        }
        let forecasters = try settings.compareAll ? allVariants(settings)
            : settings.methods.map { try forecaster($0, settings: settings) }
        let backtest = try RollingBacktest(series: series, values: portfolio.values, window: settings.window,
                                           levels: settings.levels, forecasters: forecasters,
                                           pnlModel: settings.pnl, threads: settings.threads)
        let results = try backtest.run()
        let ranking = forecasters.count > 1 ? ModelRanking(results: results, base: portfolio.fractionBase.value) : nil
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // A last window the copula cannot be fitted on was skipped by the backtest: no record then.
        let copulas = (try? lastWindowCopulas(settings, series: series)) ?? []
        return BacktestAnalysis(settings: settings, series: series, portfolio: portfolio, results: results,
                                seconds: seconds, ranking: ranking, methodIDs: forecasters.map(\.name),
                                copulas: copulas)
    }

    /// `--method all`: historical, normal, Cornish–Fisher, fhs with the ewma and
    /// the garch filter, and Monte Carlo under the normal, t, bootstrap and fhs
    /// (ewma) laws and the t and Gaussian copulas (`copulaSpecs`), each with the
    /// settings' estimator, mean and scenarios.
    public static func allVariants(_ settings: Settings) throws -> [BacktestForecaster] {
        var out = try [RiskMethod.historical, .normal, .cornishFisher].map { try forecaster($0, settings: settings) }
        let ewma = settings.model.filter.flatMap { if case .ewma = $0 { return $0 } else { return nil } } ?? .standard
        out.append(.filteredHistorical(filter: ewma, pnl: settings.pnl, convention: settings.quantile))
        out.append(.filteredHistorical(filter: .garch, pnl: settings.pnl, convention: settings.quantile))
        let nu: Double
        if case let .studentT(df) = settings.model.law { nu = df } else { nu = 5 }
        for law in [InnovationLaw.normal, .studentT(degreesOfFreedom: nu), .bootstrap, .fhs] {
            var spec = settings.model
            spec.law = law
            spec.filter = law == .fhs ? ewma : nil
            out.append(.monteCarlo(model: spec, settings: settings.simulation))
        }
        out += copulaSpecs(settings).map { .monteCarlo(model: $0, settings: settings.simulation) }
        return out
    }

    /// The forecaster of one method under these settings: the method's shared
    /// implementation (`RiskMethod.implementation`) on each day's window.
    /// - Throws: `.invalidParameter(.estimator)` for `pairwise`, `.invalidParameter(.covarianceDecay)` for a bad λ,
    ///   for a method that reads the covariance (checked once, not on each day).
    public static func forecaster(_ method: RiskMethod, settings: Settings) throws -> BacktestForecaster {
        let spec = settings.model
        if method.requirements(spec).contains(.covariance) {
            if spec.estimator == .pairwise {
                throw TailRiskError.invalidParameter(
                    .estimator, message: "pairwise needs gappy data; a backtest aligns dates first")
            }
            _ = try spec.estimator.makeEstimator(lambda: spec.lambda)
        }
        return .method(method.implementation, spec: spec, pnl: settings.pnl, quantile: settings.quantile,
                       simulation: settings.simulation)
    }
}

extension CoverageTests {
    /// Whether the VaR forecasts pass at significance `s`: Kupiec and
    /// Christoffersen conditional coverage p-values at least `s`, and not in
    /// the red zone.
    public func varPasses(at s: Double = 0.05) -> Bool {
        kupiecP >= s && christoffersenPCC >= s && trafficLight != .red
    }

    /// Whether the ES forecasts pass McNeil–Frey at significance `s`; `nil`
    /// when the test has too few exceedances.
    public func expectedShortfallPasses(at s: Double = 0.05) -> Bool? {
        mcneilFreyP.map { $0 >= s }
    }
}
