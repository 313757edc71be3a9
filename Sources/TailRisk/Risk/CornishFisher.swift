import Foundation

/// Cornish–Fisher ("modified") VaR and ES, PerformanceAnalytics' formulas.
///
/// From the population moments of the P&L (`SampleMoments`: mean `μ`, `m₂`,
/// skewness `S`, excess kurtosis `K`) and `z = Φ⁻¹(α) < 0`:
/// `z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36`,
/// `VaR = −μ − √m₂ · z_cf` (Zangari 1996; PerformanceAnalytics `VaR(method = "modified")`).
///
/// The modified ES is Boudt, Peeters & Croux (2008), "Estimation and
/// decomposition of downside risk for portfolios with non-normal returns",
/// exactly as PerformanceAnalytics `ES(method = "modified")` (`operES.CornishFisher`):
/// `E = φ(z_cf) + (I⁴ − 6I² + 3φ)K/24 + (I³ − 3I¹)S/6 + (I⁶ − 15I⁴ + 45I² − 15φ)S²/72`
/// with PerformanceAnalytics' `Ipower(q, z_cf)` terms, and
/// `ES = −μ − √m₂ · min(−E/α, z_cf)` (so ES ≥ VaR).
///
/// The expansion is a polynomial in `z`; it stops being monotone (VaR falling
/// as the confidence rises) for large `|S|` or `K`, and it is only a
/// good approximation for moderate ones. Notes are attached when
/// - `z_cf` is not increasing in `z` somewhere between the smallest and largest
///   confidence asked (checked on the derivative
///   `1 + zS/3 + (z² − 1)K/8 − (6z² − 5)S²/36`, a quadratic, at both ends and its vertex);
/// - `|S| > 1` or `K > 5` (`skewnessWarning`, `kurtosisWarning`), where the
///   expansion's tail is known to drift from the data (on crypto returns with
///   2020-03-12 it gives 1.4–3.8 times the historical VaR);
/// - the VaR is negative (reported as computed, never clipped).
public enum CornishFisher {
    /// `|S|` above which a note is attached.
    public static let skewnessWarning = 1.0
    /// Excess kurtosis above which a note is attached.
    public static let kurtosisWarning = 5.0

    /// Modified VaR and ES at each level of a P&L series (pass every level in one call
    /// so the monotonicity check covers them all).
    /// - Throws: `.insufficientData` for fewer than 2 observations or a constant series;
    ///   `.numerical` for a P&L that is not finite (its revaluation overflowed).
    /// - Complexity: O(n + levels).
    public static func estimates(pnl: [Double], levels: [ConfidenceLevel]) throws -> [RiskEstimate] {
        guard pnl.count >= 2 else {
            throw TailRiskError.insufficientData(message: "Cornish–Fisher VaR needs at least 2 observations, got \(pnl.count)")
        }
        if let t = pnl.firstIndex(where: { !$0.isFinite }) {
            throw TailRiskError.numerical(
                message: "Cornish–Fisher: P&L observation \(t + 1) of \(pnl.count) is \(pnl[t]): revaluing its returns overflowed")
        }
        let m = SampleMoments(pnl)
        guard m.variance > 0 else {
            throw TailRiskError.insufficientData(message: "Cornish–Fisher VaR of a constant P&L series (zero variance)")
        }
        return estimates(moments: m, levels: levels)
    }

    /// Modified VaR and ES from given moments.
    /// - Precondition: `moments.variance > 0`.
    public static func estimates(moments m: SampleMoments, levels: [ConfidenceLevel]) -> [RiskEstimate] {
        precondition(m.variance > 0, "Cornish–Fisher needs a positive variance")
        let s = m.skewness, k = m.excessKurtosis, sd = m.standardDeviation
        var shared: [RiskNote] = []
        if abs(s) > skewnessWarning || k > kurtosisWarning {
            shared.append(.unusable(.cornishFisherRange, String(format: "skewness %.3f / excess kurtosis %.3f beyond |S| ≤ %.0f, K ≤ %.0f: the Cornish–Fisher expansion is unreliable here",
                                 s, k, skewnessWarning, kurtosisWarning)))
        }
        let zs = levels.map { Normal.quantile($0.alpha) }
        if let lo = zs.min(), let hi = zs.max(), !isMonotone(from: lo, to: hi, skewness: s, excessKurtosis: k) {
            shared.append(.unusable(.cornishFisherRange,
                                    "the Cornish–Fisher quantile is not monotone in the confidence over the levels asked: VaR may fall as the confidence rises"))
        }
        var result = levels.indices.map { i -> RiskEstimate in
            let level = levels[i], z = zs[i]
            let h = adjustedQuantile(z, skewness: s, excessKurtosis: k)
            let v = -m.mean - sd * h
            let tail = -tailExpectation(h, skewness: s, excessKurtosis: k) / level.alpha
            let e = -m.mean - sd * min(tail, h)
            var notes = shared
            if v < 0 { notes.append(HistoricalRisk.negativeVaRNote(level)) }
            if tail > h {
                notes.append(.unusable(.esBelowVaR,
                                       "the modified ES expansion fell below the modified VaR and was set to it (PerformanceAnalytics' floor)"))
            }
            return RiskEstimate(method: .cornishFisher, level: level, valueAtRisk: v, expectedShortfall: e, notes: notes)
        }
        // ES must rise with the confidence; say so where the expansion breaks that.
        let order = result.indices.sorted { result[$0].level < result[$1].level }
        for (a, b) in zip(order, order.dropFirst()) where result[b].expectedShortfall < result[a].expectedShortfall {
            let note = RiskNote.unusable(.cornishFisherRange,
                "the modified ES falls from \(result[a].level) to \(result[b].level): the expansion is not usable at these levels")
            result[a].notes.append(note)
            result[b].notes.append(note)
        }
        return result
    }

    /// `z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36`.
    public static func adjustedQuantile(_ z: Double, skewness s: Double, excessKurtosis k: Double) -> Double {
        let z2 = z * z, z3 = z2 * z
        return z + (z2 - 1) * s / 6 + (z3 - 3 * z) * k / 24 - (2 * z3 - 5 * z) * s * s / 36
    }

    /// Whether `dz_cf/dz > 0` on `[lo, hi]`: the derivative is a quadratic in `z`,
    /// so its minimum over the interval is at an end or at the vertex.
    static func isMonotone(from lo: Double, to hi: Double, skewness s: Double, excessKurtosis k: Double) -> Bool {
        // d/dz = 1 + zS/3 + (3z² − 3)K/24 − (6z² − 5)S²/36 = a z² + b z + c.
        let a = k / 8 - s * s / 6, b = s / 3, c = 1 - k / 8 + 5 * s * s / 36
        func slope(_ z: Double) -> Double { (a * z + b) * z + c }
        var points = [lo, hi]
        if a != 0 {
            let v = -b / (2 * a)
            if v > lo && v < hi { points.append(v) }
        }
        return points.allSatisfy { slope($0) > 0 }
    }

    /// Boudt–Peeters–Croux `E` (before division by `α`), PerformanceAnalytics' `operES.CornishFisher`.
    static func tailExpectation(_ h: Double, skewness s: Double, excessKurtosis k: Double) -> Double {
        let phi = Normal.pdf(h)
        var e = phi
        e += (iPower(4, h) - 6 * iPower(2, h) + 3 * phi) * k / 24
        e += (iPower(3, h) - 3 * iPower(1, h)) * s / 6
        e += (iPower(6, h) - 15 * iPower(4, h) + 45 * iPower(2, h) - 15 * phi) * s * s / 72
        return e
    }

    /// PerformanceAnalytics' `Ipower(q, h)`. For even `q = 2p`:
    /// `q!! φ(h) + Σ_{i=1..p} (q!!/(2i)!!) h^{2i} φ(h)`; for odd `q = 2p + 1`:
    /// `−q!! Φ(h) + Σ_{i=0..p} (q!!/(2i+1)!!) h^{2i+1} φ(h)`.
    static func iPower(_ q: Int, _ h: Double) -> Double {
        let phi = Normal.pdf(h)
        if q % 2 == 0 {
            let p = q / 2
            var full = 1.0
            for j in 1...p { full *= Double(2 * j) }
            var r = full * phi, prod = 1.0
            for i in 1...p {
                prod *= Double(2 * i)
                r += full / prod * pow(h, Double(2 * i)) * phi
            }
            return r
        }
        let p = (q - 1) / 2
        var full = 1.0
        for j in 0...p { full *= Double(2 * j + 1) }
        var r = -full * Normal.cdf(h), prod = 1.0
        for i in 0...p {
            prod *= Double(2 * i + 1)
            r += full / prod * pow(h, Double(2 * i + 1)) * phi
        }
        return r
    }
}
