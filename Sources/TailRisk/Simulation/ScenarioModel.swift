import Foundation

/// The law of one day's log-return vector `r` in a simulation.
public enum ScenarioDistribution: Sendable, Equatable {
    /// `r = μ + L z`, `z ~ N(0, I)`.
    case normal
    /// Multivariate Student-t with the covariance of the normal model:
    /// `r = μ + √((ν − 2)/ν) · L z · √(ν/W)`, `W ~ χ²_ν` (methods.md §4). Needs `ν > 2`.
    case studentT(degreesOfFreedom: Double)
    /// Resampled whole days (rows) of a `T × d` daily log-return history,
    /// uniformly with replacement; `mean` and `factor` of the model are unused.
    case bootstrap(history: Matrix)
}

/// What a simulation draws from: a daily mean, the lower Cholesky factor of
/// the daily covariance, a distribution and a horizon in observation steps.
///
/// Horizon `h`: under `.normal` the sum of `h` independent daily draws is
/// exactly `N(h μ, h Σ)`, so the engine draws once with mean `h μ` and factor
/// `√h L` (the same distribution, `h` times cheaper). Under `.studentT` and
/// `.bootstrap` it sums `h` daily draws, which is not a rescaling.
public struct ScenarioModel: Sendable {
    /// Daily mean log returns `μ` (one per asset).
    public var mean: [Double]
    /// Lower-triangular `L` with `L Lᵀ = Σ`, the daily covariance.
    public var factor: Matrix
    public var distribution: ScenarioDistribution
    /// Steps per scenario (≥ 1).
    public var horizon: Int

    public init(mean: [Double], factor: Matrix, distribution: ScenarioDistribution = .normal, horizon: Int = 1) {
        self.mean = mean
        self.factor = factor
        self.distribution = distribution
        self.horizon = horizon
    }

    /// Number of assets.
    public var dimension: Int {
        if case let .bootstrap(history) = distribution { return history.cols }
        return mean.count
    }
}

/// How many scenarios, which random streams and what to compute besides the portfolio tail.
public struct SimulationSettings: Sendable {
    /// Scenarios to simulate (the first round when `targetPrecision` is set).
    public var scenarios: Int
    /// Seed of every random stream; the default is fixed so that a repeated run repeats.
    public var seed: UInt64
    /// Worker threads; the result does not depend on it.
    public var threads: Int
    /// Pair each scenario `z` with `−z` inside a stream unit (not for bootstrap).
    public var antithetic: Bool
    /// Exact revaluation or the linear shortcut `−(μ·V + (LᵀV)·z)`.
    public var pnl: PnLModel
    /// Add whole stream units until `SE(ES) < targetPrecision · ES` at every level.
    public var targetPrecision: Double?
    /// Cap on the scenario count under `targetPrecision`.
    public var maxScenarios: Int
    /// Also estimate each asset's own VaR/ES from the same scenarios.
    public var standalone: Bool
    /// Number of largest-loss scenarios to return with their per-asset P&L.
    public var tailScenariosToExport: Int
    /// Bins of the loss histogram (0: none).
    public var histogramBins: Int

    public static let defaultSeed: UInt64 = 20_260_101

    public init(scenarios: Int = 1_000_000, seed: UInt64 = SimulationSettings.defaultSeed,
                threads: Int = SimulationSettings.availableCores, antithetic: Bool = false, pnl: PnLModel = .exact,
                targetPrecision: Double? = nil, maxScenarios: Int = 100_000_000, standalone: Bool = false,
                tailScenariosToExport: Int = 0, histogramBins: Int = 0) {
        self.scenarios = scenarios
        self.seed = seed
        self.threads = threads
        self.antithetic = antithetic
        self.pnl = pnl
        self.targetPrecision = targetPrecision
        self.maxScenarios = maxScenarios
        self.standalone = standalone
        self.tailScenariosToExport = tailScenariosToExport
        self.histogramBins = histogramBins
    }

    /// The number of active processor cores.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension SimulationSettings {
    /// Checks the settings against the model and the levels; errors name the CLI flag.
    func validate(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel]) throws {
        precondition(!levels.isEmpty, "no confidence level")
        precondition(values.count == model.dimension, "one value per asset")
        try Limits.check(threads, atMost: Limits.threads, option: "--threads")
        try Limits.check(scenarios, atMost: Limits.scenarios, option: "--scenarios")
        try Limits.check(maxScenarios, atMost: Limits.scenarios, option: "--max-scenarios")
        try Limits.check(model.horizon, atMost: Limits.horizon, option: "--horizon")
        let minAlpha = levels.map(\.alpha).min()!
        guard scenarios >= 1, Double(scenarios) * minAlpha >= 1 else {
            let needed = Int((1 / minAlpha).rounded(.up))
            throw TailRiskError.invalidOption(
                option: "--scenarios",
                message: "\(scenarios) scenarios leave no tail at the highest confidence; use at least \(needed)")
        }
        for (i, v) in values.enumerated() {
            try Limits.checkAmount(v, option: "--positions", what: "the value of position \(i + 1)", allowZero: true)
        }
        try Limits.checkAmount(values.reduce(0) { $0 + abs($1) }, option: "--positions",
                               what: "the gross exposure Σ|V_i|", allowZero: true)
        // Work: one draw per asset and step (the normal model draws its h-step sum at once).
        let steps: Int
        if case .normal = model.distribution { steps = 1 } else { steps = model.horizon }
        if targetPrecision != nil {
            try Limits.checkSimulationWork([Swift.max(scenarios, maxScenarios), steps, model.dimension],
                                           names: ["scenarios at most", "steps", "assets"], option: "--max-scenarios")
        } else {
            try Limits.checkSimulationWork([scenarios, steps, model.dimension],
                                           names: ["scenarios", "steps", "assets"], option: "--scenarios")
        }
        guard model.mean.allSatisfy(\.isFinite), model.factor.storage.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the scenario model's mean or covariance factor is not finite")
        }
        guard model.horizon >= 1 else {
            throw TailRiskError.invalidOption(option: "--horizon", message: "must be at least 1, got \(model.horizon)")
        }
        switch model.distribution {
        case let .studentT(nu):
            guard nu > 2, nu.isFinite else {
                throw TailRiskError.invalidOption(
                    option: "--df", message: "Student-t degrees of freedom must exceed 2 (finite variance), got \(nu)")
            }
        case let .bootstrap(history):
            guard history.rows >= 1 else {
                throw TailRiskError.insufficientData(message: "bootstrap needs at least one day of returns")
            }
            guard history.storage.allSatisfy(\.isFinite) else {
                throw TailRiskError.numerical(message: "the bootstrap history holds a non-finite return")
            }
            guard !antithetic else {
                throw TailRiskError.invalidOption(
                    option: "--antithetic", message: "antithetic pairs need a symmetric law; bootstrap has none")
            }
        case .normal: break
        }
        if let target = targetPrecision {
            guard target > 0, target.isFinite else {
                throw TailRiskError.invalidOption(option: "--target-precision", message: "must be positive, got \(target)")
            }
            guard maxScenarios >= scenarios else {
                throw TailRiskError.invalidOption(
                    option: "--max-scenarios", message: "cap \(maxScenarios) is below --scenarios \(scenarios)")
            }
        }
        guard tailScenariosToExport >= 0, histogramBins >= 0 else {
            throw TailRiskError.invalidOption(option: "--tail", message: "counts cannot be negative")
        }
    }
}
