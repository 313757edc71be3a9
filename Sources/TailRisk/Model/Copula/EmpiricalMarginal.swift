/// One asset's empirical marginal for a copula (methods.md §8): the sorted sample
/// `z_(1) ≤ … ≤ z_(T)` (returns, or standardized residuals under a filter), its
/// pseudo-observations and the quantile function
///
///     F̂⁻¹(u) = linear interpolation through (k/(T + 1), z_(k)), k = 1 … T,
///
/// constant outside `[1/(T + 1), T/(T + 1)]` (NumPy's `np.interp`): with `empirical`
/// tails a scenario can never be worse than the worst day seen.
public struct EmpiricalMarginal: Sendable, Equatable {
    /// The sample in increasing order.
    public let sorted: [Double]
    /// Generalized Pareto tails below `0.1` and above `0.9` (`--tails gpd`), or `nil` (empirical).
    public let lowerTail: GeneralizedParetoTail?
    public let upperTail: GeneralizedParetoTail?

    /// - Precondition: at least one value, all finite.
    public init(_ sample: [Double]) {
        precondition(!sample.isEmpty, "an empirical marginal needs at least one value")
        sorted = sample.sorted()
        lowerTail = nil
        upperTail = nil
    }

    init(sorted: [Double], lowerTail: GeneralizedParetoTail?, upperTail: GeneralizedParetoTail?) {
        self.sorted = sorted
        self.lowerTail = lowerTail
        self.upperTail = upperTail
    }

    /// `T`.
    public var count: Int { sorted.count }

    /// `F̂⁻¹(u)` by linear interpolation, constant outside `[1/(T+1), T/(T+1)]`;
    /// with Pareto tails, the GPD quantile below 0.1 and above 0.9 instead.
    /// - Complexity: O(1).
    @inline(__always)
    public func quantile(_ u: Double) -> Double {
        if let lowerTail, u < GeneralizedParetoTail.tailProbability {
            return lowerTail.threshold - lowerTail.excess(tailProbability: u)
        }
        if let upperTail, u > 1 - GeneralizedParetoTail.tailProbability {
            return upperTail.threshold + upperTail.excess(tailProbability: 1 - u)
        }
        return interpolated(u)
    }

    /// The empirical part: linear interpolation through `(k/(T+1), z_(k))`.
    @inline(__always)
    func interpolated(_ u: Double) -> Double {
        let t = sorted.count
        let position = u * Double(t + 1)  // k at the knots
        if !(position > 1) { return sorted[0] }
        if position >= Double(t) { return sorted[t - 1] }
        let k = Int(position)  // 1 ≤ k < T
        let w = position - Double(k)
        return sorted[k - 1] + w * (sorted[k] - sorted[k - 1])
    }

    /// Pseudo-observations `u_t = rank(z_t)/(T + 1)` with average ranks for ties
    /// (`scipy.stats.rankdata(method="average")`), in the order of `sample`.
    /// - Complexity: O(T log T).
    public static func pseudoObservations(_ sample: [Double]) -> [Double] {
        let t = sample.count
        let order = sample.indices.sorted { sample[$0] < sample[$1] }
        var u = [Double](repeating: 0, count: t)
        var start = 0
        while start < t {
            var end = start + 1
            while end < t && sample[order[end]] == sample[order[start]] { end += 1 }
            // ranks start+1 … end share their average
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { u[order[k]] = rank / Double(t + 1) }
            start = end
        }
        return u
    }
}
