import Foundation

/// The negative Gaussian log-likelihood of a GARCH(1,1) on one series and its
/// exact first and second derivatives, the objective of `GARCHEstimation`.
///
///     f(ω, α, β) = ½ Σ_{t=1}^{T} (ln σ²_t + y²_t / σ²_t)
///
/// (the constant `½ T ln 2π` left out), with `σ²_t` from `GARCHParameters`'
/// recursion on the series `y` (in estimation: the returns divided by their
/// root mean square, so `mean y² = 1` and every parameter is of order one).
///
/// Derivatives by forward recursion of `D_t = ∂σ²_t/∂θ`, `θ = (ω, α, β)`, in the
/// same pass:
///
///     D_1 = (1, b, b),   D_{t+1} = (1, y²_t, σ²_t) + β D_t,
///     ∂²σ²_{t+1}/∂θ_i∂θ_j = β ∂²σ²_t/∂θ_i∂θ_j + [j = β] D_{t,i} + [i = β] D_{t,j},
///
/// and, with `u = 1/σ²_t`, `w = y²_t u`:
/// `∂f/∂θ_i = Σ ½ (1 − w) u D_i`,
/// `∂²f/∂θ_i∂θ_j = Σ ½ [(1 − w) u ∂²σ²/∂θ_i∂θ_j + u² (2w − 1) D_i D_j]`.
/// `Σ ln σ²_t` is taken as the log of products of 8 consecutive variances, one
/// `log` per 8 returns instead of one per return: on `GARCHEstimation`'s box
/// (`mean y² = 1`, `10⁻¹² ≤ ω ≤ 10³`, `α + β ≤ 1 − 10⁻⁶`) every `σ²_t` lies in
/// `[10⁻¹², 10⁹ + T]`, so a product of 8 can neither overflow nor underflow.
/// - Complexity: O(T) per evaluation (a division per return; about 4× that with derivatives).
struct GARCHObjective {
    /// `y²_t`.
    let squares: [Double]
    /// `arch`'s backcast of `y`.
    let backcast: Double

    init(_ y: [Double]) {
        squares = y.map { $0 * $0 }
        backcast = GARCHParameters.backcast(y)
    }

    var count: Int { squares.count }

    /// `f(ω, α, β)`.
    func value(omega: Double, alpha: Double, beta: Double) -> Double {
        squares.withUnsafeBufferPointer { y2 in
            var s2 = omega + (alpha + beta) * backcast
            var sum = 0.0, logs = 0.0, product = 1.0
            for t in 0..<y2.count {
                product *= s2
                if t & 7 == 7 { logs += log(product); product = 1 }
                sum += y2[t] / s2
                s2 = omega + alpha * y2[t] + beta * s2
            }
            return 0.5 * (sum + logs + log(product))
        }
    }

    /// `f`, its gradient and its Hessian (symmetric, row-major 3 × 3) in `(ω, α, β)`.
    func derivatives(omega: Double, alpha: Double, beta: Double) -> (value: Double, gradient: [Double], hessian: [Double]) {
        squares.withUnsafeBufferPointer { y2 in
            var s2 = omega + (alpha + beta) * backcast
            var d0 = 1.0, d1 = backcast, d2 = backcast        // D_t
            // Second derivatives of σ²_t: only those involving β are non-zero.
            var h02 = 0.0, h12 = 0.0, h22 = 0.0
            var f = 0.0, logs = 0.0, product = 1.0
            var g0 = 0.0, g1 = 0.0, g2 = 0.0
            var a00 = 0.0, a01 = 0.0, a02 = 0.0, a11 = 0.0, a12 = 0.0, a22 = 0.0
            for t in 0..<y2.count {
                let u = 1 / s2, w = y2[t] * u
                product *= s2
                if t & 7 == 7 { logs += log(product); product = 1 }
                f += w
                let c1 = (1 - w) * u, c2 = u * u * (2 * w - 1)
                g0 += c1 * d0; g1 += c1 * d1; g2 += c1 * d2
                a00 += c2 * d0 * d0; a01 += c2 * d0 * d1; a11 += c2 * d1 * d1
                a02 += c1 * h02 + c2 * d0 * d2
                a12 += c1 * h12 + c2 * d1 * d2
                a22 += c1 * h22 + c2 * d2 * d2
                // Step to t + 1 (second derivatives first: they use D_t).
                h22 = beta * h22 + 2 * d2
                h12 = beta * h12 + d1
                h02 = beta * h02 + d0
                d0 = 1 + beta * d0
                d1 = y2[t] + beta * d1
                d2 = s2 + beta * d2
                s2 = omega + alpha * y2[t] + beta * s2
            }
            let g = [0.5 * g0, 0.5 * g1, 0.5 * g2]
            let h = [a00, a01, a02, a01, a11, a12, a02, a12, a22].map { 0.5 * $0 }
            return (0.5 * (f + logs + log(product)), g, h)
        }
    }
}

/// The box coordinates of the estimation, `x = (ω, p, a)` with `p = α + β` and
/// `a = α / (α + β)`: `α = a p`, `β = (1 − a) p`. The admissible set
/// `ω > 0, α, β ≥ 0, α + β ≤ 1 − 10⁻⁶` becomes the box
/// `ω ∈ [ω_min, ω_max], p ∈ [0, 1 − 10⁻⁶], a ∈ [0, 1]`.
enum GARCHCoordinates {
    /// `(ω, α, β)` with `α + β ≤ p` in floating point (so the cap holds exactly).
    static func parameters(_ x: [Double]) -> (omega: Double, alpha: Double, beta: Double) {
        let alpha = x[2] * x[1]
        var beta = Swift.max(x[1] - alpha, 0)
        while alpha + beta > x[1] { beta = beta.nextDown }
        return (x[0], alpha, beta)
    }

    /// Value, gradient and Hessian of `f` in `x` by the chain rule: `J = ∂(ω, α, β)/∂(ω, p, a)`,
    /// `H_x = Jᵀ H J + (∂f/∂α − ∂f/∂β)(e_p e_aᵀ + e_a e_pᵀ)` (the curvature of `α = a p`, `β = (1 − a) p`).
    static func derivatives(_ objective: GARCHObjective, _ x: [Double]) -> (value: Double, gradient: [Double], hessian: [Double]) {
        let (o, al, be) = parameters(x)
        let (f, g, h) = objective.derivatives(omega: o, alpha: al, beta: be)
        let p = x[1], a = x[2]
        // Columns of J: ∂θ/∂ω = (1, 0, 0), ∂θ/∂p = (0, a, 1 − a), ∂θ/∂a = (0, p, −p).
        let j: [[Double]] = [[1, 0, 0], [0, a, 1 - a], [0, p, -p]]
        var gx = [Double](repeating: 0, count: 3)
        var hx = [Double](repeating: 0, count: 9)
        for m in 0..<3 {
            for k in 0..<3 { gx[m] += g[k] * j[m][k] }
            for n in 0..<3 {
                var s = 0.0
                for k in 0..<3 { for l in 0..<3 { s += j[m][k] * h[3 * k + l] * j[n][l] } }
                hx[3 * m + n] = s
            }
        }
        hx[3 * 1 + 2] += g[1] - g[2]
        hx[3 * 2 + 1] += g[1] - g[2]
        return (f, gx, hx)
    }
}
