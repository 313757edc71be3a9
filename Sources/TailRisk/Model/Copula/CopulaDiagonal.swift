import Foundation

/// The diagonal `C(u, u)` of the bivariate t and Gaussian copulas with correlation `ρ`:
/// the probability that both uniforms are at or below `u`, whose ratio `C(u, u)/u` tends
/// to the lower tail dependence as `u → 0` (`PairTailDependence` reports it at finite `u`,
/// where the empirical estimator lives).
///
/// By conditioning on the first coordinate (for the bivariate `t_ν`, `X₂ | X₁ = x` is
/// `t_{ν+1}` with location `ρx` and scale² `(ν + x²)(1 − ρ²)/(ν + 1)`):
///
///     C_t(u, u) = ∫_{−∞}^{a} f_ν(x) T_{ν+1}((a − ρx) √((ν + 1)/((ν + x²)(1 − ρ²)))) dx,  a = T_ν⁻¹(u),
///     C_Φ(u, u) = ∫_{−∞}^{a} φ(x) Φ((a − ρx)/√(1 − ρ²)) dx,                              a = Φ⁻¹(u),
///
/// one-dimensional integrals over `y = a − x ∈ (0, ∞)`, taken by exp-sinh quadrature
/// (`y = exp(π/2 · sinh s)`, step 1/32 over `s ∈ [−4.5, 4.5]`, 289 nodes), which is exact to
/// about 1e-12 for the algebraic `y^{−(ν+1)}` decay of the t integrand even at `ν = 1`.
/// Checked against SciPy's `multivariate_t.cdf` and `multivariate_normal.cdf`.
/// - Complexity: 289 density and CDF evaluations.
public enum CopulaDiagonal {
    /// `C(u, u)` of the t-copula, `u ∈ (0, 1)`, `ρ ∈ (−1, 1]`, `ν > 0`.
    public static func tCopula(_ u: Double, correlation rho: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(u > 0 && u < 1 && rho > -1 && rho <= 1 && nu > 0, "u in (0, 1), ρ in (−1, 1], ν > 0")
        if rho >= 1 { return u }
        let a = StudentT.quantile(u, degreesOfFreedom: nu)
        let c = ((nu + 1) / (1 - rho * rho)).squareRoot()
        return expSinh { y in
            let x = a - y
            let density = exp(StudentT.logPDF(x, degreesOfFreedom: nu))
            return density * StudentT.cdf((a - rho * x) * c / (nu + x * x).squareRoot(), degreesOfFreedom: nu + 1)
        }
    }

    /// `C(u, u)` of the Gaussian copula, `u ∈ (0, 1)`, `ρ ∈ (−1, 1]`.
    public static func gaussianCopula(_ u: Double, correlation rho: Double) -> Double {
        precondition(u > 0 && u < 1 && rho > -1 && rho <= 1, "u in (0, 1), ρ in (−1, 1]")
        if rho >= 1 { return u }
        let a = Normal.quantile(u)
        let s = (1 - rho * rho).squareRoot()
        return expSinh { y in
            let x = a - y
            return Normal.pdf(x) * Normal.cdf((a - rho * x) / s)
        }
    }

    /// `∫_0^∞ f(y) dy` by the exp-sinh rule.
    static func expSinh(_ f: (Double) -> Double) -> Double {
        let h = 1.0 / 32, half = Double.pi / 2
        var total = 0.0
        for k in -144...144 {
            let s = Double(k) * h
            let y = exp(half * sinh(s))
            guard y.isFinite, y > 0 else { continue }
            let v = f(y)
            if v.isFinite { total += v * y * half * cosh(s) }
        }
        return total * h
    }
}
