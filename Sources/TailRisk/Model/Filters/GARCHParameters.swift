import Foundation

/// The parameters of a GARCH(1,1) variance (Bollerslev 1986, *Generalized
/// autoregressive conditional heteroskedasticity*, J. Econometrics 31), or of the
/// GJR-GARCH(1,1) (Glosten, Jagannathan & Runkle 1993) when `γ ≠ 0`, the members of the
/// `GARCHOrder` family that filtered historical simulation uses, and the recursions
/// that use them, for zero-mean returns `r_1 … r_T`:
///
///     σ²_1     = ω + (α + γ/2 + β) b,
///     σ²_{t+1} = ω + (α + γ 1[r_t < 0]) r²_t + β σ²_t,        t = 1 … T,
///
/// where `b` is the `arch` package's backcast
/// `b = Σ_{i=1}^{τ} 0.94^{i−1} r²_i / Σ_{i=1}^{τ} 0.94^{i−1}`, `τ = min(75, T)`
/// (methods.md §8). `arch`'s `garch_recursion` puts `b` in place of both the
/// missing `r²_0` and the missing `σ²_0` (and `b/2` for the missing `r²_0 1[r_0 < 0]`),
/// which is exactly `σ²_1 = ω + (α + γ/2 + β) b`. With `γ = 0` every expression below
/// is GARCH(1,1)'s to the bit (`α + 0 = α`).
/// `σ²_t` is the forecast made before `r_t` is seen; `σ²_{T+1}` is today's.
///
/// Units are those of the returns (raw daily log returns: `ω` is about 1e−6…1e−4).
/// The estimation works in rescaled units (`GARCHEstimation`) and reports here
/// in the returns' own units.
public struct GARCHParameters: Sendable, Equatable, Codable {
    /// The constant `ω > 0`.
    public var omega: Double
    /// The weight `α ≥ 0` of yesterday's squared return.
    public var alpha: Double
    /// The weight `β ≥ 0` of yesterday's variance.
    public var beta: Double
    /// The extra weight `γ` of yesterday's squared return when it was negative (GJR; `α + γ ≥ 0`),
    /// 0 for GARCH(1,1).
    public var gamma: Double

    /// The largest persistence `α + β` the fit allows, `1 − 10⁻⁶` (methods.md §8).
    public static let maximumPersistence = 1 - 1e-6

    public init(omega: Double, alpha: Double, beta: Double, gamma: Double = 0) {
        self.omega = omega
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
    }

    /// `α + γ/2 + β`, the rate at which a variance shock decays (for symmetric residuals).
    public var persistence: Double { alpha + 0.5 * gamma + beta }

    /// The ARCH weight after a return `r`: `α + γ` when `r < 0`, else `α`.
    @inline(__always)
    func arch(after r: Double) -> Double { r < 0 ? alpha + gamma : alpha }

    /// `σ̄² = ω / (1 − α − γ/2 − β)`, the long-run variance (`+∞` when the persistence is ≥ 1).
    public var unconditionalVariance: Double {
        persistence < 1 ? omega / (1 - persistence) : .infinity
    }

    /// `arch`'s backcast `b` of the returns (0 for an empty series).
    /// - Complexity: O(min(75, T)).
    public static func backcast(_ returns: [Double]) -> Double {
        let tau = Swift.min(75, returns.count)
        var weight = 1.0, num = 0.0, den = 0.0
        for i in 0..<tau {
            num += weight * returns[i] * returns[i]
            den += weight
            weight *= 0.94
        }
        return den > 0 ? num / den : 0
    }

    /// The variances `σ²_1 … σ²_{T+1}` (`T + 1` values: the in-sample forecasts, then today's).
    /// - Complexity: O(T).
    public func variances(_ returns: [Double]) -> [Double] {
        var s2 = [Double](repeating: 0, count: returns.count + 1)
        s2[0] = omega + persistence * Self.backcast(returns)
        for t in returns.indices {
            s2[t + 1] = omega + arch(after: returns[t]) * returns[t] * returns[t] + beta * s2[t]
        }
        return s2
    }

    /// The Gaussian log-likelihood `−½ Σ_t (ln 2π + ln σ²_t + r²_t/σ²_t)` over `t = 1 … T`.
    /// - Complexity: O(T).
    public func logLikelihood(_ returns: [Double]) -> Double {
        let s2 = variances(returns)
        var sum = 0.0
        for t in returns.indices { sum += log(s2[t]) + returns[t] * returns[t] / s2[t] }
        return -0.5 * (Double(returns.count) * log(2 * Double.pi) + sum)
    }

    /// One step along a simulated path: `σ²_{t+1} = ω + (α + γ 1[z_t < 0]) σ²_t z²_t + β σ²_t`, the
    /// variance after a day whose standardized residual is `z_t` (so `r_t = σ_t z_t`).
    /// Filtered historical simulation under GARCH moves each path's variance with it.
    /// - Complexity: O(1).
    @inline(__always)
    public func nextVariance(after variance: Double, residual z: Double) -> Double {
        omega + (arch(after: z) * z * z + beta) * variance
    }

    /// The mean variance path `E σ²_{T+k} = σ̄² + P^{k−1} (σ²_{T+1} − σ̄²)`, `P = α + γ/2 + β`
    /// (`E z² 1[z < 0] = ½` for symmetric residuals), for
    /// `k = 1 … horizon`, from today's variance `σ²_{T+1}` (`next`).
    /// Computed as the recursion `E σ²_{T+k+1} = ω + (α + β) E σ²_{T+k}`, which equals
    /// the closed form and also holds at `α + β = 1` (where `σ̄²` is infinite).
    /// - Precondition: `horizon ≥ 1`.
    /// - Complexity: O(horizon).
    public func varianceForecast(next: Double, horizon: Int) -> [Double] {
        precondition(horizon >= 1, "horizon must be at least 1")
        var path = [Double](repeating: next, count: horizon)
        for k in 1..<horizon { path[k] = omega + persistence * path[k - 1] }
        return path
    }

    /// Whether `ω > 0`, `α, α + γ, β ≥ 0` and `α + γ/2 + β ≤ 1 − 10⁻⁶`, all finite.
    public var isAdmissible: Bool {
        omega.isFinite && alpha.isFinite && beta.isFinite && gamma.isFinite && omega > 0 && alpha >= 0
            && alpha + gamma >= 0 && beta >= 0 && persistence <= Self.maximumPersistence
    }

    enum CodingKeys: String, CodingKey { case omega, alpha, beta, gamma }

    /// Reads `{omega, alpha, beta}` (GARCH(1,1), as before GJR) or with `gamma`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(omega: try c.decode(Double.self, forKey: .omega), alpha: try c.decode(Double.self, forKey: .alpha),
                  beta: try c.decode(Double.self, forKey: .beta),
                  gamma: try c.decodeIfPresent(Double.self, forKey: .gamma) ?? 0)
    }

    /// Writes `gamma` only when it is not 0, so a GARCH(1,1)'s JSON is unchanged.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(omega, forKey: .omega)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(beta, forKey: .beta)
        if gamma != 0 { try c.encode(gamma, forKey: .gamma) }
    }
}
