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
/// Memory: per worker one block of about 512 KiB and the losses of a unit,
/// plus a tail buffer of at most `2K` entries of 16 bytes (`K ≈ n·α_max`
/// plus the VaR interval margin; under `targetPrecision`, `K` is sized for
/// `maxScenarios`), and `d` more such buffers under `standalone`; the merged
/// tail adds O(K). 10⁸ scenarios × 50 assets at 99% thus need about
/// 2 × 10⁶ × 16 B = 32 MB per worker, not the 40 GB of all scenario values
/// (but `standalone` multiplies the tail memory by `d + 1`).
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
    /// estimates VaR/ES at each of `levels`.
    /// - Parameter progress: called with (scenarios done, scenarios planned),
    ///   serialized, from worker threads.
    /// - Throws: `TailRiskError.invalidOption` for unusable settings, naming the flag.
    public func run(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel],
                    settings: SimulationSettings,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SimulationResult {
        try settings.validate(model: model, values: values, levels: levels)
        let start = DispatchTime.now().uptimeNanoseconds
        let unit = ScenarioGenerator.rowsPerUnit
        let d = model.dimension
        let adaptive = settings.targetPrecision != nil
        var planned = adaptive ? roundUp(settings.scenarios, to: unit) : settings.scenarios
        let cap = adaptive ? max(planned, settings.maxScenarios / unit * unit) : planned
        let capacity = max(TailEstimator.capacity(levels: levels, scenarios: cap),
                           min(settings.tailScenariosToExport, cap))
        let evaluator = BlockEvaluator(
            generator: ScenarioGenerator(model: model, seed: settings.seed, antithetic: settings.antithetic),
            values: values, pnl: settings.pnl, perAssetLosses: settings.standalone)

        var histogram: LossHistogram? = nil
        if settings.histogramBins > 0 {
            let w = Workspace(dimension: d)
            var none: [TailBuffer]? = nil
            let rows = min(unit, planned)
            evaluator.evaluate(unit: 0, rows: rows, workspace: w, assetTails: &none)
            histogram = LossHistogram(bins: settings.histogramBins,
                                      pilot: UnsafeBufferPointer(start: w.losses, count: rows))
        }
        var accumulated = RoundResult(capacity: capacity, dimension: settings.standalone ? d : 0,
                                      histogram: histogram?.emptied)
        var done = 0
        var tail: [TailEntry] = []
        var estimates: [RiskEstimate] = []
        var reached: Bool? = nil
        while true {
            let round = simulate(units: (done / unit)..<roundUp(planned, to: unit) / unit, scenarios: planned,
                                 evaluator: evaluator, threads: settings.threads,
                                 template: accumulated.emptied, progress: progress)
            accumulated.merge(round)
            done = planned
            tail = accumulated.tail.sorted
            let losses = tail.map(\.loss)
            estimates = levels.map { TailEstimator.estimate(tail: losses, scenarios: done, level: $0) }
            // Backstop: an overflowed loss becomes an error here, before it can steer another round.
            for e in estimates { try e.requireFinite() }
            guard let target = settings.targetPrecision else { break }
            // SE / (target·|ES|) per level; a zero SE has reached any target.
            let shortfall = estimates.map { e -> Double in
                let se = e.expectedShortfallStandardError ?? 0
                return se == 0 ? 0 : se / (target * abs(e.expectedShortfall))
            }
            let worst = shortfall.max()!
            reached = worst < 1
            if worst < 1 || done >= cap { break }
            // SE ∝ 1/√n: aim 10% beyond the scenario count the worst level needs.
            // `worst` may be +∞ (an ES of 0 with a positive SE): compare before converting, so
            // that no non-finite Double reaches `Int(_:)` (which traps).
            let needed = Double(done) * worst * worst * 1.1
            planned = min(cap, max(done + unit, roundUp(needed < Double(cap) ? Int(needed) : cap, to: unit)))
        }

        let allocation = EulerAllocation(evaluator: evaluator, levels: levels, scenarios: done)
        let regenerated = allocation.regenerate(tail: tail, export: settings.tailScenariosToExport,
                                                threads: settings.threads)
        for l in estimates.indices { estimates[l].contributions = regenerated.contributions[l] }
        let standalone: [[RiskEstimate]]? = settings.standalone
            ? accumulated.assetTails.map { buffer in
                let losses = buffer.sorted.map(\.loss)
                return levels.map { TailEstimator.estimate(tail: losses, scenarios: done, level: $0) }
            } : nil
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return SimulationResult(scenarios: done, streamUnit: unit, seed: settings.seed, estimates: estimates,
                                standalone: standalone, tail: regenerated.scenarios,
                                histogram: accumulated.histogram, seconds: seconds, precisionReached: reached)
    }

    /// Runs `units` on `threads` workers (scenarios beyond `n` are cut from the last unit).
    private func simulate(units: Range<Int>, scenarios n: Int, evaluator: BlockEvaluator, threads: Int,
                          template: RoundResult, progress: (@Sendable (Int, Int) -> Void)?) -> RoundResult {
        let queue = WorkQueue<RoundResult>(units: units, results: threads, done: units.lowerBound * ScenarioGenerator.rowsPerUnit)
        let unit = ScenarioGenerator.rowsPerUnit
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            let w = Workspace(dimension: evaluator.generator.dimension)
            var result = template
            var assetTails: [TailBuffer]? = result.assetTails.isEmpty ? nil : result.assetTails
            while let u = queue.next() {
                let rows = min(unit, n - u * unit)
                evaluator.evaluate(unit: u, rows: rows, workspace: w, assetTails: &assetTails)
                for row in 0..<rows {
                    result.tail.offer(loss: w.losses[row], index: u * unit + row)
                    result.histogram?.add(w.losses[row])
                }
                if let progress { queue.report(rows, total: n, progress) }
            }
            result.assetTails = assetTails ?? []
            queue.store(result, at: worker)
        }
        var merged = template
        for r in queue.results { merged.merge(r!) }
        return merged
    }
}

@inline(__always)
func roundUp(_ n: Int, to m: Int) -> Int { (n + m - 1) / m * m }

/// What the workers of one round accumulate.
struct RoundResult: Sendable {
    var tail: TailBuffer
    var assetTails: [TailBuffer]
    var histogram: LossHistogram?

    init(capacity: Int, dimension: Int, histogram: LossHistogram?) {
        tail = TailBuffer(capacity: capacity)
        assetTails = (0..<dimension).map { _ in TailBuffer(capacity: capacity) }
        self.histogram = histogram
    }

    var emptied: RoundResult {
        RoundResult(capacity: tail.capacity, dimension: assetTails.count, histogram: histogram?.emptied)
    }

    mutating func merge(_ other: RoundResult) {
        tail.merge(other.tail)
        for j in assetTails.indices { assetTails[j].merge(other.assetTails[j]) }
        if let h = other.histogram { histogram?.merge(h) }
    }
}

/// Hands out units to workers and collects their results, under a lock.
final class WorkQueue<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextUnit: Int
    private let end: Int
    private var done: Int
    private(set) var results: [Result?]

    init(units: Range<Int>, results count: Int, done: Int = 0) {
        self.done = done
        nextUnit = units.lowerBound
        end = units.upperBound
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextUnit < end else { return nil }
        nextUnit += 1
        return nextUnit - 1
    }

    func report(_ rows: Int, total: Int, _ progress: (Int, Int) -> Void) {
        lock.lock(); defer { lock.unlock() }
        done += rows
        progress(done, total)
    }

    func store(_ result: Result, at worker: Int) {
        lock.lock(); defer { lock.unlock() }
        results[worker] = result
    }
}
