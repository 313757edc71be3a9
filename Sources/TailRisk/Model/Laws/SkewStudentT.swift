import Foundation

/// Hansen's (1994) skewed Student-t distribution, standardized to zero mean and unit
/// variance (B. E. Hansen, *Autoregressive conditional density estimation*,
/// International Economic Review 35(3), 705–730), in the parameterization of the
/// `arch` package's `SkewStudent` (`η = ν > 2`, `−1 < λ < 1`; `λ < 0` skews to the left).
///
/// With `c = Γ((ν+1)/2) / (√(π(ν−2)) Γ(ν/2))`, `a = 4λc (ν−2)/(ν−1)` and
/// `b = √(1 + 3λ² − a²)`, the density is
///
///     f(z) = b c (1 + ((b z + a)/(1 − λ))² / (ν − 2))^{−(ν+1)/2},   z < −a/b,
///     f(z) = b c (1 + ((b z + a)/(1 + λ))² / (ν − 2))^{−(ν+1)/2},   z ≥ −a/b.
///
/// Both halves are halves of a scaled Student-t: with `s = √((ν−2)/ν)` and `T ~ t_ν`,
/// `z = (−|T|(1 − λ) s − a)/b` with probability `(1 − λ)/2`, else `z = (|T|(1 + λ) s − a)/b`.
/// That gives the CDF and quantile in terms of Student's (`StudentT.cdf`, `StudentT.quantile`)
/// and an exact sampler from one Student-t draw and one uniform (`draw`).
/// `λ = 0` is the standardized Student-t (`a = 0`, `b = 1`).
public struct SkewStudentT: Sendable, Equatable, Codable {
    /// `ν > 2`.
    public let degreesOfFreedom: Double
    /// `λ ∈ (−1, 1)`.
    public let skew: Double
    /// Hansen's constants `a`, `b`, `c`.
    public let a: Double, b: Double, c: Double

    public init(degreesOfFreedom nu: Double, skew lambda: Double) {
        degreesOfFreedom = nu
        skew = lambda
        c = exp(lgamma((nu + 1) / 2) - lgamma(nu / 2)) / (Double.pi * (nu - 2)).squareRoot()
        a = 4 * lambda * c * (nu - 2) / (nu - 1)
        b = (1 + 3 * lambda * lambda - a * a).squareRoot()
    }

    enum CodingKeys: String, CodingKey { case degreesOfFreedom = "df", skew }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(degreesOfFreedom: try c.decode(Double.self, forKey: .degreesOfFreedom),
                  skew: try c.decode(Double.self, forKey: .skew))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try c.encode(skew, forKey: .skew)
    }

    /// Why `(ν, λ)` are not a skewed-t's (`nil` when they are): `ν` finite above 2, `|λ| < 1`.
    public static func parameterProblem(degreesOfFreedom nu: Double, skew lambda: Double) -> String? {
        guard nu > 2, nu.isFinite else {
            return "the skewed-t needs finite degrees of freedom greater than 2 (the variance is infinite otherwise), got \(nu)"
        }
        guard abs(lambda) < 1 else { return "the skewed-t's skew λ must lie strictly between −1 and 1, got \(lambda)" }
        return nil
    }

    /// `√((ν − 2)/ν)`: the scale of a unit-variance Student-t.
    var unitScale: Double { ((degreesOfFreedom - 2) / degreesOfFreedom).squareRoot() }

    /// The mode `−a/b` where the two halves meet.
    var threshold: Double { -a / b }

    /// `ln f(z)`. - Complexity: O(1).
    public func logPDF(_ z: Double) -> Double {
        let nu = degreesOfFreedom
        let side = z < threshold ? 1 - skew : 1 + skew
        let u = (b * z + a) / side
        return log(b) + log(c) - (nu + 1) / 2 * log1p(u * u / (nu - 2))
    }

    /// `P(Z ≤ z)`. - Complexity: one Student-t CDF.
    public func cdf(_ z: Double) -> Double {
        let nu = degreesOfFreedom, y = (b * z + a) / unitScale
        if z < threshold { return (1 - skew) * StudentT.cdf(y / (1 - skew), degreesOfFreedom: nu) }
        return (1 - skew) / 2 + (1 + skew) * (StudentT.cdf(y / (1 + skew), degreesOfFreedom: nu) - 0.5)
    }

    /// The quantile `F⁻¹(p)`, as `arch`'s `SkewStudent.ppf`; `∓∞` at 0 and 1.
    /// - Complexity: one Student-t quantile (safeguarded Newton, about 10 incomplete betas).
    public func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        let nu = degreesOfFreedom, cut = (1 - skew) / 2
        let t = p < cut ? StudentT.quantile(p / (1 - skew), degreesOfFreedom: nu)
            : StudentT.quantile(0.5 + (p - cut) / (1 + skew), degreesOfFreedom: nu)
        let side = p < cut ? 1 - skew : 1 + skew
        return (t * side * unitScale - a) / b
    }

    /// One draw, exactly: `T = N / √(χ²_ν/ν)` from the generator's normal and χ², then a
    /// uniform `U` picks the half: `z = (−|T|(1 − λ) s − a)/b` when `U < (1 − λ)/2`,
    /// else `(|T|(1 + λ) s − a)/b`. Draws, in this order: one normal, one χ² (about
    /// 1.02 normals and uniforms), one uniform.
    /// - Complexity: O(1).
    @inline(__always)
    public func draw(_ rng: inout Xoshiro256PlusPlus) -> Double {
        let nu = degreesOfFreedom
        let t = abs(rng.nextNormal()) * (nu / rng.nextChiSquared(degreesOfFreedom: nu)).squareRoot()
        let w = rng.nextUniform() < (1 - skew) / 2 ? -t * (1 - skew) : t * (1 + skew)
        return (w * unitScale - a) / b
    }
}
