/// What evaluating some stream units of a run leaves behind: a value that
/// merges exactly with the accumulators of the other units (design.md "The
/// engine has a backend").
///
/// It holds the `capacity` largest portfolio losses with their scenario
/// indices (16 bytes each; 24 with the importance-sampling weight), the same for each asset's own loss under
/// `standalone`, the histogram counts, the scenario count and the units
/// covered, and, for a payoff that keeps one (`Payoff.recordWidth`), each
/// covered unit's record (sums of a cascade's outcomes), folded in unit order
/// by the payoff at the end. VaR, ES, their precision and the Euler contributions need nothing
/// else: the estimates read the merged tail and the count, the contributions
/// regenerate the tail scenarios from their indices. The top `capacity` of a
/// union of disjoint sets lies in the union of the parts' tops and integer
/// counts add exactly, so merging in any order, from threads, ranks or shard
/// files, gives the accumulator of one process bit for bit.
///
/// It records the BLAS kernel and the run's fingerprint (`SimulationPlan`);
/// `merge` refuses accumulators of another kernel or run. The binary
/// encoding is in `TailAccumulator+Binary.swift`.
///
/// - Complexity: memory `24·capacity·(1 + assets)` bytes (16 per entry encoded when unweighted) plus the bins; a merge
///   costs O(capacity·(1 + assets) + bins).
public struct TailAccumulator: Sendable {
    /// Units covered, as sorted, disjoint, non-adjacent ranges.
    public internal(set) var units: [Range<Int>] = []
    /// Scenarios evaluated.
    public internal(set) var scenarios: Int = 0
    var tail: TailBuffer
    var assetTails: [TailBuffer]
    var histogram: LossHistogram?
    /// Each covered unit's record, by unit (only when `recorded`).
    var records: [Int: [Double]] = [:]
    /// `BLAS.kernel` of the process that evaluated the units.
    public let kernel: String
    /// The run (`SimulationPlan.fingerprint`).
    public let fingerprint: UInt64

    /// Whether tail entries carry importance-sampling weights (encoded as 24-byte entries).
    public let weighted: Bool
    /// Whether each unit keeps a record (`Payoff.recordWidth` > 0).
    public let recorded: Bool

    init(capacity: Int, assets: Int, histogram: LossHistogram?, kernel: String, fingerprint: UInt64,
         weighted: Bool = false, recorded: Bool = false) {
        self.weighted = weighted
        self.recorded = recorded
        tail = TailBuffer(capacity: capacity)
        assetTails = (0..<assets).map { _ in TailBuffer(capacity: capacity) }
        self.histogram = histogram
        self.kernel = kernel
        self.fingerprint = fingerprint
    }

    /// The covered units' records in unit order (empty unless `recorded`).
    var recordsInUnitOrder: [[Double]] { records.keys.sorted().map { records[$0]! } }

    /// Entries each tail keeps.
    public var capacity: Int { tail.capacity }
    /// Assets with their own tail (0 unless `standalone`).
    public var assets: Int { assetTails.count }
    /// The portfolio tail in tail order (largest loss first), at most `capacity` entries.
    public var sortedTail: [TailEntry] { tail.sorted }
    /// Each asset's tail in tail order.
    public var sortedAssetTails: [[TailEntry]] { assetTails.map(\.sorted) }
    /// The histogram of the covered units' losses (bins from the plan's pilot).
    public var lossHistogram: LossHistogram? { histogram }

    /// Whether the covered units are exactly `range` (none when it is empty).
    public func covers(exactly range: Range<Int>) -> Bool {
        range.isEmpty ? units.isEmpty : units == [range]
    }

    /// Adds another accumulator of the same run over other units.
    /// - Throws: `MergeError` for another kernel or run, other bins or
    ///   capacity, or units already covered.
    public mutating func merge(_ other: TailAccumulator) throws {
        guard other.kernel == kernel else {
            throw MergeError("made with BLAS kernel \(other.kernel), not \(kernel) (last bits could differ)")
        }
        guard other.fingerprint == fingerprint else {
            throw MergeError("belongs to another run (fingerprint \(Self.hex(other.fingerprint)), not \(Self.hex(fingerprint)))")
        }
        guard other.capacity == capacity, other.assets == assets, other.weighted == weighted, other.recorded == recorded,
              (histogram == nil) == (other.histogram == nil),
              histogram.map({ h in other.histogram!.sameBins(as: h) }) ?? true else {
            throw MergeError("has another tail capacity, asset count or histogram bins than this run")
        }
        for r in other.units {
            if let clash = units.first(where: { $0.overlaps(r) }) {
                throw MergeError("covers units \(describe(clash.clamped(to: r))) again")
            }
        }
        absorb(other)
        cover(other.units)
    }

    /// Adds the values of another accumulator of disjoint scenarios (no checks: threads of one backend).
    mutating func absorb(_ other: TailAccumulator) {
        tail.merge(other.tail)
        for j in assetTails.indices { assetTails[j].merge(other.assetTails[j]) }
        if let h = other.histogram { histogram?.merge(h) }
        records.merge(other.records) { a, _ in a }
        scenarios += other.scenarios
    }

    /// Records `ranges` as covered.
    mutating func cover(_ ranges: [Range<Int>]) {
        let all = (units + ranges.filter { !$0.isEmpty }).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in all {
            if let last = merged.last, last.upperBound >= r.lowerBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        units = merged
    }

    /// Records `rows` scenarios counted outside `absorb` (a worker's own units).
    mutating func count(_ rows: Int) { scenarios += rows }

    /// `[a, b)` as `a…b−1` for messages.
    func describe(_ r: Range<Int>) -> String { r.count == 1 ? "\(r.lowerBound)" : "\(r.lowerBound)…\(r.upperBound - 1)" }

    /// The fingerprint as 16 hex digits.
    public var fingerprintHex: String { Self.hex(fingerprint) }

    static func hex(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Why two accumulators do not merge (the CLI adds the file).
    public struct MergeError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ message: String) { description = message }
    }

    /// A stored tail entry that its scenario, regenerated from the index, does not
    /// reproduce (loss, or likelihood ratio under importance sampling): the tail
    /// was altered after it was computed (`EulerAllocation` checks every entry it regenerates).
    public struct RegenerationMismatch: Error, CustomStringConvertible, Sendable {
        /// 0-based rank in the merged tail.
        public let rank: Int
        public let entry: TailEntry
        /// What the scenario regenerates to.
        public let loss: Double
        public let weight: Double

        /// nil when `loss` and `weight` agree with `entry` (bit for bit, or within `1e-9`
        /// of `scale`, the sum of the absolute asset losses, for a loss).
        init?(rank: Int, entry: TailEntry, loss: Double, scale: Double, weight: Double) {
            func close(_ a: Double, _ b: Double, _ scale: Double) -> Bool {
                a.bitPattern == b.bitPattern || abs(a - b) <= 1e-9 * max(scale, abs(a), abs(b))
            }
            if close(entry.loss, loss, scale) && close(entry.weight, weight, 0) { return nil }
            self.rank = rank
            self.entry = entry
            self.loss = loss
            self.weight = weight
        }

        public var description: String {
            let what = entry.loss.bitPattern == loss.bitPattern || abs(entry.loss - loss) <= 1e-9 * max(abs(loss), abs(entry.loss))
                ? "likelihood ratio \(entry.weight), which the scenario regenerates as \(weight)"
                : "loss \(entry.loss), which the scenario regenerates as \(loss)"
            return "scenario \(entry.index) (rank \(rank + 1) of the merged tail) holds \(what)"
        }
    }
}
