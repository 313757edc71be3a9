/// Coefficients of tail dependence: how likely one asset crashes given that another does,
/// in the limit of ever deeper tails. A Gaussian dependence has none; a Student-t one does.
public enum TailDependence {
    /// Lower (= upper) tail dependence of the bivariate t copula,
    /// `λ = 2 t_{ν+1}(−√((ν + 1)(1 − ρ)/(1 + ρ)))` (Embrechts, McNeil & Straumann 2002;
    /// McNeil, Frey & Embrechts, *Quantitative Risk Management*, eq. 5.59).
    /// - Complexity: one incomplete beta evaluation.
    public static func tCopula(correlation rho: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(rho > -1 && rho <= 1 && nu > 0, "tail dependence needs ρ in (−1, 1] and ν > 0")
        if rho == 1 { return 1 }
        let x = -((nu + 1) * (1 - rho) / (1 + rho)).squareRoot()
        return 2 * StudentT.cdf(x, degreesOfFreedom: nu + 1)
    }

    /// The Gaussian copula has no tail dependence for `ρ < 1`.
    public static func gaussianCopula(correlation rho: Double) -> Double { rho == 1 ? 1 : 0 }
}
