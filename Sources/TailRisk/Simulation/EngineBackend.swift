import Dispatch
import Foundation

/// Where the stream units of a run are evaluated (design.md "The engine has a backend").
///
/// `MonteCarloEngine` asks a backend for the accumulator of a range of
/// units, once per round (once without `targetPrecision`), merges it and
/// estimates. In-process threads (`ThreadBackend`) are one backend; shard
/// files (`PrecomputedBackend` over merged shards) and MPI ranks are others.
/// Because unit `u` draws the same scenarios wherever it is evaluated, every
/// backend gives the same bytes.
public protocol EngineBackend: Sendable {
    /// The accumulator of exactly `units` of `plan` (`covers(exactly: units)`,
    /// `scenarios == plan.scenarios(in: units)`).
    /// - Parameter progress: called with (scenarios done, scenarios planned), serialized.
    func evaluate(_ plan: SimulationPlan, units: Range<Int>,
                  progress: (@Sendable (Int, Int) -> Void)?) throws -> TailAccumulator
}

/// Units on `plan.settings.threads` workers of this process, one BLAS thread each.
///
/// Workers take whole units from a shared counter and work through each in
/// blocks of `blockRows(d)` rows in buffers they allocated once; their
/// accumulators merge at the end (exact, so the order does not matter). A
/// payoff's unit records are kept per unit, so their fold is too.
/// - Complexity: O(rows · d²) flops per unit; memory per worker one block of
///   about 512 KiB, a unit of losses and `2·capacity·(1 + assets)` tail entries.
public struct ThreadBackend: EngineBackend {
    public init() {}

    public func evaluate(_ plan: SimulationPlan, units: Range<Int>,
                         progress: (@Sendable (Int, Int) -> Void)?) throws -> TailAccumulator {
        var merged = plan.emptyAccumulator()
        guard !units.isEmpty else { return merged }
        let unit = SimulationPlan.streamUnit
        let total = min(plan.scenarioLimit, units.upperBound * unit)
        let threads = plan.settings.threads
        let evaluator = plan.evaluator
        let queue = WorkQueue<TailAccumulator>(units: units, results: threads, done: units.lowerBound * unit)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            let w = Workspace(dimension: evaluator.generator.dimension)
            var result = plan.emptyAccumulator()
            var assetTails: [TailBuffer]? = result.assetTails.isEmpty ? nil : result.assetTails
            while let u = queue.next() {
                let rows = plan.rows(unit: u)
                if result.recorded {
                    var record = [Double](repeating: 0, count: evaluator.payoff.recordWidth(rows: rows))
                    record.withUnsafeMutableBufferPointer { r in
                        evaluator.evaluate(unit: u, rows: rows, workspace: w, assetTails: &assetTails, record: r.baseAddress)
                    }
                    result.records[u] = record
                } else {
                    evaluator.evaluate(unit: u, rows: rows, workspace: w, assetTails: &assetTails)
                }
                for row in 0..<rows {
                    result.tail.offer(loss: w.losses[row], index: u * unit + row, weight: w.weights[row])
                    result.histogram?.add(w.losses[row])
                }
                result.count(rows)
                if let progress { queue.report(rows, total: total, progress) }
            }
            result.assetTails = assetTails ?? []
            queue.store(result, at: worker)
        }
        for r in queue.results { merged.absorb(r!) }
        merged.cover([units])
        return merged
    }
}

/// A backend that evaluates nothing: it hands back an accumulator made
/// elsewhere (merged shard files), after checking that it is the one the
/// engine asks for.
public struct PrecomputedBackend: EngineBackend {
    public let accumulator: TailAccumulator

    public init(_ accumulator: TailAccumulator) { self.accumulator = accumulator }

    /// - Throws: `TailAccumulator.MergeError` when the accumulator was made with
    ///   another kernel or for another run, or covers other units.
    public func evaluate(_ plan: SimulationPlan, units: Range<Int>,
                         progress: (@Sendable (Int, Int) -> Void)?) throws -> TailAccumulator {
        var check = plan.emptyAccumulator()
        try check.merge(accumulator)
        guard accumulator.covers(exactly: units), accumulator.scenarios == plan.scenarios(in: units) else {
            let covered = accumulator.units.map { accumulator.describe($0) }.joined(separator: ", ")
            throw TailAccumulator.MergeError(
                "covers units \(covered.isEmpty ? "none" : covered), not \(accumulator.describe(units)) of this run")
        }
        progress?(accumulator.scenarios, accumulator.scenarios)
        return accumulator
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
