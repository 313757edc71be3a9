import Foundation

/// The Diebold–Mariano test of equal predictive accuracy (Diebold & Mariano
/// 1995, *Comparing predictive accuracy*, J. Business & Economic Statistics 13)
/// on daily score differences `d_t = S_{A,t} − S_{B,t}`, `t = 1 … T` (the days both
/// methods scored):
///
///     DM = d̄ / √(V̂ / T),   V̂ = γ̂_0 + 2 Σ_{j=1}^{L} (1 − j/(L + 1)) γ̂_j,
///     γ̂_j = (1/T) Σ_{t=j+1}^{T} (d_t − d̄)(d_{t−j} − d̄),
///
/// the Newey–West (1987, *A simple, positive semi-definite, heteroskedasticity and
/// autocorrelation consistent covariance matrix*, Econometrica 55) long-run variance
/// with Bartlett weights and `L = ⌊T^{1/3}⌋` lags (an exact integer cube root: the
/// floating-point `1000^{1/3}` is 9.999…). Two-sided `p = 2 Φ(−|DM|)` from N(0, 1)
/// (methods.md §8). A negative `DM` means `A` scores lower (better) than `B`.
/// A zero variance (identical methods, or a constant difference) gives `DM = 0` and
/// `p = 1`; a variance below `(10⁻¹² max_t |d_t|)²` counts as zero (rounding noise).
public struct DieboldMarianoTest: Sendable, Equatable {
    /// The days compared, `T`.
    public let days: Int
    /// `L`.
    public let lags: Int
    /// `d̄`.
    public let meanDifference: Double
    /// `V̂`.
    public let longRunVariance: Double
    /// `DM`.
    public let statistic: Double
    /// Two-sided p-value.
    public let pValue: Double

    /// The test on the differences themselves.
    /// - Returns: `nil` for fewer than 2 days.
    /// - Complexity: O(T · T^{1/3}).
    public init?(differences d: [Double]) {
        let n = d.count
        guard n >= 2 else { return nil }
        let lags = Self.lags(n)
        let mean = d.reduce(0, +) / Double(n)
        let u = d.map { $0 - mean }
        func autocovariance(_ j: Int) -> Double {
            var s = 0.0
            for t in j..<n { s += u[t] * u[t - j] }
            return s / Double(n)
        }
        var v = autocovariance(0)
        if lags > 0 {
            for j in 1...lags { v += 2 * (1 - Double(j) / Double(lags + 1)) * autocovariance(j) }
        }
        days = n
        self.lags = lags
        meanDifference = mean
        longRunVariance = v
        // Rounding leaves a variance of order (ε · max |d|)² where the exact one is zero.
        let noise = 1e-12 * (d.map(abs).max() ?? 0)
        if v > noise * noise && v.isFinite {
            statistic = mean / (v / Double(n)).squareRoot()
            pValue = Swift.min(1, 2 * Normal.cdf(-abs(statistic)))
        } else {
            statistic = 0
            pValue = 1
        }
    }

    /// The test of method `a` against method `b` over the days both scored
    /// (`nil` entries are days without a score).
    /// - Returns: `nil` for fewer than 2 common days.
    /// - Precondition: the two series are aligned on the same days.
    public init?(_ a: [Double?], _ b: [Double?]) {
        precondition(a.count == b.count, "score series aligned on the same days")
        var d: [Double] = []
        for (x, y) in zip(a, b) { if let x, let y { d.append(x - y) } }
        self.init(differences: d)
    }

    /// `⌊n^{1/3}⌋` exactly: the largest `L` with `L³ ≤ n`.
    public static func lags(_ n: Int) -> Int {
        var l = Swift.max(Int(cbrt(Double(Swift.max(n, 0))).rounded()), 0)
        while l > 0 && l * l * l > n { l -= 1 }
        while (l + 1) * (l + 1) * (l + 1) <= n { l += 1 }
        return l
    }
}
