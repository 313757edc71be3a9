import Foundation

/// The t-copula's `ν` by maximum pseudo-likelihood with `R` fixed (the two-step
/// estimator of Genest, Ghoudi & Rivest 1995; methods.md §8):
///
///     ℓ(ν) = Σ_t [ ln f_{ν,R}(x_t) − Σ_i ln f_ν(x_{t,i}) ],  x_{t,i} = T_ν⁻¹(u_{t,i}),
///     ln f_{ν,R}(x) = ln Γ((ν+d)/2) − ln Γ(ν/2) − (d/2) ln(νπ) − ½ ln det R − (ν+d)/2 · ln(1 + xᵀR⁻¹x/ν),
///
/// with `u` the pseudo-observations (average ranks over `T + 1`), maximized over
/// `ν ∈ [1, 100]` by golden-section search (the reference is SciPy's bounded Brent,
/// `minimize_scalar(method="bounded")`, on the same function). `xᵀR⁻¹x = |L⁻¹x|²`
/// and `ln det R = 2 Σ ln L_ii` from the Cholesky factor.
/// - Complexity: per evaluation one t-quantile per distinct pseudo-observation (at most `T`,
///   shared by the columns) and `T·d²/2` flops; about 45 evaluations to a bracket of 1e-7.
public enum TCopulaDegreesOfFreedom {
    public static let bounds: ClosedRange<Double> = 1...100

    /// The fitted `ν` and the pseudo-log-likelihood there, for the columns of `data` (`T × d`).
    public static func fit(_ data: Matrix, correlation: CopulaCorrelation,
                           tolerance: Double = 1e-7) -> (degreesOfFreedom: Double, logLikelihood: Double) {
        let u = pseudoObservations(data)
        let golden = (5.0.squareRoot() - 1) / 2
        var a = bounds.lowerBound, b = bounds.upperBound
        var c = b - golden * (b - a), d = a + golden * (b - a)
        var fc = logLikelihood(c, pseudoObservations: u, correlation: correlation)
        var fd = logLikelihood(d, pseudoObservations: u, correlation: correlation)
        while b - a > tolerance {
            if fc >= fd {
                b = d; d = c; fd = fc
                c = b - golden * (b - a)
                fc = logLikelihood(c, pseudoObservations: u, correlation: correlation)
            } else {
                a = c; c = d; fc = fd
                d = a + golden * (b - a)
                fd = logLikelihood(d, pseudoObservations: u, correlation: correlation)
            }
        }
        // The ends are candidates too (the likelihood can rise all the way to ν = 100).
        var best = fc >= fd ? (c, fc) : (d, fd)
        for end in [bounds.lowerBound, bounds.upperBound] {
            let f = logLikelihood(end, pseudoObservations: u, correlation: correlation)
            if f > best.1 { best = (end, f) }
        }
        return best
    }

    /// The pseudo-observations of each column, `T × d`.
    public static func pseudoObservations(_ data: Matrix) -> Matrix {
        var u = Matrix(rows: data.rows, cols: data.cols)
        for j in 0..<data.cols {
            for (t, v) in EmpiricalMarginal.pseudoObservations(data.column(j)).enumerated() { u[t, j] = v }
        }
        return u
    }

    /// `ℓ(ν)` of the t-copula density at the pseudo-observations `u` (`T × d`, inside (0, 1)).
    public static func logLikelihood(_ nu: Double, pseudoObservations u: Matrix, correlation: CopulaCorrelation) -> Double {
        let d = u.cols, l = correlation.cholesky
        var logDet = 0.0
        for i in 0..<d { logDet += 2 * log(l[i, i]) }
        let dd = Double(d)
        let gammas: Double = lgamma((nu + dd) / 2) - lgamma(nu / 2)
        let constant: Double = gammas - dd / 2 * log(nu * Double.pi) - logDet / 2
        // Pseudo-observations take at most T distinct values (k/(T + 1), or average ranks), shared
        // by every column: each distinct value's quantile and log density is computed once (the
        // same calls, so the same bits as computing them per entry; d times fewer of them).
        var slot: [Double: Int] = [:]
        var distinct: [Double] = []
        var index = [Int](repeating: 0, count: u.rows * d)
        for t in 0..<u.rows {
            for i in 0..<d {
                let v = u[t, i]
                if let k = slot[v] { index[t * d + i] = k; continue }
                slot[v] = distinct.count
                index[t * d + i] = distinct.count
                distinct.append(v)
            }
        }
        let quantiles = distinct.map { StudentT.quantile($0, degreesOfFreedom: nu) }
        let densities = quantiles.map { StudentT.logPDF($0, degreesOfFreedom: nu) }
        var x = [Double](repeating: 0, count: d), y = [Double](repeating: 0, count: d)
        var total = 0.0
        for t in 0..<u.rows {
            var margins = 0.0
            for i in 0..<d {
                let k = index[t * d + i]
                x[i] = quantiles[k]
                margins += densities[k]
            }
            var q = 0.0
            for i in 0..<d {  // forward substitution L y = x
                var s = x[i]
                for k in 0..<i { s -= l[i, k] * y[k] }
                y[i] = s / l[i, i]
                q += y[i] * y[i]
            }
            total += constant - (nu + dd) / 2 * log1p(q / nu) - margins
        }
        return total
    }
}
