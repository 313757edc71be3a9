import Foundation
import Testing
@testable import TailRisk

/// Books and depths for the cascade tests.
enum CascadeFixture {
    /// One asset `X`, accounts given as (collateral units, debt).
    static func book(_ accounts: [(Double, Double)]) -> AccountBook {
        AccountBook(source: "test", accounts: accounts.indices.map { "a\($0)" }, assets: ["X"], debtAsset: "USD",
                    quantities: accounts.map(\.0), debts: accounts.map(\.1))
    }

    static func depth(sigma: Double, adv: Double, y: Double) -> MarketDepth {
        MarketDepth(assets: ["X"], volatility: [sigma], adv: [adv], impact: [y])
    }

    /// Accounts 1 unit each at price 100 with debts spread between 60 and 79 (LT 0.8: HF 1.33 … 1.01).
    static let ladder: AccountBook = book((0..<40).map { (1, 60 + Double($0) * 0.475) })
}

@Suite struct LiquidationCascadeTests {
    let rules = CascadeRules(thresholds: [0.8], bonus: 0.05)

    /// methods.md §9: 1 unit shocked to 70, debt 60, LT 0.8, β = 5%.
    @Test func checkValueWithoutImpact() {
        let c = LiquidationCascade(book: CascadeFixture.book([(1, 60)]), rules: rules, depth: .none(assets: ["X"]))
        let o = c.run(shocked: [70], record: true)
        #expect(abs(o.accounts[0].healthFactorBefore! - 0.933333) < 1e-6)
        #expect(abs(o.soldUnits[0] - 0.9) < 1e-12)
        #expect(o.finalPrices == [70] && o.rounds == 1 && o.badDebt == 0 && !o.capped)
        #expect(abs(o.repaid - 60) < 1e-12 && abs(o.liquidatedValue - 63) < 1e-12)
    }

    @Test func checkValueWithImpact() {
        let c = LiquidationCascade(book: CascadeFixture.book([(1, 60)]), rules: rules,
                                   depth: CascadeFixture.depth(sigma: 0.05, adv: 10, y: 1))
        let o = c.run(shocked: [70], record: true)
        #expect(abs(o.finalPrices[0] - 68.957836) < 5e-7)
        #expect(o.roundTable.count == 1 && abs(o.roundTable[0].sold[0] - 0.9) < 1e-12)
    }

    @Test func conservesCollateralAndDebt() {
        let book = AccountBook(source: "t", accounts: ["a", "b", "c", "d"], assets: ["X", "Y"], debtAsset: "USD",
                               quantities: [1, 2, 0, 5, 3, 0, 1, 1], debts: [150, 60, 200, 0])
        let depth = MarketDepth(assets: ["X", "Y"], volatility: [0.05, 0.08], adv: [5, 20], impact: [1, 1.5])
        let c = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8, 0.7], bonus: 0.08), depth: depth)
        let o = c.run(shocked: [80, 30], record: true)
        #expect(o.liquidations >= 2)
        for a in 0..<2 {
            let left = (0..<4).map { o.quantitiesAfter[$0 * 2 + a] }.reduce(0, +)
            #expect(abs(o.soldUnits[a] + left - book.totalQuantities[a]) < 1e-9)
        }
        #expect(abs(o.repaid + o.debtLeft - book.totalDebt) < 1e-9)
        for (k, acc) in o.accounts.enumerated() {
            #expect(abs(acc.repaid + acc.debtAfter - book.debts[k]) < 1e-9)
        }
        #expect(abs(o.accounts.map(\.badDebt).reduce(0, +) - o.badDebt) < 1e-9)
    }

    /// Insufficient collateral: 1 unit at 70, debt 69: seize all, repay 70/1.05, the rest is bad debt.
    @Test func insufficientCollateralSeizesAll() {
        let c = LiquidationCascade(book: CascadeFixture.book([(1, 69)]), rules: rules, depth: .none(assets: ["X"]))
        let o = c.run(shocked: [70], record: true)
        #expect(o.soldUnits == [1] && abs(o.repaid - 70 / 1.05) < 1e-12)
        #expect(abs(o.badDebt - (69 - 70 / 1.05)) < 1e-12)
        #expect(abs(o.repaid + o.badDebt - 69) < 1e-12)
        #expect(o.accounts[0].collateralValueAfter == 0)
    }

    /// methods.md §5: HF 0.98, LT 0.83, β 5%, D 100, repay 50 → HF' = HF + r(HF − LT(1+β))/(D − r) = 1.0885.
    @Test func healthFactorAfterOneLiquidation() {
        let units = 0.98 * 100 / 0.83
        let c = LiquidationCascade(book: CascadeFixture.book([(units, 100)]),
                                   rules: CascadeRules(thresholds: [0.83], bonus: 0.05), depth: .none(assets: ["X"]))
        let o = c.run(shocked: [1], record: true)
        #expect(o.rounds == 1 && abs(o.repaid - 50) < 1e-12)
        #expect(abs(o.accounts[0].healthFactorAfter! - 1.0885) < 1e-12)
    }

    /// On a one-asset book more impact (Y) or a thinner market (ADV) never reduces bad debt.
    @Test func badDebtMonotoneInImpact() {
        let book = CascadeFixture.ladder
        func bad(_ y: Double, _ adv: Double) -> Double {
            LiquidationCascade(book: book, rules: rules, depth: CascadeFixture.depth(sigma: 0.05, adv: adv, y: y))
                .run(shocked: [90]).badDebt
        }
        let ys = [0, 0.5, 1, 2, 4, 8]
        let byY = ys.map { bad($0, 10) }
        let byADV = [1000, 100, 10, 3, 1, 0.3].map { bad(1, $0) }
        for s in [byY, byADV] {
            for i in 1..<s.count { #expect(s[i] >= s[i - 1] - 1e-9, "\(s)") }
            #expect(s.last! > s.first!, "the ladder should leave more bad debt with deep impact: \(s)")
        }
    }

    @Test func oracleLagWaitsForHeartbeat() {
        let book = CascadeFixture.book([(1, 60)])
        let stale = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8], oracle: .init(deviation: 0.5)),
                                       depth: .none(assets: ["X"])).run(shocked: [70], oracleStart: [100])
        #expect(stale.liquidations == 0 && stale.rounds == 0)
        let beat = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8], oracle: .init(deviation: 0.5, heartbeat: 3)),
                                      depth: .none(assets: ["X"])).run(shocked: [70], oracleStart: [100], record: true)
        #expect(beat.liquidations == 1 && beat.rounds == 3)
        #expect(beat.roundTable.map(\.liquidations) == [0, 0, 1])
    }

    @Test func breakerHaltsAndCapBinds() {
        let book = CascadeFixture.ladder
        let depth = CascadeFixture.depth(sigma: 0.05, adv: 1, y: 1)
        let free = LiquidationCascade(book: book, rules: rules, depth: depth).run(shocked: [90])
        #expect(free.rounds >= 2, "the ladder must cascade for this test")
        var braked = rules
        braked.breaker = 0.01
        let halted = LiquidationCascade(book: book, rules: braked, depth: depth).run(shocked: [90])
        #expect(halted.haltedAfter == 1 && halted.rounds == 1 && halted.liquidations < free.liquidations)
        var short = rules
        short.maxRounds = 1
        let capped = LiquidationCascade(book: book, rules: short, depth: depth).run(shocked: [90])
        #expect(capped.capped && capped.rounds == 1 && !free.capped)
    }

    @Test func rulesRefuseBadSettings() throws {
        #expect(throws: TailRiskError.self) { try CascadeRules(thresholds: [-0.1]).validate(assets: ["X"]) }
        #expect(throws: TailRiskError.self) { try CascadeRules(thresholds: [0.97], bonus: 0.05).validate(assets: ["X"]) }
        #expect(throws: TailRiskError.self) { try CascadeRules(thresholds: [0.8], breaker: 0).validate(assets: ["X"]) }
        #expect(throws: TailRiskError.self) {
            try CascadeRules(thresholds: [0.8], oracle: .init(deviation: 0.01, heartbeat: 0)).validate(assets: ["X"])
        }
        try CascadeRules(thresholds: [0.8], oracle: .init(deviation: 0.005, heartbeat: 3), breaker: 0.15).validate(assets: ["X"])
    }
}
