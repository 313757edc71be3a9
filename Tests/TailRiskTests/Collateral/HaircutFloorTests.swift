import Testing
@testable import TailRisk

/// Floors enter both sides of the diversification benefit (issue 12):
/// `H_sum = Σ a_i max(H_i, f_i)`, `H_p' = Σ a_i max(h_i, f_i)`, benefit
/// `1 − H_p'/H_sum`, credited `max(H_sum − κ(H_sum − H_p'), H_p')`.
/// The baskets are worked out by hand in the comments.
@Suite struct HaircutFloorTests {
    static func report(standalone: [Double], allocated: [Double], portfolio: Double,
                       floors: [String: Double], kappa: Double = 0.8) throws -> HaircutReport {
        var policy = HaircutPolicy()
        policy.floors = floors
        policy.diversificationCredit = kappa
        try policy.validate()
        return try HaircutCalculator.report(
            assets: ["A", "B"], quantities: [1, 1], values: [50, 50], standaloneHaircuts: standalone,
            allocatedHaircuts: allocated, portfolioHaircut: portfolio, dailyVolatility: [0.03, 0.04],
            liquidity: nil, policy: policy, debtAmount: nil)
    }

    /// Two assets of equal value (a = ½, ½). A: H = 20%, h = 18%, floor 30%;
    /// B: H = 50%, h = 40%, no floor. H_p = ½·18% + ½·40% = 29%.
    /// H_sum = ½·30% + ½·50% = 40%.
    /// Old rule (H_p unfloored): benefit 1 − 29/40 = 27.5%, credited 40% − 0.8·11% = 31.2%,
    ///   below the floored allocated basket ½·30% + ½·40% = 35%.
    /// New rule: H_p' = 35%, benefit 1 − 35/40 = 12.5%, credited 40% − 0.8·5% = 36% ≥ 35%.
    @Test func floorsOnBothSidesShrinkTheInflatedBenefit() throws {
        let r = try Self.report(standalone: [0.20, 0.50], allocated: [0.18, 0.40], portfolio: 0.29,
                                floors: ["A": 0.30])
        let b = r.basket
        #expect(abs(b.haircutSum - 0.40) < 1e-15)
        #expect(abs(b.haircutPortfolio - 0.29) < 1e-15)
        #expect(abs(b.haircutPortfolioFloored - 0.35) < 1e-15)
        #expect(abs((b.diversificationBenefit ?? .nan) - 0.125) < 1e-14)
        #expect(abs(b.creditedHaircut - 0.36) < 1e-14)
        // The old benefit, 1 − H_p/H_sum, would have been 27.5%.
        #expect(abs(Haircuts.diversificationBenefit(sum: b.haircutSum, portfolio: b.haircutPortfolio) - 0.275) < 1e-14)
        // The credited haircut is never below the floored allocated haircuts' value-weighted sum.
        let flooredAllocated = r.assets.reduce(0) { $0 + $1.weight * $1.allocatedHaircutFloored }
        #expect(b.creditedHaircut >= flooredAllocated - 1e-15)
    }

    /// Without a binding floor H_p' is H_p to the bit and the benefit is the classic one:
    /// H_sum = ½·20% + ½·50% = 35%, benefit 1 − 29/35, credited 35% − 0.8·6% = 30.2%.
    @Test func noBindingFloorLeavesThePortfolioHaircut() throws {
        let r = try Self.report(standalone: [0.20, 0.50], allocated: [0.18, 0.40], portfolio: 0.29,
                                floors: ["A": 0.05])
        #expect(r.basket.haircutPortfolioFloored == r.basket.haircutPortfolio)
        #expect(abs((r.basket.diversificationBenefit ?? .nan) - (1 - 29.0 / 35.0)) < 1e-14)
        #expect(abs(r.basket.creditedHaircut - 0.302) < 1e-14)
    }

    /// The `max(…, H_p')` of the credited haircut binds when the floored
    /// allocated haircuts exceed the standalone ones (VaR is not subadditive).
    /// A: H = 10%, h = 5%, floor 20%; B: H = 10%, h = 15%. H_p = 10%.
    /// H_sum = ½·20% + ½·10% = 15%; H_p' = ½·20% + ½·15% = 17.5%;
    /// benefit 1 − 17.5/15 = −1/6; H_sum − κ(H_sum − H_p') = 15% + 0.8·2.5% = 17% < 17.5%: credited 17.5%.
    @Test func creditedNeverFallsBelowTheFlooredPortfolioHaircut() throws {
        let r = try Self.report(standalone: [0.10, 0.10], allocated: [0.05, 0.15], portfolio: 0.10,
                                floors: ["A": 0.20])
        let b = r.basket
        #expect(abs(b.haircutSum - 0.15) < 1e-15)
        #expect(abs(b.haircutPortfolioFloored - 0.175) < 1e-15)
        #expect(abs((b.diversificationBenefit ?? .nan) + 1.0 / 6.0) < 1e-14)
        #expect(abs(b.creditedHaircut - 0.175) < 1e-15)
    }

    @Test func flooredPortfolioMatchesTheValueWeightedSum() {
        // Σ a_i max(h_i, f_i) with a = (0.2, 0.3, 0.5): 0.2·0.3 + 0.3·0.1 + 0.5·0.25 = 0.215.
        let hp = 0.2 * 0.1 + 0.3 * 0.1 + 0.5 * 0.25
        let v = Haircuts.flooredPortfolio(portfolio: hp, allocated: [0.1, 0.1, 0.25], floors: [0.3, nil, 0.2],
                                          values: [20, 30, 50])
        #expect(abs(v - 0.215) < 1e-15)
    }
}
