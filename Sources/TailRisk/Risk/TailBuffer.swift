/// One simulated loss and the global index of its scenario (16 bytes).
public struct TailEntry: Sendable, Equatable {
    public var loss: Double
    public var index: Int

    public init(loss: Double, index: Int) {
        self.loss = loss
        self.index = index
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
/// have accumulated the buffer is sorted and cut back to `capacity`. Buffers
/// of disjoint sets of scenarios merge exactly: the top `capacity` of a union
/// lie in the union of the parts' tops.
///
/// - Complexity: O(1) amortised per offered loss plus O(log capacity) per
///   accepted one; memory 32 bytes per kept entry at most.
public struct TailBuffer: Sendable {
    public let capacity: Int
    private var entries: [TailEntry] = []
    private var threshold: TailEntry?

    public init(capacity: Int) {
        precondition(capacity >= 1, "tail capacity must be positive")
        self.capacity = capacity
    }

    /// Offers one scenario's loss.
    @inline(__always)
    public mutating func offer(loss: Double, index: Int) {
        let entry = TailEntry(loss: loss, index: index)
        if let t = threshold, !TailEntry.precedes(entry, t) { return }
        entries.append(entry)
        if entries.count >= 2 * capacity { compact() }
    }

    /// Adds every entry of another buffer (of disjoint scenarios).
    public mutating func merge(_ other: TailBuffer) {
        for e in other.entries { offer(loss: e.loss, index: e.index) }
    }

    /// The kept entries in tail order (at most `capacity`): `sorted[0]` is the largest loss.
    public var sorted: [TailEntry] {
        var s = entries
        s.sort(by: TailEntry.precedes)
        if s.count > capacity { s.removeLast(s.count - capacity) }
        return s
    }

    private mutating func compact() {
        entries.sort(by: TailEntry.precedes)
        entries.removeLast(entries.count - capacity)
        threshold = entries[capacity - 1]
    }
}
