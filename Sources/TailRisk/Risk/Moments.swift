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
    /// `m₃` (±∞ when `|x|` exceeds about 10¹⁰², which skewness does not depend on).
    public let thirdCentralMoment: Double
    /// `m₄` (∞ when `|x|` exceeds about 10⁷⁷, which kurtosis does not depend on).
    public let fourthCentralMoment: Double
    /// The power of two `s` the sums were formed on (`x/s`), and `m₂, m₃, m₄` of `x/s`.
    private let scale: Double
    private let scaled: (m2: Double, m3: Double, m4: Double)

    /// Three passes over `x`: the largest `|x|`, the mean, then the centred powers.
    ///
    /// The sums are formed on `x/s` with `s` the power of two at or below the
    /// largest `|x|`: dividing by a power of two is exact, so the results are
    /// those of the plain formulas bit for bit, but a fourth power can no longer
    /// overflow (a P&L of 10⁷⁷ made `m₄` infinite and the kurtosis NaN). Skewness,
    /// kurtosis and the standard deviation come from the scaled moments, finite
    /// for any finite sample; `variance`, `m₃` and `m₄` are the scaled ones times `s^k`.
    /// - Precondition: `x` is not empty.
    /// - Complexity: O(n).
    public init<C: Collection>(_ x: C) where C.Element == Double {
        precondition(!x.isEmpty, "moments of an empty sample")
        let n = Double(x.count)
        var largest = 0.0
        for v in x where abs(v) > largest { largest = abs(v) }
        let s = largest.isNormal ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
        var sum = 0.0
        for v in x { sum += v / s }
        let mean = sum / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v / s - mean
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        self.count = x.count
        self.mean = mean * s
        self.scale = s
        self.scaled = (m2 / n, m3 / n, m4 / n)
        self.variance = scaled.m2 * s * s
        self.thirdCentralMoment = scaled.m3 * s * s * s
        self.fourthCentralMoment = scaled.m4 * s * s * s * s
    }

    public static func == (a: SampleMoments, b: SampleMoments) -> Bool {
        a.count == b.count && a.mean == b.mean && a.scale == b.scale && a.scaled == b.scaled
    }

    /// `√m₂`, the population standard deviation.
    public var standardDeviation: Double { scaled.m2.squareRoot() * scale }
    /// `S = m₃/m₂^{3/2}` (NaN for a constant sample).
    public var skewness: Double { scaled.m3 / (scaled.m2 * scaled.m2.squareRoot()) }
    /// `K = m₄/m₂² − 3` (NaN for a constant sample).
    public var excessKurtosis: Double { scaled.m4 / (scaled.m2 * scaled.m2) - 3 }
}
