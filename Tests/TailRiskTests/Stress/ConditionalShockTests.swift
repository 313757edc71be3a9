import Foundation
import Testing
@testable import TailRisk

/// Closed forms of methods.md §9 on a three-asset normal model, computed by hand.
@Suite struct ConditionalShockTests {
    static let mu = [0.001, -0.002, 0.0005]
    // Σ with σ = (4%, 5%, 1%) and ρ12 = 0.7, ρ13 = 0.2, ρ23 = -0.1.
    static let sd = [0.04, 0.05, 0.01]
    static let rho = [[1, 0.7, 0.2], [0.7, 1, -0.1], [0.2, -0.1, 1]]
    static var sigma: Matrix {
        Matrix((0..<3).map { i in (0..<3).map { j in rho[i][j] * sd[i] * sd[j] } })
    }

    @Test func oneShockedAssetGivesTheScalarRegression() throws {
        let x = log(0.7)
        let c = try ConditionalNormal.condition(mean: Self.mu, covariance: Self.sigma, shocked: [0], values: [x])
        #expect(c.others == [1, 2])
        let s = Self.sigma
        for (k, o) in [1, 2].enumerated() {
            let beta = s[o, 0] / s[0, 0]
            #expect(abs(c.beta[k, 0] - beta) < 1e-14)
            #expect(abs(c.mean[k] - (Self.mu[o] + beta * (x - Self.mu[0]))) < 1e-14)
            for (l, p) in [1, 2].enumerated() {
                #expect(abs(c.covariance[k, l] - (s[o, p] - s[o, 0] * s[0, p] / s[0, 0])) < 1e-16)
            }
        }
    }

    @Test func twoShockedAssetsUseTheTwoByTwoInverse() throws {
        let s = Self.sigma
        let x = [log(0.7), log(0.95)]
        let c = try ConditionalNormal.condition(mean: Self.mu, covariance: s, shocked: [0, 2], values: x)
        #expect(c.others == [1])
        // Σ_ss⁻¹ = [[d, −b], [−b, a]] / (ad − b²) for Σ_ss = [[a, b], [b, d]].
        let a = s[0, 0], b = s[0, 2], d = s[2, 2], det = a * d - b * b
        let inv = [[d / det, -b / det], [-b / det, a / det]]
        let sos = [s[1, 0], s[1, 2]]
        let beta = [sos[0] * inv[0][0] + sos[1] * inv[1][0], sos[0] * inv[0][1] + sos[1] * inv[1][1]]
        #expect(abs(c.beta[0, 0] - beta[0]) < 1e-12 && abs(c.beta[0, 1] - beta[1]) < 1e-12)
        let mean = Self.mu[1] + beta[0] * (x[0] - Self.mu[0]) + beta[1] * (x[1] - Self.mu[2])
        #expect(abs(c.mean[0] - mean) < 1e-14)
        let variance = s[1, 1] - (beta[0] * sos[0] + beta[1] * sos[1])
        #expect(abs(c.covariance[0, 0] - variance) < 1e-16)
        #expect(c.covariance[0, 0] < s[1, 1])
    }

    /// Assets 0, 1 collateral, asset 2 the debt: ρ_i = r_i − r_D, the loss exact, VaR/ES the normal closed form.
    @Test func shockLossAndConditionalRiskInTheDebtAsset() throws {
        let values = [100.0, 50.0], h = 2, conf = 0.99
        let shocks = try HypotheticalShock.parse("A=-30%")
        #expect(shocks.count == 1 && shocks[0].asset == "A" && abs(shocks[0].simple + 0.3) < 1e-15)
        let plain = try HypotheticalShock.run(text: "A=-30%", shocks: shocks, conditional: false, assets: ["A", "B", "D"],
                                              mean: Self.mu, covariance: Self.sigma, horizon: h, values: values,
                                              debtIndex: 2, thresholds: [0.8, 0.7], debt: 90, confidence: conf)
        #expect(abs(plain.loss - 30) < 1e-12)
        #expect(abs(plain.healthFactor! - (70 * 0.8 + 50 * 0.7) / 90) < 1e-14)
        #expect(plain.conditionalVaR == nil)
        let r = try HypotheticalShock.run(text: "A=-30%", shocks: shocks, conditional: true, assets: ["A", "B", "D"],
                                          mean: Self.mu, covariance: Self.sigma, horizon: h, values: values,
                                          debtIndex: 2, thresholds: [0.8, 0.7], debt: 90, confidence: conf)
        let s = Self.sigma, x = log(0.7), hd = Double(h)
        // Others B (1) and D (2) given A over h steps: N(hμ, hΣ) conditioned.
        let m1 = hd * Self.mu[1] + s[1, 0] / s[0, 0] * (x - hd * Self.mu[0])
        let m2 = hd * Self.mu[2] + s[2, 0] / s[0, 0] * (x - hd * Self.mu[0])
        let rhoA = x - m2, rhoB = m1 - m2
        let loss = -(100 * expm1(rhoA) + 50 * expm1(rhoB))
        #expect(abs(r.loss - loss) < 1e-12)
        let c11 = hd * (s[1, 1] - s[1, 0] * s[0, 1] / s[0, 0])
        let c12 = hd * (s[1, 2] - s[1, 0] * s[0, 2] / s[0, 0])
        let c22 = hd * (s[2, 2] - s[2, 0] * s[0, 2] / s[0, 0])
        let gA = 100 * exp(rhoA), gB = 50 * exp(rhoB)
        // L ≈ L0 − gA(ρ_A − m) − gB(ρ_B − m): ∂/∂r_B = −gB, ∂/∂r_D = gA + gB.
        let wB = gB, wD = -(gA + gB)
        let sdL = (wB * wB * c11 + 2 * wB * wD * c12 + wD * wD * c22).squareRoot()
        let z = Normal.quantile(conf)
        #expect(abs(r.conditionalVaR! - (loss + z * sdL)) < 1e-10)
        #expect(abs(r.conditionalES! - (loss + sdL * Normal.pdf(z) / (1 - conf))) < 1e-10)
        #expect(r.conditionalES! > r.conditionalVaR!)
    }

    @Test(arguments: ["BTC", "BTC=-120%", "BTC=x", "BTC=-1%,BTC=-2%", ""])
    func refusesMalformedShocks(text: String) {
        #expect(throws: TailRiskError.self) { _ = try HypotheticalShock.parse(text) }
    }
}
