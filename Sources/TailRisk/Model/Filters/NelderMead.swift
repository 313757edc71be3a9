import Foundation

/// A small Nelder–Mead simplex minimizer (Nelder & Mead 1965, *A simplex method
/// for function minimization*, Computer Journal 7; the standard coefficients
/// reflection 1, expansion 2, contraction ½, shrink ½ and the tie-breaking of
/// Lagarias, Reeds, Wright & Wright 1998, SIAM J. Optim. 9).
///
/// Used unconstrained, on coordinates that map onto the admissible set, as the
/// global stage of `GARCHEstimation`; the exact Newton polish does the last digits,
/// so the tolerance here is loose. Deterministic: the same inputs give the same
/// iterates. A non-finite objective value counts as `+∞`.
struct NelderMead {
    /// Stop when `max f − min f` over the simplex is at most `tolerance · (1 + |min f|)`.
    var tolerance = 1e-10
    /// Stop after this many objective evaluations.
    var maxEvaluations = 400

    struct Result {
        var x: [Double]
        var value: Double
        var evaluations: Int
        var converged: Bool
    }

    /// Minimizes `f` from the simplex `x0, x0 + step_k e_k`.
    /// - Complexity: at most `maxEvaluations` calls of `f`, plus O(n²) work per iteration.
    func minimize(_ f: ([Double]) -> Double, from x0: [Double], steps: [Double]) -> Result {
        let n = x0.count
        precondition(steps.count == n, "one initial step per coordinate")
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        var simplex = [x0]
        for k in 0..<n {
            var x = x0
            x[k] += steps[k]
            simplex.append(x)
        }
        var values = simplex.map(eval)
        var converged = false
        while evaluations < maxEvaluations {
            // Order best → worst; ties keep the earlier vertex first.
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] <= tolerance * (1 + abs(values[0])) {
                converged = true
                break
            }
            var centroid = [Double](repeating: 0, count: n)
            for v in simplex[0..<n] { for k in 0..<n { centroid[k] += v[k] / Double(n) } }
            func along(_ t: Double) -> [Double] {
                (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) }
            }
            let xr = along(-1), fr = eval(xr)
            if fr < values[0] {
                let xe = along(-2), fe = eval(xe)
                if fe < fr { simplex[n] = xe; values[n] = fe } else { simplex[n] = xr; values[n] = fr }
                continue
            }
            if fr < values[n - 1] {
                simplex[n] = xr; values[n] = fr
                continue
            }
            // Contraction: outside when the reflection improved on the worst, else inside.
            let outside = fr < values[n]
            let xc = along(outside ? -0.5 : 0.5), fc = eval(xc)
            if fc < (outside ? fr : values[n]) {
                simplex[n] = xc; values[n] = fc
                continue
            }
            for i in 1...n {
                simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                values[i] = eval(simplex[i])
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return Result(x: simplex[best], value: values[best], evaluations: evaluations, converged: converged)
    }
}
