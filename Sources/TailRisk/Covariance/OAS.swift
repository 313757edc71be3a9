/// Oracle approximating shrinkage, Chen, Wiesel, Eldar & Hero (2010), "Shrinkage
/// algorithms for MMSE covariance estimation", *IEEE Trans. Signal Processing*
/// 58(10), 5016–5029, in the form `sklearn.covariance.OAS()` computes it:
///
///     Σ = (1 − ρ) S + ρ μ I,   μ = tr(S)/d,   ā = mean(S∘S) = ‖S‖²_F / d²,
///     ρ = min((ā + μ²) / ((T + 1)(ā − μ²/d)), 1)   (ρ = 1 when the denominator is 0),
///
/// with the returns centred and `S = XᵀX/T` (divisor **T**). scikit-learn drops
/// the paper's `(1 − 2/d)` factors (its Eq. 23), so this is not the paper's ρ
/// for small `d`. One asset gives ρ = 0. Needs `T ≥ 2` rows of finite returns.
/// - Complexity: O(T·d²) flops (one `dsyrk`).
public struct OAS: CovarianceFitting {
    public init() {}

    public var kind: CovarianceEstimator { .oas }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        let centered = try CenteredReturns(returns, estimator: kind)
        let t = Double(returns.rows)
        let d = Double(returns.cols)
        let s = centered.crossProduct(divisor: t)
        let mu = s.diagonal.reduce(0, +) / d
        var shrinkage = 0.0
        if returns.cols > 1 {
            let alpha = s.storage.reduce(0) { $0 + $1 * $1 } / (d * d)
            let numerator = alpha + mu * mu
            let denominator = (t + 1) * (alpha - mu * mu / d)
            shrinkage = denominator == 0 ? 1 : Swift.min(numerator / denominator, 1)
        }
        return CovarianceEstimate(
            estimator: kind, covariance: s.shrunkTowardsIdentity(shrinkage, level: mu), mean: centered.mean,
            observations: returns.rows, shrinkage: shrinkage,
            notes: ["OAS (Chen et al. 2010) as scikit-learn OAS: divisor T = \(returns.rows), shrinkage \(shrinkage)"])
    }
}
