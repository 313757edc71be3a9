import Foundation
import Testing
@testable import TailRisk

/// Issue 21, item 2: what a brake leaves below HF 1 is reported next to the bad debt.
@Suite struct CascadeLatentTests {
    /// LT 0.93, β 5%: a shock to 90 liquidates the debts above 83.7 and the sales on a thin
    /// market pull the price down to where the lower debts are liquidatable too.
    static let rules = CascadeRules(thresholds: [0.93], bonus: 0.05)
    static let depth = CascadeFixture.depth(sigma: 0.05, adv: 1, y: 1)
    static let book = CascadeFixture.book((0..<45).map { (1, 70 + Double($0) * 0.5) })

    static func braked(_ breaker: Double = 0.01) -> CascadeRules {
        var r = rules
        r.breaker = breaker
        return r
    }

    /// The leftover of a recorded run as a book: what is still to be liquidated.
    static func leftover(_ o: LiquidationCascade.Outcome, of book: AccountBook) -> AccountBook {
        AccountBook(source: "left", accounts: book.accounts, assets: book.assets, debtAsset: book.debtAsset,
                    quantities: o.quantitiesAfter, debts: o.accounts.map(\.debtAfter))
    }

    @Test func breakerLeavesAccountsBelowOneWithTheirDeficit() {
        let free = LiquidationCascade(book: Self.book, rules: Self.rules, depth: Self.depth).run(shocked: [90], record: true)
        let halted = LiquidationCascade(book: Self.book, rules: Self.braked(), depth: Self.depth).run(shocked: [90], record: true)
        #expect(halted.haltedAfter == 1 && free.rounds > 1, "the test needs a cascade the breaker stops")
        // Without a brake nothing is left liquidatable, and the extra figures add nothing.
        #expect(free.accountsBelowOne == 0 && free.latentDeficit == 0 && free.badDebtIfLiquidated == free.badDebt)
        // With it: the accounts still below HF 1 at the final market price, by hand from the per-account records.
        let beta = Self.rules.bonus
        let left = halted.accounts.filter { ($0.healthFactorAfter ?? 2) < 1 && $0.collateralValueAfter > 0 }
        #expect(!left.isEmpty && halted.accountsBelowOne == left.count)
        let latent = left.map { max(0, $0.debtAfter - $0.collateralValueAfter / (1 + beta)) }.reduce(0, +)
        #expect(latent > 0 && abs(halted.latentDeficit - latent) <= 1e-9 * latent)
        #expect(halted.accounts.filter { $0.latentDeficit != nil }.count == left.count)
        let extra = left.map { max(0, $0.debtAfter - $0.collateralValueAfter / (1 + beta)) - $0.badDebt }.reduce(0, +)
        #expect(abs(halted.badDebtIfLiquidated - (halted.badDebt + extra)) <= 1e-9 * halted.badDebtIfLiquidated)
        #expect(halted.badDebtIfLiquidated > halted.badDebt, "the brake hid part of the loss")
    }

    /// The definition's claim: `max(0, d − C/(1 + β))` is what the §9 rules leave at fixed prices,
    /// whatever the close factor. Liquidate the braked run's leftover at its final prices, without
    /// impact or brake, and its bad debt is the reported bad debt if liquidated now.
    @Test(arguments: [(88.0, 0.01), (90.0, 0.01), (90.0, 0.03), (95.0, 0.005)])
    func latentDeficitIsWhatTheRulesLeaveAtFixedPrices(shock: Double, breaker: Double) {
        let halted = LiquidationCascade(book: Self.book, rules: Self.braked(breaker), depth: Self.depth)
            .run(shocked: [shock], record: true)
        let rest = LiquidationCascade(book: Self.leftover(halted, of: Self.book), rules: Self.rules, depth: .none(assets: ["X"]))
            .run(shocked: halted.finalPrices)
        #expect(abs(rest.badDebt - halted.badDebtIfLiquidated) <= 1e-9 * max(1, rest.badDebt),
                "shock \(shock), breaker \(breaker): \(rest.badDebt) vs \(halted.badDebtIfLiquidated)")
        #expect(rest.accountsBelowOne == 0)
    }

    /// Two assets with different thresholds (largest position first): the same claim.
    @Test func latentDeficitOnTwoAssets() {
        let book = AccountBook(source: "t", accounts: (0..<6).map { "a\($0)" }, assets: ["X", "Y"], debtAsset: "USD",
                               quantities: [1, 2, 0.5, 3, 1, 1, 2, 0.2, 0.8, 2.5, 1.5, 0.5],
                               debts: [150, 150, 110, 120, 170, 120])
        let rules = CascadeRules(thresholds: [0.9, 0.75], bonus: 0.08, breaker: 0.01)
        let depth = MarketDepth(assets: ["X", "Y"], volatility: [0.05, 0.08], adv: [1, 2], impact: [1, 1.5])
        let halted = LiquidationCascade(book: book, rules: rules, depth: depth).run(shocked: [95, 40], record: true)
        #expect(halted.haltedAfter != nil && halted.accountsBelowOne > 0, "the test needs accounts left below HF 1")
        let rest = LiquidationCascade(book: Self.leftover(halted, of: book), rules: rules.without(oracle: true, breaker: true),
                                      depth: .none(assets: ["X", "Y"])).run(shocked: halted.finalPrices)
        #expect(abs(rest.badDebt - halted.badDebtIfLiquidated) <= 1e-9 * max(1, rest.badDebt))
    }

    /// The case: the brake reports no bad debt while accounts end below HF 1 and, without it,
    /// the book loses money. LT 0.8: a whale (10 units, debt 810, HF 0.889 at 90) is liquidated in
    /// full with collateral to spare; its sale (σ 10%, ADV 1) takes the price to 90 e^{−0.1 √9.45} =
    /// 66.19, where the small accounts (1 unit, debts 63.2 … 66) are liquidatable (HF 0.80 … 0.84) yet
    /// not under water, with collateral below d(1 + β).
    @Test func brakeShowingNoBadDebtStillReportsTheDeficit() {
        let book = CascadeFixture.book([(10, 810)] + (0..<15).map { (1, 63.2 + Double($0) * 0.2) })
        let rules = CascadeRules(thresholds: [0.8], bonus: 0.05)
        var braked = rules
        braked.breaker = 0.01
        let depth = CascadeFixture.depth(sigma: 0.1, adv: 1, y: 1)
        let free = LiquidationCascade(book: book, rules: rules, depth: depth).run(shocked: [90])
        let halted = LiquidationCascade(book: book, rules: braked, depth: depth).run(shocked: [90], record: true)
        #expect(halted.haltedAfter == 1 && halted.liquidations == 1)
        #expect(halted.badDebt == 0 && free.badDebt > 0, "as given \(halted.badDebt), without the brake \(free.badDebt)")
        let p1 = 90 * exp(-0.1 * 9.45.squareRoot())
        #expect(abs(halted.finalPrices[0] - p1) < 1e-9)
        let expected = (0..<15).map { max(0, 63.2 + Double($0) * 0.2 - p1 / 1.05) }.reduce(0, +)
        #expect(halted.accountsBelowOne == 15 && abs(halted.latentDeficit - expected) < 1e-9)
        #expect(halted.badDebtIfLiquidated == halted.latentDeficit && halted.latentDeficit > 0)
    }

    /// An oracle that lags: 1 unit shocked from 100 to 70, debt 69. The oracle (50% deviation, no
    /// heartbeat) never moves, so nothing is liquidated and no collateral is worth less than the debt;
    /// the latent deficit is 69 − 70/1.05, the bad debt the same run leaves without the lag.
    @Test func oracleLagLeavesTheDeficitOfTheUnliquidatedAccount() {
        let book = CascadeFixture.book([(1, 69)])
        let lagged = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8], oracle: .init(deviation: 0.5)),
                                        depth: .none(assets: ["X"])).run(shocked: [70], oracleStart: [100], record: true)
        #expect(lagged.liquidations == 0 && lagged.badDebt == 0)
        #expect(lagged.accountsBelowOne == 1 && abs(lagged.latentDeficit - (69 - 70 / 1.05)) < 1e-12)
        #expect(abs(lagged.accounts[0].latentDeficit! - lagged.latentDeficit) < 1e-12)
        let prompt = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8]), depth: .none(assets: ["X"]))
            .run(shocked: [70])
        #expect(abs(prompt.badDebt - lagged.badDebtIfLiquidated) < 1e-12)
    }

    /// Dust and collateral-free accounts are not "left below HF 1": nothing can liquidate them.
    @Test func dustAndEmptyAccountsAreNotCounted() {
        let book = CascadeFixture.book([(0, 50), (1, 0.5)])
        var rules = CascadeRules(thresholds: [0.8], bonus: 0.05, oracle: .init(deviation: 0.9))
        rules.dust = 1
        let o = LiquidationCascade(book: book, rules: rules, depth: .none(assets: ["X"])).run(shocked: [0.5], oracleStart: [1])
        #expect(o.accountsBelowOne == 0 && o.badDebt == 50 && o.badDebtIfLiquidated == 50)
    }

    /// Monte Carlo: each shock's figure is its cascade's; the VaR counting the deficit is at least the
    /// bad-debt VaR; without brakes nothing is latent.
    @Test func monteCarloReportsTheDeficitOfEveryShock() throws {
        let model = ScenarioModel(mean: [0], factor: Matrix([[0.05]]))
        let braked = LiquidationCascade(book: Self.book, rules: Self.braked(), depth: Self.depth)
        let r = try CascadeMonteCarlo.run(cascade: braked, prices: [100], model: model,
                                          settings: .init(shocks: 1000, seed: 5, threads: 2))
        #expect(r.probabilityOfAccountsBelowOne > 0 && r.meanLatentDeficit > 0)
        for j in [3, 200, 999] {
            var rng = Xoshiro256PlusPlus(seed: 5, scenario: UInt64(j))
            var z = [0.0]
            z.withUnsafeMutableBufferPointer { rng.fillNormals($0.baseAddress!, count: 1) }
            let direct = braked.run(shocked: [100 * exp(0.05 * z[0])], oracleStart: [100])
            #expect(abs(r.badDebtIfLiquidatedSamples[j] - direct.badDebtIfLiquidated) <= 1e-12 * max(1, direct.badDebtIfLiquidated))
        }
        for (a, b) in zip(r.badDebtIfLiquidated, r.badDebt) { #expect(a.valueAtRisk >= b.valueAtRisk) }
        #expect(zip(r.badDebtIfLiquidatedSamples, r.badDebtSamples).contains { $0 > $1 })
        let free = try CascadeMonteCarlo.run(cascade: LiquidationCascade(book: Self.book, rules: Self.rules, depth: Self.depth),
                                             prices: [100], model: model, settings: .init(shocks: 1000, seed: 5, threads: 2))
        #expect(free.probabilityOfAccountsBelowOne == 0 && free.badDebtIfLiquidatedSamples == free.badDebtSamples)
    }
}
