/// Counts of simulated portfolio losses in fixed bins.
///
/// The range comes from a pilot: the losses of stream unit 0, widened by half
/// their span on each side, so the bins do not depend on the thread count or
/// on the scenario count. Losses outside go to `underflow` / `overflow`.
/// Integer counts merge exactly in any order.
public struct LossHistogram: Sendable, Equatable {
    /// Left edge of the first bin.
    public let lowerBound: Double
    public let binWidth: Double
    public private(set) var counts: [Int]
    /// Losses below `lowerBound`.
    public private(set) var underflow: Int = 0
    /// Losses at or above `lowerBound + counts.count · binWidth`.
    public private(set) var overflow: Int = 0

    /// Bins over `[min − span/2, max + span/2]` of the pilot losses.
    init(bins: Int, pilot: UnsafeBufferPointer<Double>) {
        precondition(bins >= 1 && !pilot.isEmpty, "histogram needs bins and a pilot")
        let lo = pilot.min()!, hi = pilot.max()!
        let span = hi > lo ? hi - lo : max(abs(lo), 1)
        lowerBound = lo - span / 2
        binWidth = 2 * span / Double(bins)
        counts = [Int](repeating: 0, count: bins)
    }

    /// A histogram restored from its parts (a decoded accumulator).
    init(lowerBound: Double, binWidth: Double, counts: [Int], underflow: Int, overflow: Int) {
        self.lowerBound = lowerBound
        self.binWidth = binWidth
        self.counts = counts
        self.underflow = underflow
        self.overflow = overflow
    }

    /// Whether `other` has the same bins, bit for bit (so that the two merge).
    func sameBins(as other: LossHistogram) -> Bool {
        lowerBound.bitPattern == other.lowerBound.bitPattern && binWidth.bitPattern == other.binWidth.bitPattern
            && counts.count == other.counts.count
    }

    /// The upper edge of the last bin.
    public var upperBound: Double { lowerBound + Double(counts.count) * binWidth }

    /// Total number of losses counted.
    public var total: Int { counts.reduce(underflow + overflow, +) }

    @inline(__always)
    mutating func add(_ loss: Double) {
        let position = (loss - lowerBound) / binWidth
        if position < 0 {
            underflow += 1
        } else if position < Double(counts.count) {
            counts[Int(position)] += 1
        } else {
            overflow += 1  // also a NaN loss, which no bin can hold
        }
    }

    /// An empty histogram with the same bins.
    var emptied: LossHistogram {
        var h = self
        h.counts = [Int](repeating: 0, count: counts.count)
        h.underflow = 0
        h.overflow = 0
        return h
    }

    mutating func merge(_ other: LossHistogram) {
        precondition(other.counts.count == counts.count, "different bins")
        for i in counts.indices { counts[i] += other.counts[i] }
        underflow += other.underflow
        overflow += other.overflow
    }
}
