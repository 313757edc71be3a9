import Testing
@testable import TailRisk

/// The check values of methods.md §5 (and the §4 two-asset example for the credit).
@Suite struct CollateralFormulaTests {
    @Test func baselExposureAfterHaircuts() {
        let e = BaselHaircuts.exposure(100, exposureHaircut: 0, collateral: 125, collateralHaircut: 0.20,
                                       currencyHaircut: 0.08)
        #expect(abs(e - 10.0) < 1e-12)
        // Over-collateralised: floored at zero.
        #expect(BaselHaircuts.exposure(100, exposureHaircut: 0, collateral: 200, collateralHaircut: 0.2,
                                       currencyHaircut: 0) == 0)
    }

    @Test func repoAndSecuredLendingScaling() {
        let hM = BaselHaircuts.scale(0.20, from: 10, to: 5)
        #expect(abs(hM * 100 - 14.1421) < 5e-5)
        #expect(abs(BaselHaircuts.remargined(hM, holdingPeriod: 5, remarginDays: 3) * 100 - 16.7332) < 5e-5)
        let secured = BaselHaircuts.scale(0.20, from: 10, to: 20)
        #expect(abs(BaselHaircuts.remargined(secured, holdingPeriod: 20, remarginDays: 1) * 100 - 28.2843) < 5e-5)
        // Daily remargining leaves the haircut unchanged.
        #expect(BaselHaircuts.remargined(0.2, holdingPeriod: 5, remarginDays: 1) == 0.2)
    }

    @Test func healthFactorAndMaxBorrow() {
        let collateral = [30_000.0, 60_000]
        let hf = Liquidation.healthFactor(collateral: collateral, thresholds: [0.83, 0.78], debt: 50_000)
        #expect(abs(hf - 1.434) < 1e-12)
        #expect(abs(Liquidation.maxBorrow(collateral: collateral, ltvs: [0.805, 0.73]) - 67_950) < 1e-9)
        // A uniform fall of 1 − 1/HF brings HF to exactly 1.
        let drop = Liquidation.priceDropToLiquidation(healthFactor: hf)
        let fallen = collateral.map { $0 * (1 - drop) }
        #expect(abs(Liquidation.healthFactor(collateral: fallen, thresholds: [0.83, 0.78], debt: 50_000) - 1) < 1e-12)
    }

    @Test func healthFactorAfterLiquidation() {
        let hf = Liquidation.healthFactorAfterLiquidation(healthFactor: 0.98, threshold: 0.83, bonus: 0.05,
                                                          debt: 100, repaid: 50)
        #expect(abs(hf - 1.0885) < 1e-12)
        // Below LT(1 + β) a liquidation lowers the health factor.
        #expect(Liquidation.healthFactorAfterLiquidation(healthFactor: 0.8, threshold: 0.83, bonus: 0.05,
                                                         debt: 100, repaid: 50) < 0.8)
    }

    @Test func emirCappedCreditOnTheTwoAssetExample() {
        // Normal two-asset example (§4): ΣVaR_i = 9.305391, VaR_p = 8.835529 on a value of 100.
        let z = Normal.quantile(0.99)
        let values = [50.0, 50.0]
        let standalone = [z * 0.035, z * 0.045]
        let sigmaP = (50.0 * 50 * (0.035 * 0.035 + 0.045 * 0.045 + 2 * 0.8 * 0.035 * 0.045)).squareRoot()
        let hp = z * sigmaP / 100
        let hsum = Haircuts.sum(haircuts: standalone, values: values)
        #expect(abs(hsum * 100 - 9.305391) < 5e-7)
        #expect(abs(hp * 100 - 8.835529) < 5e-7)
        #expect(abs(Haircuts.diversificationBenefit(sum: hsum, portfolio: hp) * 100 - 5.0494) < 5e-5)
        #expect(abs(Haircuts.credited(sum: hsum, portfolio: hp) * 100 - 8.929502) < 5e-7)
        #expect(Haircuts.credited(sum: hsum, portfolio: hp, credit: 0) == hsum)
        #expect(abs(Haircuts.credited(sum: hsum, portfolio: hp, credit: 1) - hp) < 1e-15)
    }

    @Test func allocatedHaircutsSumToThePortfolioHaircutValueWeighted() {
        // Euler VaR contributions of the §4 example: 3.805250 and 5.030280, haircuts 7.6105% and 10.0606%.
        let values = [50.0, 50.0]
        let z = Normal.quantile(0.99)
        let s = [0.035, 0.045]
        let cov = [[s[0] * s[0], 0.8 * s[0] * s[1]], [0.8 * s[0] * s[1], s[1] * s[1]]]
        let sigmaV = (0..<2).map { i in cov[i][0] * values[0] + cov[i][1] * values[1] }
        let sigmaP = (values[0] * sigmaV[0] + values[1] * sigmaV[1]).squareRoot()
        let contributions = (0..<2).map { values[$0] * sigmaV[$0] * z / sigmaP }
        let h = Haircuts.allocated(contributions: contributions, values: values)
        #expect(abs(h[0] * 100 - 7.6105) < 5e-5 && abs(h[1] * 100 - 10.0606) < 5e-5)
        let hp = z * sigmaP / 100
        let weighted = zip(Haircuts.valueWeights(values), h).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(weighted - hp) <= 1e-12 * hp)
        // Unequal values: the plain sum of haircuts is not H_p, the weighted sum is.
        let v2 = [80.0, 20.0, 5.0]
        let c2 = [6.0, 1.5, -0.4]
        let h2 = Haircuts.allocated(contributions: c2, values: v2)
        let hp2 = c2.reduce(0, +) / v2.reduce(0, +)
        let weighted2 = zip(Haircuts.valueWeights(v2), h2).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(weighted2 - hp2) <= 1e-12 * hp2)
        #expect(abs(h2.reduce(0, +) - hp2) > 1e-3)
    }

    @Test func squareRootImpact() {
        let s = Liquidation.liquidityAddon(dailyVolatility: 0.04, quantity: 10, adv: 100, spread: 0)
        #expect(abs(s * 100 - 1.2649) < 5e-5)
        #expect(abs(Liquidation.liquidityAddon(dailyVolatility: 0.04, quantity: 10, adv: 100, spread: 0.002) - s - 0.001)
                < 1e-15)
    }

    @Test func morphoIncentive() {
        #expect(abs(Liquidation.morphoIncentive(lltv: 0.77) - 1.074114) < 5e-7)
        // Low LLTVs hit the 1.15 cap.
        #expect(Liquidation.morphoIncentive(lltv: 0.3) == 1.15)
    }

    @Test func liquidationThresholdClamp() {
        let beta = 0.05
        let plain = Liquidation.threshold(haircut: 0.1, addon: 0.01, bonus: beta)
        #expect(abs(plain.value - 0.89 / 1.05) < 1e-15 && !plain.clampBinds)
        // A negative allocated haircut (a hedge) would give LT(1 + β) > 1: clamped to 1/(1 + β).
        let hedge = Liquidation.threshold(haircut: -0.07, addon: 0.005, bonus: beta)
        #expect(hedge.clampBinds && hedge.value == 1 / 1.05 && hedge.unclamped > hedge.value)
        // Haircut plus add-on above 1: clamped to 0, and the LTV to 0.
        let dead = Liquidation.threshold(haircut: 0.98, addon: 0.05, bonus: beta)
        #expect(dead.clampBinds && dead.value == 0)
        #expect(Liquidation.loanToValue(threshold: dead.value, buffer: 0.05) == 0)
        #expect(abs(Liquidation.loanToValue(threshold: 0.83, buffer: 0.025) - 0.805) < 1e-15)
    }

    @Test func stressBlend() {
        let current = Matrix([[1, 0.2], [0.2, 2]])
        let stressed = Matrix([[3, 1.4], [1.4, 4]])
        let blended = StressBlend.covariance(current: current, stressed: stressed, weight: 0.25)
        #expect(blended.maxAbsDifference(Matrix([[1.5, 0.5], [0.5, 2.5]])) < 1e-15)
        #expect(StressBlend.covariance(current: current, stressed: stressed, weight: 0) == current)
        #expect(StressBlend.covariance(current: current, stressed: stressed, weight: 1) == stressed)
    }
}
