/// A buffer that the workers of one `DispatchQueue.concurrentPerform` write into at disjoint
/// indices (each chunk of days owns its slots), which the Swift 6 language mode cannot see:
/// the wrapper states the discipline once, instead of an unchecked capture per buffer.
///
/// Safety: every index is written by at most one worker, and read only after
/// `concurrentPerform` has returned (which orders those writes before the reads).
/// Cost: none (a pointer and a count).
struct DisjointWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}
