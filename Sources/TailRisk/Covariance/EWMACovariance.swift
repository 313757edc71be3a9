import Foundation

/// RiskMetrics exponentially weighted covariance (J.P. Morgan/Reuters,
/// *RiskMetrics — Technical Document*, 1996, §5.2), zero mean:
///
///     Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ.
///
/// **Seed.** The first `m = min(T, 30)` returns form a warm-up window whose
/// zero-mean second moment `Σ_m = (1/m) Σ_{t ≤ m} r_t r_tᵀ` seeds the recursion,
/// which then runs over the remaining returns `t = m + 1 … T` (each return is
/// used once). The seed keeps weight `λ^(T − m)` in the result (0.94^250 ≈ 2e-7);
/// the estimate's notes record `m` and that weight. The zero-mean second moment
/// rather than a demeaned covariance keeps the seed consistent with the
/// recursion's zero-mean assumption. With `T ≤ 30` the result is the seed.
///
/// The recursion is evaluated unrolled, `Σ_T = λ^(T−m) Σ_m + Σ_{t>m} (1 − λ) λ^(T−t) r_t r_tᵀ`,
/// as one cross product (`dsyrk`) of the rows scaled by `√((1 − λ) λ^(T−t))`.
///
/// Needs `T ≥ 2` rows of finite returns. The reported `mean` is the sample mean,
/// although the covariance ignores it.
/// - Complexity: O(T·d²) flops.
public struct EWMACovariance: CovarianceFitting {
    /// RiskMetrics' daily decay, 0.94.
    public static let riskMetricsLambda = 0.94
    /// Returns in the warm-up window that seeds the recursion (fewer when `T < 30`).
    public static let warmUpLength = 30

    public let lambda: Double

    /// RiskMetrics' daily λ = 0.94.
    public init() {
        lambda = EWMACovariance.riskMetricsLambda
    }

    /// Throws `.invalidParameter(.covarianceDecay, …)` unless `0 < λ < 1`.
    public init(lambda: Double) throws {
        self.lambda = try Self.checkedDecay(lambda, parameter: .covarianceDecay, of: "the EWMA decay")
    }

    /// `lambda` when `0 < λ < 1` (the decay of this estimator and of `EWMAFilter`).
    /// - Throws: `.invalidParameter(parameter, …)` naming `subject` otherwise.
    static func checkedDecay(_ lambda: Double, parameter: Parameter, of subject: String) throws -> Double {
        guard lambda > 0 && lambda < 1 else {
            throw TailRiskError.invalidParameter(
                parameter, message: "\(subject) must lie strictly between 0 and 1, got \(lambda)")
        }
        return lambda
    }

    public var kind: CovarianceEstimator { .ewma }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        let centered = try CenteredReturns(returns, estimator: kind)
        let t = returns.rows
        let d = returns.cols
        let m = Swift.min(t, EWMACovariance.warmUpLength)
        let seedWeight = pow(lambda, Double(t - m))
        var weighted = returns.rows(m..<t)
        for k in 0..<(t - m) {
            let w = ((1 - lambda) * pow(lambda, Double(t - m - 1 - k))).squareRoot()
            for j in 0..<d { weighted[k, j] *= w }
        }
        let seed = (seedWeight / Double(m)) * BLAS.gram(returns.rows(0..<m))
        let sigma = seed + BLAS.gram(weighted)
        return CovarianceEstimate(
            estimator: kind, covariance: sigma, mean: centered.mean, observations: t, lambda: lambda,
            notes: [
                "EWMA λ = \(lambda), zero mean; seeded with the mean of r rᵀ over the first \(m) returns, "
                    + "then the recursion over the remaining \(t - m)",
                "weight of the seed in the estimate: λ^\(t - m) = \(seedWeight)",
            ])
    }
}
