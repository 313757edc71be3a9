/// One risk-measure method (historical, normal, Cornish–Fisher, FHS, Monte Carlo):
/// the single implementation that `tailrisk var` (`RiskAnalysis.run`, the whole
/// history as its window) and `tailrisk backtest` (`BacktestForecaster.method`,
/// each day's rolling window) both call (issue 22).
///
/// A method declares what it reads (`requirements(_:)`): the window's P&L, the
/// fitted mean and covariance, the volatility filters, the engine's scenarios.
/// The callers fit exactly that and nothing else (`fit(_:spec:)`), and every
/// "does this run read a filter?" question is answered from these declarations
/// (`RiskMethod.requirements(of:spec:)`), never by listing methods again.
///
/// The methods are found by their `RiskMethod` id in the registry
/// (`RiskMethod.implementation`, the one switch over `RiskMethod`).
public protocol RiskMeasureMethod: Sendable {
    /// The method's kind (the label of its estimates).
    var method: RiskMethod { get }

    /// The method's id in outputs under `spec` (e.g. `fhs-garch`, `monte-carlo-t`);
    /// by default `method.rawValue`.
    func id(_ spec: RiskModelSpec) -> String

    /// What the method reads under `spec`; it reads nothing else.
    func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements

    /// VaR and ES at every level of `inputs`, one estimate per level in their order.
    /// - Throws: `TailRiskError` when the window cannot be estimated (too short, no tail).
    func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput
}

extension RiskMeasureMethod {
    public func id(_ spec: RiskModelSpec) -> String { method.rawValue }

    /// Fits to the window's daily log returns `returns` (`T × d`) what this method
    /// reads under `spec`, and nothing more:
    /// - `.scenarios`: the full `RiskModel.fit` of `spec` (its law included), with the
    ///   filter when `.filter` is declared;
    /// - `.covariance` alone: the estimator and mean of `spec` under the normal law and
    ///   no filter (the law is not read, so it is not fitted, and cannot fail);
    /// - `.filter` alone: `spec.effectiveFilter` on each column (zero mean, methods.md §8).
    /// - Throws: the estimator's, repair's, law's or filter's errors.
    /// - Complexity: that of the fits made (O(T·d²) + O(d³) for a covariance).
    public func fit(_ returns: Matrix, spec: RiskModelSpec) throws -> (model: RiskModel?, filters: [FilterFit]?) {
        let needs = requirements(spec)
        if needs.contains(.scenarios) {
            let model = try RiskModel.fit(returns, spec: spec, filtered: needs.contains(.filter))
            return (model, model.filters)
        }
        if needs.contains(.covariance) {
            var closedForm = spec
            closedForm.law = .normal
            closedForm.filter = nil
            let model = try RiskModel.fit(returns, spec: closedForm, filtered: needs.contains(.filter))
            return (model, model.filters)
        }
        if needs.contains(.filter) { return (nil, try spec.effectiveFilter.fit(columnsOf: returns)) }
        return (nil, nil)
    }
}

/// What a risk-measure method reads besides the positions and levels.
public struct RiskMethodRequirements: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The window's portfolio P&L over the horizon (`RiskMethodInputs.pnl`): historical, Cornish–Fisher.
    public static let window = RiskMethodRequirements(rawValue: 1 << 0)
    /// The fitted mean and covariance (`RiskModel.mean`, `factored.covariance`): normal, Monte Carlo.
    public static let covariance = RiskMethodRequirements(rawValue: 1 << 1)
    /// Each asset's volatility filter (`RiskMethodInputs.filters`): fhs, and Monte Carlo under
    /// a law that reads one (`RiskModelSpec.lawFilter`: the fhs law, a copula given a filter).
    public static let filter = RiskMethodRequirements(rawValue: 1 << 2)
    /// Scenarios of the fitted law drawn by `MonteCarloEngine` (Monte Carlo).
    public static let scenarios = RiskMethodRequirements(rawValue: 1 << 3)
    /// The mean parameter `μ` (the window's sample mean, or zero under `zeroMean`): normal, and
    /// Monte Carlo under a law with a mean (normal, t; `InnovationLaw.readsMean`). The others
    /// resample or rescale data and keep its own drift (`MeanTreatment`).
    public static let mean = RiskMethodRequirements(rawValue: 1 << 4)
}

/// What a method is given: one window (the whole history for `var`, the rows before
/// the forecast day for `backtest`) and what was fitted to it.
public struct RiskMethodInputs: Sendable {
    /// The window's portfolio P&L, one per (overlapping, when `horizon > 1`) `horizon`-step return.
    public var pnl: [Double]
    /// The window's `horizon`-step log returns behind `pnl` (`pnl.count × d`), when per-asset
    /// contributions are wanted (`var`); `nil` computes none (`backtest`).
    public var horizonReturns: Matrix?
    /// Position values `V`, held constant.
    public var values: [Double]
    public var levels: [ConfidenceLevel]
    /// Steps `h` of the forecast (1 in a backtest).
    public var horizon: Int
    /// How scenario returns are revalued (fhs; Monte Carlo reads `simulation.pnl`).
    public var pnlModel: PnLModel
    public var quantile: QuantileConvention
    /// The model spec the inputs were fitted under (ids, filter named in notes).
    public var spec: RiskModelSpec
    /// The fitted model, when the method reads the covariance or scenarios.
    public var model: RiskModel?
    /// Each asset's filter fit over the window, when the method reads a filter.
    public var filters: [FilterFit]?
    /// The engine's settings (Monte Carlo).
    public var simulation: SimulationSettings
    /// Progress of a Monte Carlo run (done, total).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(pnl: [Double], horizonReturns: Matrix? = nil, values: [Double], levels: [ConfidenceLevel],
                horizon: Int = 1, pnlModel: PnLModel = .exact, quantile: QuantileConvention = .orderStatistic,
                spec: RiskModelSpec = RiskModelSpec(), model: RiskModel? = nil, filters: [FilterFit]? = nil,
                simulation: SimulationSettings = SimulationSettings(),
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        (self.pnl, self.horizonReturns, self.values, self.levels) = (pnl, horizonReturns, values, levels)
        (self.horizon, self.pnlModel, self.quantile, self.spec) = (horizon, pnlModel, quantile, spec)
        (self.model, self.filters, self.simulation, self.progress) = (model, filters, simulation, progress)
    }

    /// The fitted model a method declaring `.covariance` or `.scenarios` reads.
    /// - Precondition: it was fitted (`RiskMeasureMethod.fit`).
    func requireModel(_ method: RiskMethod) -> RiskModel {
        guard let model else { preconditionFailure("\(method.rawValue) reads a fitted model; none was given") }
        return model
    }
}

/// What a method returns for one window.
public struct RiskMethodOutput: Sendable {
    /// One estimate per level, in the inputs' order.
    public var estimates: [RiskEstimate]
    /// The one-step forecast standard deviation of the basket's P&L that scales the
    /// McNeil–Frey residuals (`√(VᵀΣV)` for normal and Monte Carlo, `√m₂` for
    /// Cornish–Fisher); `nil` for the methods without one (historical, fhs).
    public var scale: Double?
    /// How the method treated the horizon (var's `horizon_treatment`).
    public var horizonTreatment: String
    /// The Monte Carlo run, for the Monte Carlo method.
    public var simulation: SimulationResult?

    public init(estimates: [RiskEstimate], scale: Double? = nil, horizonTreatment: String,
                simulation: SimulationResult? = nil) {
        self.estimates = estimates
        self.scale = scale
        self.horizonTreatment = horizonTreatment
        self.simulation = simulation
    }

    /// `√(VᵀΣV)`, the one-step standard deviation of the linear P&L under `Σ`.
    /// - Complexity: O(d²).
    static func linearScale(covariance: Matrix, values: [Double]) -> Double {
        let sv = BLAS.multiply(covariance, values)
        let variance = zip(values, sv).reduce(0) { $0 + $1.0 * $1.1 }
        return max(variance, 0).squareRoot()
    }
}
