import Foundation

/// `n·ln x` with `0·ln 0 = 0` (and `0·ln x = 0` for any `x`), as in likelihood ratios.
@inline(__always)
func xLogY(_ n: Int, _ x: Double) -> Double { n == 0 ? 0 : Double(n) * log(x) }

/// Kupiec (1995) proportion-of-failures test of unconditional coverage.
///
/// With `N` exceedances in `T` days and tail probability `α`:
/// `LR_uc = −2[(T − N) ln(1 − α) + N ln α − (T − N) ln(1 − N/T) − N ln(N/T)]`,
/// computed in logs with `0·ln 0 = 0`, so `N = 0` gives `−2T ln(1 − α)` and
/// `N = T` gives `−2T ln α`; asymptotically `χ²(1)` (methods.md §6).
public enum Kupiec {
    /// `LR_uc` (never negative).
    /// - Precondition: `0 ≤ N ≤ T`, `T > 0`, `0 < α < 1`.
    /// - Complexity: O(1).
    public static func likelihoodRatio(exceedances n: Int, observations t: Int, alpha: Double) -> Double {
        precondition(t > 0 && n >= 0 && n <= t, "exceedances must lie in 0...observations")
        precondition(alpha > 0 && alpha < 1, "tail probability must lie in (0, 1)")
        let phat = Double(n) / Double(t)
        let null = xLogY(t - n, 1 - alpha) + xLogY(n, alpha)
        let alternative = xLogY(t - n, 1 - phat) + xLogY(n, phat)
        return max(0, -2 * (null - alternative))
    }

    /// The `χ²(1)` p-value of `LR_uc`.
    public static func pValue(exceedances n: Int, observations t: Int, alpha: Double) -> Double {
        ChiSquared.survival(likelihoodRatio(exceedances: n, observations: t, alpha: alpha), degreesOfFreedom: 1)
    }
}

/// Christoffersen (1998) test of independence of exceedances.
///
/// `N_ij` counts the `T − 1` transitions with `I_{t−1} = i`, `I_t = j`;
/// `π_01 = N_01/(N_00 + N_01)`, `π_11 = N_11/(N_10 + N_11)`, `π = (N_01 + N_11)/(T − 1)`,
/// `LR_ind = −2[(N_00 + N_10) ln(1 − π) + (N_01 + N_11) ln π − N_00 ln(1 − π_01)
/// − N_01 ln π_01 − N_10 ln(1 − π_11) − N_11 ln π_11]`, `χ²(1)`, with `0·ln 0 = 0`
/// and an empty row's ratio `0/0` taken as 0 (its counts are 0, so it adds nothing).
public enum Christoffersen {
    /// The transition counts `(N_00, N_01, N_10, N_11)`.
    /// - Complexity: O(T).
    public static func transitions(_ exceeded: [Bool]) -> (n00: Int, n01: Int, n10: Int, n11: Int) {
        var n = [0, 0, 0, 0]
        for t in exceeded.indices.dropFirst() {
            n[(exceeded[t - 1] ? 2 : 0) + (exceeded[t] ? 1 : 0)] += 1
        }
        return (n[0], n[1], n[2], n[3])
    }

    /// `LR_ind`; 0 for fewer than two days (no transition).
    /// - Complexity: O(T).
    public static func independenceRatio(_ exceeded: [Bool]) -> Double {
        let (n00, n01, n10, n11) = transitions(exceeded)
        let total = n00 + n01 + n10 + n11
        guard total > 0 else { return 0 }
        func ratio(_ a: Int, _ b: Int) -> Double { a + b == 0 ? 0 : Double(a) / Double(a + b) }
        let pi01 = ratio(n01, n00), pi11 = ratio(n11, n10)
        let pi = Double(n01 + n11) / Double(total)
        let null = xLogY(n00 + n10, 1 - pi) + xLogY(n01 + n11, pi)
        let alternative = xLogY(n00, 1 - pi01) + xLogY(n01, pi01) + xLogY(n10, 1 - pi11) + xLogY(n11, pi11)
        return max(0, -2 * (null - alternative))
    }
}

/// The Basel traffic light (BCBS 1996, "Supervisory framework for the use of
/// backtesting"), generalised to any number of days through the binomial CDF:
/// with `P = P(X ≤ N)`, `X ~ Binomial(T, α)`, the zone is green while
/// `P < 95%`, yellow for `95% ≤ P < 99.99%`, red from `99.99%`. At 250 days and
/// 99% this is Basel's table: green 0–4, yellow 5–9, red 10 or more. No
/// exceedance is always green: over a short record (`(1 − α)^T ≥ 95%`, e.g. a
/// single day) the literal rule would put even zero in the yellow zone.
public enum TrafficLight: String, Sendable, Codable, CaseIterable {
    case green, yellow, red

    /// The zone of `N` exceedances in `T` days at tail probability `α`.
    /// - Complexity: one incomplete beta evaluation.
    public init(exceedances n: Int, observations t: Int, alpha: Double) {
        if n == 0 { self = .green; return }
        let p = Binomial.cdf(n, n: t, p: alpha)
        self = p >= 0.9999 ? .red : p >= 0.95 ? .yellow : .green
    }
}
