import Foundation

/// Population moments of a sample: the inputs of the Cornish–Fisher expansion.
///
/// `m_k = (1/n) Σ (x_t − x̄)^k` (divisor `n`, as PerformanceAnalytics'
/// `centeredmoment`), skewness `S = m₃/m₂^{3/2}` and excess kurtosis
/// `K = m₄/m₂² − 3` (PerformanceAnalytics' `skewness(method = "moment")` and
/// `kurtosis(method = "excess")`, `scipy.stats.skew/kurtosis` with `bias=True`).
public struct SampleMoments: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// Population variance `m₂` (divisor `n`).
    public let variance: Double
    public let thirdCentralMoment: Double
    public let fourthCentralMoment: Double

    /// Two passes over `x`: the mean, then the centred powers.
    /// - Precondition: `x` is not empty.
    /// - Complexity: O(n).
    public init<C: Collection>(_ x: C) where C.Element == Double {
        precondition(!x.isEmpty, "moments of an empty sample")
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - mean
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        self.count = x.count
        self.mean = mean
        self.variance = m2 / n
        self.thirdCentralMoment = m3 / n
        self.fourthCentralMoment = m4 / n
    }

    /// `√m₂`, the population standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }
    /// `S = m₃/m₂^{3/2}` (NaN for a constant sample).
    public var skewness: Double { thirdCentralMoment / (variance * variance.squareRoot()) }
    /// `K = m₄/m₂² − 3` (NaN for a constant sample).
    public var excessKurtosis: Double { fourthCentralMoment / (variance * variance) - 3 }
}
