/// One simulated loss, the global index of its scenario and its
/// importance-sampling likelihood ratio (1 without importance sampling).
public struct TailEntry: Sendable, Equatable {
    public var loss: Double
    public var index: Int
    public var weight: Double

    public init(loss: Double, index: Int, weight: Double = 1) {
        self.loss = loss
        self.index = index
        self.weight = weight
    }

    /// The tail order: larger loss first, ties broken by the smaller scenario
    /// index, so the selected tail does not depend on which worker saw what.
    @inline(__always)
    static func precedes(_ a: TailEntry, _ b: TailEntry) -> Bool {
        a.loss > b.loss || (a.loss == b.loss && a.index < b.index)
    }
}

/// The `capacity` largest losses seen so far, exactly, in bounded memory.
///
/// Entries are appended while they beat the current threshold (the
/// `capacity`-th entry at the last compaction); when `2·capacity` entries
/// have accumulated, a quickselect (Hoare's FIND) moves the best `capacity`
/// to the front and the rest is dropped. Buffers of disjoint sets of
/// scenarios merge exactly: the top `capacity` of a union lie in the union of
/// the parts' tops.
///
/// - Complexity: O(1) amortised per offered loss (a compaction of `2c`
///   entries costs O(c) on average and frees `c` places); `sorted` costs
///   O(c log c); memory at most 48 bytes per kept entry (two of 24).
public struct TailBuffer: Sendable {
    public let capacity: Int
    private var entries: [TailEntry] = []
    private var threshold: TailEntry?
    /// `threshold?.loss`, or −∞: a one-comparison rejection for most offers.
    private var thresholdLoss = -Double.infinity

    public init(capacity: Int) {
        precondition(capacity >= 1, "tail capacity must be positive")
        self.capacity = capacity
    }

    /// A buffer holding `entries` (of distinct scenarios), as a decoded accumulator restores it.
    init(capacity: Int, entries: [TailEntry]) {
        self.init(capacity: capacity)
        for e in entries { offer(loss: e.loss, index: e.index, weight: e.weight) }
    }

    /// Offers one scenario's loss (with its likelihood ratio under importance sampling).
    @inline(__always)
    public mutating func offer(loss: Double, index: Int, weight: Double = 1) {
        if loss < thresholdLoss { return }
        let entry = TailEntry(loss: loss, index: index, weight: weight)
        if let t = threshold, !TailEntry.precedes(entry, t) { return }
        entries.append(entry)
        if entries.count >= 2 * capacity { compact() }
    }

    /// Adds every entry of another buffer (of disjoint scenarios).
    public mutating func merge(_ other: TailBuffer) {
        for e in other.entries { offer(loss: e.loss, index: e.index, weight: e.weight) }
    }

    /// The kept entries in tail order (at most `capacity`): `sorted[0]` is the largest loss.
    public var sorted: [TailEntry] {
        var s = entries
        s.sort(by: TailEntry.precedes)
        if s.count > capacity { s.removeLast(s.count - capacity) }
        return s
    }

    private mutating func compact() {
        TailBuffer.select(&entries, rank: capacity - 1)
        entries.removeLast(entries.count - capacity)
        threshold = entries[capacity - 1]
        thresholdLoss = entries[capacity - 1].loss
    }

    /// Rearranges `a` so that `a[rank]` is the entry a full sort in tail order
    /// would put there, with only preceding entries before it (Hoare 1961,
    /// "Algorithm 65: FIND"; the order is strict because indices are unique).
    /// - Complexity: O(a.count) on average.
    static func select(_ a: inout [TailEntry], rank k: Int) {
        a.withUnsafeMutableBufferPointer { p in
            var lo = 0, hi = p.count - 1
            while lo < hi {
                let pivot = p[lo + (hi - lo) / 2]
                var i = lo, j = hi
                while i <= j {
                    while TailEntry.precedes(p[i], pivot) { i += 1 }
                    while TailEntry.precedes(pivot, p[j]) { j -= 1 }
                    if i <= j {
                        p.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j {
                    hi = j
                } else if k >= i {
                    lo = i
                } else {
                    return
                }
            }
        }
    }
}
