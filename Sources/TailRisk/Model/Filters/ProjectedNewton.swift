import Foundation

/// Newton's method on a box `lower ≤ x ≤ upper` with exact second derivatives,
/// for a few variables: the polish of `GARCHEstimation`.
///
/// Projected Newton of Bertsekas (1982, *Projected Newton methods for
/// optimization problems with simple constraints*, SIAM J. Control Optim. 20):
/// a variable at a bound whose gradient pushes it outward (within
/// `ε = min(10⁻⁸, ‖x − P(x − ∇f)‖_∞)` of the bound) is held fixed, and so is one
/// whose bounds coincide (a search on a face of the box); on the free
/// variables the step solves `(H + μI) d = −∇f` by Cholesky, `μ` raised from 0 by
/// factors of 10 until the matrix is positive definite (Levenberg's damping when
/// `f` is not convex there); the step is projected onto the box and halved until
/// Armijo's condition `f(x⁺) ≤ f(x) + 10⁻⁴ ∇f·(x⁺ − x)` holds.
///
/// It stops (converged) when the Newton decrement `−∇f·d` falls below `10⁻¹³ (1 + |f|)`
/// or a projected step changes nothing, or when no step size decreases `f` although the
/// decrement is still above `10⁻⁸ (1 + |f|)` (not converged), or after `maxIterations`. The result carries the
/// projected gradient `‖x − P(x − ∇f)‖_∞`, zero at a Karush–Kuhn–Tucker point.
/// - Complexity: per iteration one call of `derivatives` and a few of `value`,
///   plus O(n³) for the factorization.
struct ProjectedNewton {
    var maxIterations = 50

    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var evaluations: Int
        var converged: Bool
        var projectedGradient: Double
    }

    func minimize(value f: ([Double]) -> Double,
                  derivatives: ([Double]) -> (value: Double, gradient: [Double], hessian: [Double]),
                  from start: [Double], lower: [Double], upper: [Double]) -> Result {
        let n = start.count
        func project(_ x: [Double]) -> [Double] { (0..<n).map { Swift.min(Swift.max(x[$0], lower[$0]), upper[$0]) } }
        var x = project(start)
        var evaluations = 0, iterations = 0, converged = false
        var (fx, g, h) = derivatives(x)
        evaluations += 1
        while iterations < maxIterations {
            iterations += 1
            let pg = project((0..<n).map { x[$0] - g[$0] })
            let width = (0..<n).map { abs(x[$0] - pg[$0]) }.max() ?? 0
            let eps = Swift.min(1e-8, width)
            let free = (0..<n).filter { i in
                lower[i] < upper[i] && !((x[i] <= lower[i] + eps && g[i] > 0) || (x[i] >= upper[i] - eps && g[i] < 0))
            }
            if free.isEmpty { converged = true; break }
            guard let d = Self.dampedNewtonStep(gradient: g, hessian: h, free: free, n: n) else { break }
            let decrement = -free.reduce(0.0) { $0 + g[$1] * d[$1] }
            if decrement <= 1e-13 * (1 + abs(fx)) { converged = true; break }
            var t = 1.0, accepted: [Double]? = nil
            for _ in 0..<40 {
                let trial = project((0..<n).map { x[$0] + t * d[$0] })
                let slope = (0..<n).reduce(0.0) { $0 + g[$1] * (trial[$1] - x[$1]) }
                let ft = f(trial)
                evaluations += 1
                if ft.isFinite && ft <= fx + 1e-4 * slope && slope <= 0 { accepted = trial; break }
                t *= 0.5
            }
            guard let next = accepted else {
                // No decrease left that rounding lets us see: converged if the model predicted little.
                converged = decrement <= 1e-8 * (1 + abs(fx))
                break
            }
            // A step the projection reduces to nothing: x is a stationary point of the box problem.
            if !(0..<n).contains(where: { next[$0] != x[$0] }) { converged = true; break }
            x = next
            (fx, g, h) = derivatives(x)
            evaluations += 1
        }
        let pg = project((0..<n).map { x[$0] - g[$0] })
        let residual = (0..<n).map { abs(x[$0] - pg[$0]) }.max() ?? 0
        return Result(x: x, value: fx, iterations: iterations, evaluations: evaluations, converged: converged,
                      projectedGradient: residual)
    }

    /// `d_F = −(H_FF + μI)⁻¹ g_F` on the free variables `F`, zero elsewhere; `nil` if no
    /// damping up to `μ = 10¹⁰ · max |H_ii|` makes the matrix positive definite.
    static func dampedNewtonStep(gradient g: [Double], hessian h: [Double], free: [Int], n: Int) -> [Double]? {
        let m = free.count
        var a = [Double](repeating: 0, count: m * m)
        for (r, i) in free.enumerated() { for (c, j) in free.enumerated() { a[r * m + c] = h[i * n + j] } }
        let scale = Swift.max(free.map { abs(h[$0 * n + $0]) }.max() ?? 1, 1e-300)
        var mu = 0.0
        while mu <= 1e10 * scale {
            var damped = a
            for r in 0..<m { damped[r * m + r] += mu }
            if let l = cholesky(damped, m) {
                // Solve L Lᵀ s = −g_F.
                var s = free.map { -g[$0] }
                for r in 0..<m {
                    for c in 0..<r { s[r] -= l[r * m + c] * s[c] }
                    s[r] /= l[r * m + r]
                }
                for r in stride(from: m - 1, through: 0, by: -1) {
                    for c in (r + 1)..<m { s[r] -= l[c * m + r] * s[c] }
                    s[r] /= l[r * m + r]
                }
                var d = [Double](repeating: 0, count: n)
                for (r, i) in free.enumerated() { d[i] = s[r] }
                return d.allSatisfy(\.isFinite) ? d : nil
            }
            mu = mu == 0 ? 1e-10 * scale : mu * 10
        }
        return nil
    }

    /// Lower Cholesky factor of a row-major `m × m` matrix, `nil` unless positive definite.
    static func cholesky(_ a: [Double], _ m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        for r in 0..<m {
            for c in 0...r {
                var s = a[r * m + c]
                for k in 0..<c { s -= l[r * m + k] * l[c * m + k] }
                if r == c {
                    guard s > 0, s.isFinite else { return nil }
                    l[r * m + r] = s.squareRoot()
                } else {
                    l[r * m + c] = s / l[c * m + c]
                }
            }
        }
        return l
    }
}
