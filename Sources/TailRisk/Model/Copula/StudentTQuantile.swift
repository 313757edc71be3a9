import Foundation

extension StudentT {
    /// Density of Student's t with `ν` degrees of freedom, on the log scale:
    /// `ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) − (ν+1)/2 · ln(1 + t²/ν)`. From
    /// `largeDegreesOfFreedom` on, the difference of log-gammas (which cancels there)
    /// is its asymptotic series `ln Γ(a + ½) − ln Γ(a) = ½ ln a − 1/(8a) + 1/(192a³) + O(a⁻⁵)`, `a = ν/2`.
    public static func logPDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let gammas: Double
        if nu >= largeDegreesOfFreedom {
            let a = nu / 2
            gammas = 0.5 * log(a) - 1 / (8 * a) + 1 / (192 * a * a * a)
        } else {
            gammas = lgamma((nu + 1) / 2) - lgamma(nu / 2)
        }
        return gammas - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(t * t / nu)
    }

    /// Quantile `T_ν⁻¹(p)` by safeguarded Newton (Newton steps on the CDF kept
    /// inside a bisection bracket, Numerical Recipes' `rtsafe`), from the lower
    /// half by symmetry; relative accuracy about 1e-13 (the CDF's own). ∓∞ at 0 and 1.
    /// - Complexity: about 6–12 incomplete beta evaluations after the bracket
    ///   (found by doubling: O(log |t|) more).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        // p < 0.5: the root lies in (lo, 0); bracket by doubling.
        var lo = -1.0, hi = 0.0
        while cdf(lo, degreesOfFreedom: nu) > p {
            hi = lo
            lo *= 2
            if lo < -1e300 { return -.infinity }
        }
        var t = max(lo, min(hi, Normal.quantile(p)))
        if !(t > lo && t < hi) { t = 0.5 * (lo + hi) }
        for _ in 0..<200 {
            let f = cdf(t, degreesOfFreedom: nu) - p
            if f == 0 { return t }
            if f > 0 { hi = t } else { lo = t }
            let step = f / exp(logPDF(t, degreesOfFreedom: nu))
            var next = t - step
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * abs(t) { return next }
            t = next
        }
        return t
    }
}
