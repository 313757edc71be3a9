/// Ledoit & Wolf (2003), "Honey, I shrunk the sample covariance matrix",
/// *J. Portfolio Management* 30(4), 110–119: shrinkage towards the
/// constant-correlation matrix `F_ij = r̄ √(s_ii s_jj)`, `F_ii = s_ii`, where `r̄`
/// is the average off-diagonal sample correlation:
///
///     Σ = δ F + (1 − δ) S,   δ = max(0, min(1, κ/T)),   κ = (π − ρ)/γ,
///     π = Σ_ij π_ij,   π_ij = (1/T) Σ_t ((x_ti x_tj − s_ij)²),
///     ρ = Σ_i π_ii + r̄ Σ_{i≠j} √(s_jj/s_ii) θ_ij,
///     θ_ij = (1/T) Σ_t (x_ti² − s_ii)(x_ti x_tj − s_ij),   γ = ‖S − F‖²_F,
///
/// with `x` the centred returns. This reproduces PyPortfolioOpt's
/// `CovarianceShrinkage(returns, returns_data=True, frequency=1).ledoit_wolf(
/// shrinkage_target="constant_correlation")`, whose `S` is the sample covariance
/// with divisor **T − 1** (pandas `cov`) while the moment sums above divide by `T`
/// (the paper's own code divides `S` by `T` too). Needs `T ≥ 2`, finite returns
/// and positive variances; one asset, or `S = F`, gives δ = 0.
/// - Complexity: O(T·d²) flops (three cross products).
public struct ConstantCorrelationShrinkage: CovarianceFitting {
    public init() {}

    public var kind: CovarianceEstimator { .constantCorrelation }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        let centered = try CenteredReturns(returns, estimator: kind)
        let t = returns.rows
        let n = returns.cols
        let tt = Double(t)
        let x = centered.values
        let s = centered.crossProduct(divisor: Double(t - 1))
        let variance = s.diagonal
        if let zero = variance.firstIndex(where: { $0 <= 0 }) {
            throw TailRiskError.numerical(
                message: "the \(kind.rawValue) covariance needs positive variances, but column \(zero + 1) "
                    + "is constant over the \(t) returns")
        }
        guard n > 1 else {
            return CovarianceEstimate(estimator: kind, covariance: s, mean: centered.mean, observations: t,
                                      shrinkage: 0, notes: notes(t: t, shrinkage: 0))
        }
        let sd = variance.map { $0.squareRoot() }
        var correlationSum = 0.0
        for j in 0..<n { for i in 0..<n where i != j { correlationSum += s[i, j] / (sd[i] * sd[j]) } }
        let rBar = correlationSum / Double(n * (n - 1))
        var target = Matrix(rows: n, cols: n)
        for j in 0..<n { for i in 0..<n { target[i, j] = i == j ? variance[i] : rBar * sd[i] * sd[j] } }

        let cross = BLAS.gram(x)  // Σ_t x_ti x_tj
        let squares = Matrix(rows: t, cols: n, columnMajor: x.storage.map { $0 * $0 })
        let cubes = Matrix(rows: t, cols: n, columnMajor: x.storage.map { $0 * $0 * $0 })
        let fourth = BLAS.gram(squares)  // Σ_t x_ti² x_tj²
        let third = BLAS.multiply(cubes, x, transposeA: true)  // Σ_t x_ti³ x_tj
        var pi = 0.0
        var piDiagonal = 0.0
        var thetaSum = 0.0
        for j in 0..<n {
            for i in 0..<n {
                let pij = fourth[i, j] / tt - 2 * cross[i, j] * s[i, j] / tt + s[i, j] * s[i, j]
                pi += pij
                if i == j {
                    piDiagonal += pij
                } else {
                    let help = cross[i, j] / tt
                    let theta = third[i, j] / tt - cross[i, i] / tt * s[i, j] - help * variance[i]
                        + variance[i] * s[i, j]
                    thetaSum += sd[j] / sd[i] * theta
                }
            }
        }
        let rho = piDiagonal + rBar * thetaSum
        let gamma = (s - target).storage.reduce(0) { $0 + $1 * $1 }
        let scale = s.storage.reduce(0) { $0 + $1 * $1 }
        // γ ≈ 0 means S already is the target up to rounding (always so for two assets): nothing to shrink.
        let shrinkage = gamma <= 1e-24 * scale ? 0 : Swift.max(0, Swift.min(1, (pi - rho) / gamma / tt))
        let covariance = shrinkage * target + (1 - shrinkage) * s
        return CovarianceEstimate(estimator: kind, covariance: covariance, mean: centered.mean, observations: t,
                                  shrinkage: shrinkage, notes: notes(t: t, shrinkage: shrinkage))
    }

    private func notes(t: Int, shrinkage: Double) -> [String] {
        ["Ledoit–Wolf (2003) towards constant correlation as PyPortfolioOpt: S with divisor T − 1 = \(t - 1), "
            + "shrinkage \(shrinkage)"]
    }
}
