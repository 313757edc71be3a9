/// The typed engine part of a run: scenarios, seed, threads, target precision
/// with its cap, and variance reduction.
///
/// Every field is optional: `nil` leaves the command's default (`CommandDefaults`
/// in the CLI, `SimulationSettings`' in the library). A run file decodes into it,
/// the flags fill it, `overlaid(by:)` layers one on another, and `apply(to:)`
/// writes the fields set onto the engine's `SimulationSettings` (which also holds
/// what a run computes besides the tail and the backend, not choices of a file).
public struct EngineChoices: Codable, Sendable, Equatable {
    public var scenarios: Int?
    public var seed: UInt64?
    public var threads: Int?
    /// `SE(ES) < targetPrecision · ES`, as a fraction.
    public var targetPrecision: Double?
    public var maxScenarios: Int?
    public var varianceReduction: VarianceReduction?

    public init(scenarios: Int? = nil, seed: UInt64? = nil, threads: Int? = nil, targetPrecision: Double? = nil,
                maxScenarios: Int? = nil, varianceReduction: VarianceReduction? = nil) {
        self.scenarios = scenarios
        self.seed = seed
        self.threads = threads
        self.targetPrecision = targetPrecision
        self.maxScenarios = maxScenarios
        self.varianceReduction = varianceReduction
    }

    /// These choices with every field `top` sets in place of this one's.
    public func overlaid(by top: EngineChoices) -> EngineChoices {
        EngineChoices(scenarios: top.scenarios ?? scenarios, seed: top.seed ?? seed, threads: top.threads ?? threads,
                      targetPrecision: top.targetPrecision ?? targetPrecision,
                      maxScenarios: top.maxScenarios ?? maxScenarios,
                      varianceReduction: top.varianceReduction ?? varianceReduction)
    }

    /// Writes the fields set onto `settings`.
    public func apply(to settings: inout SimulationSettings) {
        if let scenarios { settings.scenarios = scenarios }
        if let seed { settings.seed = seed }
        if let threads { settings.threads = threads }
        if let targetPrecision { settings.targetPrecision = targetPrecision }
        if let maxScenarios { settings.maxScenarios = maxScenarios }
        if let varianceReduction { settings.varianceReduction = varianceReduction }
    }

    /// Checks the counts: scenarios in [1, `Limits.scenarios`], threads in [1, `Limits.threads`].
    /// - Throws: `.invalidParameter` naming `.scenarios`, `.maxScenarios` or `.threads`.
    public func validate() throws {
        if let n = scenarios {
            guard n >= 1 else { throw TailRiskError.invalidParameter(.scenarios, message: "must be at least 1, got \(n)") }
            guard n <= Limits.scenarios else {
                throw TailRiskError.invalidParameter(.scenarios, message: "must be at most \(Limits.scenarios), got \(n)")
            }
        }
        if let n = maxScenarios, !(n >= 1 && n <= Limits.scenarios) {
            throw TailRiskError.invalidParameter(.maxScenarios, message: "must lie in [1, \(Limits.scenarios)], got \(n)")
        }
        if let n = threads, !(n >= 1 && n <= Limits.threads) {
            throw TailRiskError.invalidParameter(.threads, message: "must lie in [1, \(Limits.threads)], got \(n)")
        }
    }
}
