import Foundation
import Testing
@testable import TailRisk

/// Issue 21 item 14: Student's t at large ν. The incomplete beta's prefactor
/// `lgamma(ν/2 + ½) − lgamma(ν/2)` cancelled to garbage at ν = 10¹⁵ (a t-copula VaR equal
/// to its ES, C(u,u)/u = 95), and the t-copula took any ν. Now T_ν → Φ as ν grows, the
/// copula's C(u,u)/u stays ≤ 1 and tends to the Gaussian copula's, and ν > 10⁶ is refused.
@Suite struct LargeDegreesOfFreedomTests {
    static let points: [Double] = [-30, -12, -6, -3, -1.5, -0.4, 0.3, 1, 2.5, 5, 9]

    /// `T_ν(t) = Φ(t) − φ(t)(t³ + t)/(4ν) + O(t⁷φ(t)/ν²)` (Abramowitz & Stegun 26.7.5): for every ν
    /// from 10⁴ to 10³⁰⁰ and |t| ≤ 9 the gap to Φ is the first-order term, to within the second-order
    /// term and rounding (at ν = 10¹⁵ the old prefactor put the CDF off by orders of magnitude).
    @Test func cdfTendsToTheNormalAtTheFirstOrderRate() {
        for nu in [1e4, 1e5, 1e6, 1e9, 1e15, 1e30, 1e300] {
            for t in Self.points where abs(t) <= 9 {
                let p = StudentT.cdf(t, degreesOfFreedom: nu)
                let firstOrder = Normal.pdf(t) * (t * t * t + t) / (4 * nu)
                let gap = Normal.cdf(t) - p
                let t8 = pow(t, 8)
                let slack = Normal.pdf(t) * (t8 + 10) / (4 * nu * nu) + 2e-12 * min(Normal.cdf(t), 1 - Normal.cdf(t))
                    + (t > 0 ? 4 * Double.ulpOfOne : 0)  // near 1 the CDF rounds in absolute terms
                #expect(abs(gap - firstOrder) <= slack, "ν \(nu), t \(t): gap \(gap), first order \(firstOrder)")
                #expect(p >= 0 && p <= 1)
            }
        }
    }

    /// The large-ν form and the incomplete beta agree where they meet (ν = 10⁴) and well below it,
    /// in both tails, so the switch leaves no step.
    @Test func bothFormsAgreeAtTheSwitch() {
        for nu in [200.0, 2_000, StudentT.largeDegreesOfFreedom] {
            for t in Self.points {
                let x = nu / (nu + t * t)
                let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(x, a: nu / 2, b: 0.5)
                let exact = t >= 0 ? 1 - tail : tail
                let hill = StudentT.largeDegreesOfFreedomCDF(t, degreesOfFreedom: nu)
                let scale = min(exact, 1 - exact)
                #expect(abs(hill - exact) <= (nu >= 2_000 ? 1e-9 : 1e-5) * scale, "ν \(nu), t \(t): \(hill) vs \(exact)")
            }
        }
    }

    /// The density's log tends to the normal's, and the quantile inverts the CDF, at any large ν.
    @Test func densityAndQuantileAtLargeDegreesOfFreedom() {
        for nu in [1e4, 1e8, 1e15, 1e300] {
            for t in [-4.0, -1, 0, 2] {
                let normal = -0.5 * log(2 * Double.pi) - 0.5 * t * t
                // ln f_ν(t) − ln φ(t) = (t⁴ − 2t² − 1)/(4ν) + O(ν⁻²).
                let firstOrder = (t * t * t * t - 2 * t * t - 1) / (4 * nu)
                #expect(abs(StudentT.logPDF(t, degreesOfFreedom: nu) - normal - firstOrder) < (pow(t, 6) + 1) / (nu * nu) + 1e-12,
                        "ν \(nu), t \(t)")
            }
            for p in [1e-6, 0.01, 0.3, 0.9] {
                let q = StudentT.quantile(p, degreesOfFreedom: nu)
                #expect(abs(StudentT.cdf(q, degreesOfFreedom: nu) / p - 1) < 1e-9 || abs(q - Normal.quantile(p)) < 1e-9)
                #expect(abs(q - Normal.quantile(p)) < 50 / nu + 1e-9, "ν \(nu), p \(p): \(q)")
            }
        }
    }

    /// C(u,u)/u of the t-copula never exceeds 1, falls as ν grows and tends to the Gaussian
    /// copula's; the limit λ_L falls to 0.
    @Test func copulaDiagonalIsBoundedAndTendsToTheGaussian() {
        for rho in [0.2, 0.6, 0.9] {
            for u in [0.05, 0.01] {
                let gauss = CopulaDiagonal.gaussianCopula(u, correlation: rho) / u
                var previous = 1.0
                for nu in [2.0, 10, 100, 1e4, 1e6] {
                    let ratio = CopulaDiagonal.tCopula(u, correlation: rho, degreesOfFreedom: nu) / u
                    #expect(ratio <= 1 && ratio >= gauss - 1e-6, "ρ \(rho), u \(u), ν \(nu): \(ratio)")
                    #expect(ratio <= previous + 1e-9)
                    previous = ratio
                }
                #expect(abs(previous - gauss) < 1e-3 * gauss, "ρ \(rho), u \(u): \(previous) vs \(gauss)")
            }
            for nu in [1e6, 1e15, 1e300] {
                let lambda = TailDependence.tCopula(correlation: rho, degreesOfFreedom: nu)
                #expect(lambda >= 0 && lambda < 1e-6, "ρ \(rho), ν \(nu): λ \(lambda)")
            }
        }
    }

    /// ν beyond 10⁶, NaN, 0 and ∞ are refused for the t-copula wherever ν enters; 10⁶ itself is taken.
    @Test func copulaDegreesOfFreedomAreBounded() throws {
        #expect(InnovationLaw.copulaDegreesOfFreedomProblem(1e6) == nil)
        #expect(InnovationLaw.copulaDegreesOfFreedomProblem(0.5) == nil)
        for bad in [1e15, 1.000001e6, .infinity, .nan, 0, -3] {
            #expect(InnovationLaw.copulaDegreesOfFreedomProblem(bad) != nil, "\(bad)")
            #expect(throws: TailRiskError.self) { try InnovationLaw.parse("t-copula", degreesOfFreedom: bad) }
        }
        let message = try #require(InnovationLaw.copulaDegreesOfFreedomProblem(1e15))
        #expect(message.contains("10⁶") && message.contains("gaussian-copula") && message.contains("1e15"), "\(message)")
    }
}
