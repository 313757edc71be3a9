import Dispatch
import Foundation

/// The Monte Carlo scenario engine (design.md "The engine", methods.md §4 and §7).
///
/// Scenario `j` draws its random numbers from its own generator keyed by
/// `(seed, j)` (`ScenarioGenerator`; antithetic pairs share the key of their
/// first row). Scenarios come in stream units of `ScenarioGenerator.rowsPerUnit`
/// rows; `threads` workers take whole units and work through each in blocks
/// of `blockRows(d)` rows (about 512 KiB, a function of `d` only) in a buffer
/// they allocated once: draw, correlate by one `dtrmm`, revalue, and keep
/// the largest losses (with their scenario indices) in bounded `TailBuffer`s
/// that merge exactly at the end. Every random number belongs to a scenario
/// and every BLAS call to a fixed block, and all sums run in a fixed order,
/// so the result is bit-identical for any thread count. Euler contributions
/// and exported tail scenarios come from redrawing the tail scenarios alone
/// from their indices.
///
/// The run is `SimulationPlan` → `settings.backend.evaluate(units)` →
/// `TailAccumulator` → merge → estimate → regenerate: threads of this process
/// (`ThreadBackend`) are one backend, merged shard files (`PrecomputedBackend`)
/// another; `targetPrecision` adds rounds of whole units on any of them, and
/// `accumulate(…units:)` evaluates a shard's units alone.
///
/// Memory: per worker one block of about 512 KiB and the losses of a unit,
/// plus a tail buffer of at most `2K` entries of 24 bytes (loss, index, weight) (`K ≈ n·α_max`
/// plus the VaR interval margin; under `targetPrecision`, `K` is sized for
/// `maxScenarios`), and `d` more such buffers under `standalone`; the merged
/// tail adds O(K). 10⁸ scenarios × 50 assets at 99% thus need about
/// 2 × 10⁶ × 24 B = 48 MB per worker, not the 40 GB of all scenario values
/// (but `standalone` multiplies the tail memory by `d + 1`). Under importance sampling
/// `K ≈ 0.7 n` (`ImportanceTilting.capacity`; sized for `maxScenarios` under
/// `targetPrecision`, so every offered entry may be kept): up to 24 bytes per scenario.
///
/// - Complexity: O(n·d²/2) flops for the correlation, O(n·d) random draws
///   and `expm1` calls, O(K log K) for the tail, O(K·d²) to redraw it.
public struct MonteCarloEngine: Sendable {
    /// Scenarios per stream unit (4096): the unit of work, of adaptive
    /// stopping and of sharding (scenario `j` lies in unit `j / streamUnit`).
    /// A constant of the result format; record it.
    public static let streamUnit = ScenarioGenerator.rowsPerUnit

    public init() {}

    /// Simulates `model` for a basket of position values `values` and
    /// estimates VaR/ES at each of `levels`, evaluating the units on
    /// `settings.backend` (the result does not depend on it).
    /// - Parameter progress: called with (scenarios done, scenarios planned),
    ///   serialized, from worker threads.
    /// - Throws: `TailRiskError.invalidParameter` for unusable settings, naming the
    ///   flag; `TailAccumulator.MergeError` when a backend hands back units of another run.
    public func run(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel],
                    settings: SimulationSettings,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SimulationResult {
        let plan = try SimulationPlan(model: model, values: values, levels: levels, settings: settings)
        let r = try rounds(plan, progress: progress)
        return try finish(plan: plan, accumulated: r.accumulated, estimates: r.estimates, factors: r.factors,
                      precisionReached: r.precisionReached, sortedTail: r.sortedTail)
    }

    /// What the rounds of a run leave: the merged accumulator, its sorted loss
    /// tail, the estimates of the loss (with their variance reduction factors)
    /// and whether `targetPrecision` was reached (nil when not asked).
    struct Rounds {
        var accumulated: TailAccumulator
        var sortedTail: [TailEntry]
        var estimates: [RiskEstimate]
        var factors: [Double]
        var precisionReached: Bool?
    }

    /// Evaluates the units of `plan` on its backend, round after round under
    /// `targetPrecision` (whole units until `SE(ES) < target·|ES|` of the loss at
    /// every level, or the cap), whatever the payoff.
    /// - Throws: `TailRiskError.invalidParameter(.targetPrecision)` when the
    ///   target is out of reach of the cap; what the backend throws.
    func rounds(_ plan: SimulationPlan, progress: (@Sendable (Int, Int) -> Void)?) throws -> Rounds {
        let settings = plan.settings
        let unit = SimulationPlan.streamUnit
        let cap = plan.scenarioLimit
        var planned = plan.initialScenarios
        var accumulated = plan.emptyAccumulator()
        var done = 0
        var estimates: [RiskEstimate] = []
        var factors: [Double] = []
        var reached: Bool? = nil
        var tail: [TailEntry] = []
        while true {
            let units = (done / unit)..<roundUp(planned, to: unit) / unit
            let round = try settings.backend.evaluate(plan, units: units, progress: progress)
            guard round.covers(exactly: units), round.scenarios == plan.scenarios(in: units) else {
                throw TailAccumulator.MergeError("the backend returned other units than \(units) of this run")
            }
            try accumulated.merge(round)
            done = planned
            tail = accumulated.sortedTail  // sorted once a round, for the estimates and the contributions
            let weighted = try Self.weightedEstimates(accumulated, plan: plan, sortedTail: tail)
            estimates = weighted.map(\.estimate)
            factors = weighted.map(\.factor)
            guard let target = settings.targetPrecision else { break }
            // SE / (target·|ES|) per level; a zero SE has reached any target.
            let shortfall = estimates.map { e -> Double in
                let se = e.expectedShortfallStandardError ?? 0
                return se == 0 ? 0 : se / (target * abs(e.expectedShortfall))
            }
            let worst = shortfall.max()!
            reached = worst < 1
            if worst < 1 || done >= cap { break }
            // SE ∝ 1/√n: the target needs about n·worst² scenarios. Beyond the cap it is out of reach:
            // refuse now, with the numbers, rather than run to the cap and report it missed (issue 21).
            let projected = Double(done) * worst * worst
            if !(projected <= Double(cap)) {
                let i = shortfall.firstIndex(of: worst)!
                let se = estimates[i].expectedShortfallStandardError ?? 0
                let now = abs(estimates[i].expectedShortfall) > 0 ? se / abs(estimates[i].expectedShortfall) : .infinity
                throw TailRiskError.invalidParameter(
                    .targetPrecision,
                    message: "\(Limits.text(target, significant: 4)) is out of reach: after \(done) scenarios SE(ES) is "
                        + "\(Limits.text(now, significant: 3)) of the ES at \(estimates[i].level), and SE falls as 1/√n, so the "
                        + "target needs about \(projected.isFinite ? Limits.text(projected.rounded(.up), significant: 3) : "infinitely many") "
                        + "scenarios, beyond the cap of \(cap) (--max-scenarios): raise the cap or loosen the target")
            }
            // SE ∝ 1/√n: aim 10% beyond the scenario count the worst level needs.
            // `worst` may be +∞ (an ES of 0 with a positive SE): compare before converting, so
            // that no non-finite Double reaches `Int(_:)` (which traps).
            let needed = Double(done) * worst * worst * 1.1
            planned = min(cap, max(done + unit, roundUp(needed < Double(cap) ? Int(needed) : cap, to: unit)))
        }
        return Rounds(accumulated: accumulated, sortedTail: tail, estimates: estimates, factors: factors,
                      precisionReached: reached)
    }


    /// The accumulator of `units` of a fixed-size run (units beyond the run are
    /// dropped), for a shard file: `run` with `PrecomputedBackend` over the
    /// merged accumulators of shards covering every unit gives what one `run` gives.
    /// - Throws: `TailRiskError.invalidParameter` for unusable settings, and for
    ///   `targetPrecision` (a round needs the merged standard error).
    public func accumulate(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel],
                           settings: SimulationSettings, units: Range<Int>,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TailAccumulator {
        guard settings.targetPrecision == nil else {
            throw TailRiskError.invalidParameter(
                .targetPrecision, message: "cannot be split into shards: each round needs the merged standard error")
        }
        let plan = try SimulationPlan(model: model, values: values, levels: levels, settings: settings)
        return try settings.backend.evaluate(plan, units: units.clamped(to: 0..<plan.unitCount), progress: progress)
    }

    /// The accumulator of `units` of the fixed-size run `plan` (any payoff), for a shard file.
    /// - Throws: `TailRiskError.invalidParameter(.targetPrecision)` under `targetPrecision` (a round needs the merged standard error).
    func accumulate(_ plan: SimulationPlan, units: Range<Int>,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TailAccumulator {
        guard plan.settings.targetPrecision == nil else {
            throw TailRiskError.invalidParameter(.targetPrecision, message: "cannot be split into shards: each round needs the merged standard error")
        }
        return try plan.settings.backend.evaluate(plan, units: units.clamped(to: 0..<plan.unitCount), progress: progress)
    }

    /// The units of a fixed-size run of `scenarios`: `⌈scenarios / streamUnit⌉`.
    public static func unitCount(scenarios: Int) -> Int { roundUp(scenarios, to: streamUnit) / streamUnit }

    /// Units `[⌊(i−1)U/N⌋, ⌊iU/N⌋)` of shard `i` of `n` (1-based) over `U` units.
    public static func shardUnits(_ i: Int, of n: Int, units u: Int) -> Range<Int> {
        precondition(n >= 1 && (1...n).contains(i), "shard i of n with 1 ≤ i ≤ n")
        return (i - 1) * u / n ..< i * u / n
    }

    /// VaR/ES at every level of the plan from the accumulated tail and count.
    /// - Throws: `TailRiskError.numerical` for a non-finite estimate (an overflowed
    ///   loss), before it can steer another round.
    static func estimates(_ accumulated: TailAccumulator, plan: SimulationPlan) throws -> [RiskEstimate] {
        try weightedEstimates(accumulated, plan: plan).map(\.estimate)
    }

    /// The estimates with their variance reduction factors (1 without importance
    /// sampling: the plain SE is the reported one); weighted (`ImportanceEstimator`) under importance sampling.
    /// - Parameter sortedTail: `accumulated.sortedTail` when the caller already sorted it.
    static func weightedEstimates(_ accumulated: TailAccumulator, plan: SimulationPlan,
                                  sortedTail: [TailEntry]? = nil) throws
        -> [(estimate: RiskEstimate, factor: Double)] {
        let n = accumulated.scenarios
        let estimates: [(estimate: RiskEstimate, factor: Double)]
        if plan.settings.importanceSampling {
            let tail = sortedTail ?? accumulated.sortedTail
            estimates = try plan.levels.map { try ImportanceEstimator.estimate(tail: tail, scenarios: n, level: $0) }
        } else {
            let losses = (sortedTail ?? accumulated.sortedTail).map(\.loss)
            estimates = plan.levels.map { (TailEstimator.estimate(tail: losses, scenarios: n, level: $0), 1) }
        }
        for e in estimates { try e.estimate.requireFinite() }
        return estimates
    }

    /// Euler contributions, exported tail scenarios and standalone estimates, by
    /// regenerating the tail scenarios from their indices on this process's threads.
    /// - Throws: `TailAccumulator.RegenerationMismatch` when a regenerated scenario is
    ///   not the stored tail entry (a tail altered in a shard file).
    func finish(plan: SimulationPlan, accumulated: TailAccumulator, estimates: [RiskEstimate],
                factors: [Double] = [], precisionReached: Bool?, sortedTail: [TailEntry]? = nil) throws -> SimulationResult {
        let settings = plan.settings
        let done = accumulated.scenarios
        var estimates = estimates
        let tail = sortedTail ?? accumulated.sortedTail
        let weights = settings.importanceSampling
            // Cannot throw: `weightedEstimates` found the same VaR point in the same tail.
            ? plan.levels.map { try! ImportanceEstimator.rankWeights(tail, level: $0, scenarios: done) }
            : plan.levels.map { RankWeights(TailWeights(level: $0, scenarios: done)) }
        let allocation = EulerAllocation(evaluator: plan.evaluator, weights: weights)
        let regenerated = allocation.regenerate(tail: tail, export: settings.tailScenariosToExport,
                                                threads: settings.threads)
        if let mismatch = regenerated.mismatch { throw mismatch }
        for l in estimates.indices { estimates[l].contributions = regenerated.contributions[l] }
        let standalone: [[RiskEstimate]]? = settings.standalone
            ? accumulated.sortedAssetTails.map { entries in
                let losses = entries.map(\.loss)
                return plan.levels.map { TailEstimator.estimate(tail: losses, scenarios: done, level: $0) }
            } : nil
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - plan.started) / 1e9
        var result = SimulationResult(scenarios: done, streamUnit: SimulationPlan.streamUnit, seed: settings.seed,
                                estimates: estimates, standalone: standalone, tail: regenerated.scenarios,
                                histogram: accumulated.lossHistogram, seconds: seconds,
                                precisionReached: precisionReached,
                                varianceReductionFactors: settings.importanceSampling ? factors : nil)
        result.importanceTilt = plan.evaluator.generator.tilt?.summary
        return result
    }
}

@inline(__always)
func roundUp(_ n: Int, to m: Int) -> Int { (n + m - 1) / m * m }
