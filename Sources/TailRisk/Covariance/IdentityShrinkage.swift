/// Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional
/// covariance matrices", *J. Multivariate Analysis* 88, 365–411: shrinkage of the
/// empirical covariance towards a multiple of the identity,
///
///     Σ = (1 − δ) S + δ μ I,   μ = tr(S)/d,
///
/// computed exactly as `sklearn.covariance.LedoitWolf()` (`assume_centered=False`):
/// the returns are centred, `S = XᵀX/T` divides by **T**, and with
/// the paper's `d_n² = ‖S − μI‖²_F / d` and `b̄_n² = (Σ_t ‖x_t x_tᵀ − S‖²_F) / (d T²)`
/// (evaluated as `(Σ_ij ((X∘X)ᵀ(X∘X))_ij / T − ‖S‖²_F) / (d T)`),
/// the intensity is `δ = min(b̄_n², d_n²)/d_n²`, which lies in [0, 1].
/// One asset, or `S = μI`, gives δ = 0. Needs `T ≥ 2` rows of finite returns.
/// - Complexity: O(T·d²) flops (two `dsyrk`).
public struct LedoitWolf: CovarianceFitting {
    public init() {}

    public var kind: CovarianceEstimator { .ledoitWolf }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        let centered = try CenteredReturns(returns, estimator: kind)
        let t = Double(returns.rows)
        let d = returns.cols
        let s = centered.crossProduct(divisor: t)
        let mu = s.diagonal.reduce(0, +) / Double(d)
        var shrinkage = 0.0
        if d > 1 {
            let squared = Matrix(rows: returns.rows, cols: d, columnMajor: centered.values.storage.map { $0 * $0 })
            let betaSum = BLAS.gram(squared).storage.reduce(0, +)
            let frobeniusSquared = s.storage.reduce(0) { $0 + $1 * $1 }
            let beta = (betaSum / t - frobeniusSquared) / (Double(d) * t)
            let delta = (frobeniusSquared - 2 * mu * s.diagonal.reduce(0, +) + Double(d) * mu * mu) / Double(d)
            let clipped = Swift.min(beta, delta)
            // d_n² = 0 means S = μI already (scikit-learn would divide by zero here).
            shrinkage = clipped == 0 || delta <= 0 ? 0 : clipped / delta
        }
        return CovarianceEstimate(
            estimator: kind, covariance: s.shrunkTowardsIdentity(shrinkage, level: mu), mean: centered.mean,
            observations: returns.rows, shrinkage: shrinkage,
            notes: ["Ledoit–Wolf (2004) towards μI as scikit-learn LedoitWolf: divisor T = \(returns.rows), "
                + "shrinkage \(shrinkage)"])
    }
}

extension Matrix {
    /// `(1 − δ)·self + δ·level·I`, the shrinkage step of `LedoitWolf` and `OAS`.
    func shrunkTowardsIdentity(_ delta: Double, level: Double) -> Matrix {
        var m = (1 - delta) * self
        for i in 0..<rows { m[i, i] += delta * level }
        return m
    }
}

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
