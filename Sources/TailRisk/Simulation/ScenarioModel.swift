import Foundation

/// What a simulation draws from: a fitted innovation law (`ScenarioLaw`,
/// which holds its mean, factor, history or residuals) and a horizon in
/// observation steps. `RiskModel.scenarioModel(horizon:)` makes one.
public struct ScenarioModel: Sendable {
    public var law: any ScenarioLaw
    /// Steps per scenario (≥ 1).
    public var horizon: Int

    public init(law: any ScenarioLaw, horizon: Int = 1) {
        self.law = law
        self.horizon = horizon
    }

    /// The normal model `N(μ, LLᵀ)` per step.
    public init(mean: [Double], factor: Matrix, horizon: Int = 1) {
        self.init(law: NormalLaw(mean: mean, factor: factor), horizon: horizon)
    }

    /// The model of `law` over a daily mean, covariance factor and history (bootstrap).
    public init(mean: [Double], factor: Matrix, law: InnovationLaw, history: Matrix? = nil, horizon: Int = 1) {
        self.init(law: law.law(mean: mean, factor: factor, history: history ?? Matrix(rows: 0, cols: mean.count)),
                  horizon: horizon)
    }

    /// Number of assets.
    public var dimension: Int { law.dimension }
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
    /// Mean-shift importance sampling of the tail (normal law; `VarianceReduction.importance`).
    public var importanceSampling: Bool
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
    /// Where the stream units are evaluated: this process's threads by default,
    /// merged shard files or MPI ranks otherwise; the result does not depend on it.
    public var backend: any EngineBackend

    public static let defaultSeed: UInt64 = 20_260_101

    public init(scenarios: Int = 1_000_000, seed: UInt64 = SimulationSettings.defaultSeed,
                threads: Int = SimulationSettings.availableCores, antithetic: Bool = false, pnl: PnLModel = .exact,
                targetPrecision: Double? = nil, maxScenarios: Int = 100_000_000, standalone: Bool = false,
                tailScenariosToExport: Int = 0, histogramBins: Int = 0,
                backend: any EngineBackend = ThreadBackend(), importanceSampling: Bool = false) {
        self.scenarios = scenarios
        self.seed = seed
        self.threads = threads
        self.antithetic = antithetic
        self.importanceSampling = importanceSampling
        self.pnl = pnl
        self.targetPrecision = targetPrecision
        self.maxScenarios = maxScenarios
        self.standalone = standalone
        self.tailScenariosToExport = tailScenariosToExport
        self.histogramBins = histogramBins
        self.backend = backend
    }

    /// The number of active processor cores.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension SimulationSettings {
    /// Checks the settings against the model and the levels; errors name the CLI flag.
    func validate(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel]) throws {
        precondition(!levels.isEmpty, "no confidence level")
        precondition(values.count == model.dimension, "one value per asset")
        try Limits.check(threads, atMost: Limits.threads, parameter: .threads)
        try Limits.check(scenarios, atMost: Limits.scenarios, parameter: .scenarios)
        try Limits.check(maxScenarios, atMost: Limits.scenarios, parameter: .maxScenarios)
        try Limits.check(model.horizon, atMost: Limits.horizon, parameter: .horizon)
        let minAlpha = levels.map(\.alpha).min()!
        // Under importance sampling the tilt puts about half the scenarios in the tail whatever α is:
        // it needs one scenario per batch group (ImportanceEstimator), not n·α ≥ 1 plain ones (issue 21).
        if importanceSampling {
            guard scenarios >= ImportanceEstimator.groups else {
                throw TailRiskError.invalidParameter(
                    .scenarios, message: "importance sampling needs at least \(ImportanceEstimator.groups) scenarios "
                        + "(one per batch group of its precision), got \(scenarios)")
            }
        } else if !(scenarios >= 1 && Double(scenarios) * minAlpha >= 1) {
            let needed = Int((1 / minAlpha).rounded(.up))
            throw TailRiskError.invalidParameter(
                .scenarios,
                message: "\(scenarios) scenarios leave no tail at the highest confidence; use at least \(needed)")
        }
        for (i, v) in values.enumerated() {
            try Limits.checkAmount(v, parameter: .positions, what: "the value of position \(i + 1)", allowZero: true)
        }
        try Limits.checkAmount(values.reduce(0) { $0 + abs($1) }, parameter: .positions,
                               what: "the gross exposure Σ|V_i|", allowZero: true)
        // Work: one draw per asset and step (the normal model draws its h-step sum at once).
        let steps: Int
        steps = model.law is NormalLaw ? 1 : model.horizon
        if targetPrecision != nil {
            try Limits.checkSimulationWork([Swift.max(scenarios, maxScenarios), steps, model.dimension],
                                           names: ["scenarios at most", "steps", "assets"], parameter: .maxScenarios)
        } else {
            try Limits.checkSimulationWork([scenarios, steps, model.dimension],
                                           names: ["scenarios", "steps", "assets"], parameter: .scenarios)
        }
        guard model.horizon >= 1 else {
            throw TailRiskError.invalidParameter(.horizon, message: "must be at least 1, got \(model.horizon)")
        }
        try model.law.validate()
        if antithetic && !model.law.isSymmetric {
            throw TailRiskError.invalidParameter(
                .antithetic, message: "antithetic pairs need a symmetric law; \(model.law.name) has none")
        }
        try validateImportance(model: model, values: values)
        if let target = targetPrecision {
            guard target > 0, target.isFinite else {
                throw TailRiskError.invalidParameter(.targetPrecision, message: "must be positive, got \(target)")
            }
            guard maxScenarios >= scenarios else {
                throw TailRiskError.invalidParameter(
                    .maxScenarios, message: "cap \(maxScenarios) is below --scenarios \(scenarios)")
            }
        }
        guard tailScenariosToExport >= 0, histogramBins >= 0 else {
            throw TailRiskError.invalidParameter(.exportedTail, message: "counts cannot be negative")
        }
    }
}
