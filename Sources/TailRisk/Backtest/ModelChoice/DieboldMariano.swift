import Foundation

/// The Diebold–Mariano test of equal predictive accuracy (Diebold & Mariano
/// 1995, J. Business & Economic Statistics 13) on the daily score
/// differences `d_t = S_A,t − S_B,t` over the days both methods forecast:
///
///     DM = d̄ / √(V̂/T),  V̂ = γ₀ + 2 Σ_{k=1}^{m} (1 − k/(m + 1)) γ_k,
///
/// the Newey–West (1987) long-run variance with Bartlett weights and
/// `m = ⌊T^{1/3}⌋` lags (methods.md §8), `γ_k` the sample autocovariances
/// (divisor `T`). Two-sided p-value from N(0, 1); a zero variance (below
/// 10⁻¹⁴ of the mean squared difference: constant differences, up to rounding)
/// gives `p = 1`, and so do fewer than two days.
/// - Complexity: O(T·m).
public struct DieboldMariano: Sendable, Equatable {
    public let statistic: Double
    public let pValue: Double
    public let days: Int
    public let lags: Int

    /// The test on paired differences `d_t`.
    public init(differences d: [Double]) {
        let t = d.count
        days = t
        lags = Self.lags(t)
        guard t >= 2 else {
            statistic = 0
            pValue = 1
            return
        }
        let mean = d.reduce(0, +) / Double(t)
        func gamma(_ k: Int) -> Double {
            var s = 0.0
            for i in k..<t { s += (d[i] - mean) * (d[i - k] - mean) }
            return s / Double(t)
        }
        var v = gamma(0)
        if lags >= 1 { for k in 1...lags { v += 2 * (1 - Double(k) / Double(lags + 1)) * gamma(k) } }
        // Zero variance up to rounding (constant differences): p = 1 by convention.
        let scale = d.reduce(0) { $0 + $1 * $1 } / Double(t)
        guard v > 1e-14 * scale, v.isFinite else {
            statistic = 0
            pValue = 1
            return
        }
        statistic = mean / (v / Double(t)).squareRoot()
        pValue = min(1, 2 * (1 - Normal.cdf(abs(statistic))))
    }

    /// `⌊T^{1/3}⌋` as an exact integer cube root (`pow(1000, 1/3)` is 9.999…, not 10).
    public static func lags(_ t: Int) -> Int {
        guard t > 0 else { return 0 }
        var m = Int(pow(Double(t), 1.0 / 3.0))
        while (m + 1) * (m + 1) * (m + 1) <= t { m += 1 }
        while m > 0 && m * m * m > t { m -= 1 }
        return m
    }

    /// The test of method `a` against `b` on the dates both scored.
    public init(_ a: [(date: Day, score: Double)], _ b: [(date: Day, score: Double)]) {
        var byDate: [Day: Double] = [:]
        for x in b { byDate[x.date] = x.score }
        self.init(differences: a.compactMap { x in byDate[x.date].map { x.score - $0 } })
    }
}
