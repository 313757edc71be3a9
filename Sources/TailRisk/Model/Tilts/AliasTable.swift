/// Walker's alias method in Vose's construction (Walker 1977; Vose 1991,
/// "A linear algorithm for generating random numbers with a given
/// distribution", IEEE TSE 17): a draw from a distribution on `0..<n` in
/// O(1), one column `i ~ U{0..<n}` and one uniform `u`, returning `i` when
/// `u < prob[i]` and `alias[i]` otherwise.
///
/// Column `i` holds `prob[i]` of its own mass and `1 − prob[i]` of
/// `alias[i]`'s, so `P(j) = (prob[j] + Σ_{i: alias[i] = j} (1 − prob[i])) / n = p_j`.
/// - Complexity: O(n) to build, O(1) and two random numbers per draw; memory `2n` words.
public struct AliasTable: Sendable {
    /// `prob[i]`: the chance that column `i` returns `i` itself.
    public let prob: [Double]
    /// `alias[i]`: what column `i` returns otherwise.
    public let alias: [Int]

    /// - Parameter p: probabilities, non-negative, summing to 1 (within rounding; normalized here).
    public init(probabilities p: [Double]) {
        let n = p.count
        precondition(n > 0, "an empty distribution")
        let total = p.reduce(0, +)
        var scaled = p.map { $0 * Double(n) / total }
        var prob = [Double](repeating: 1, count: n)
        var alias = Array(0..<n)
        var small: [Int] = [], large: [Int] = []
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        // Pushed in index order, popped from the end: a fixed construction.
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.last, let g = large.last {
            small.removeLast()
            large.removeLast()
            prob[s] = scaled[s]
            alias[s] = g
            // (g + s) − 1 rather than g − (1 − s): Vose's more stable form.
            scaled[g] = (scaled[g] + scaled[s]) - 1
            if scaled[g] < 1 { small.append(g) } else { large.append(g) }
        }
        // What remains is 1 up to rounding.
        for i in large { prob[i] = 1 }
        for i in small { prob[i] = 1 }
        self.prob = prob
        self.alias = alias
    }

    /// Number of outcomes.
    public var count: Int { prob.count }

    /// One draw: `nextIndex(below: n)`, then `nextUniform()`.
    @inline(__always)
    public func next(_ rng: inout Xoshiro256PlusPlus) -> Int {
        let i = rng.nextIndex(below: prob.count)
        let u = rng.nextUniform()
        return u < prob[i] ? i : alias[i]
    }

    /// The probability of each outcome the table draws, recomputed from its columns.
    public var probabilities: [Double] {
        let n = prob.count
        var p = [Double](repeating: 0, count: n)
        for i in 0..<n {
            p[i] += prob[i] / Double(n)
            p[alias[i]] += (1 - prob[i]) / Double(n)
        }
        return p
    }
}
