import Foundation
import Testing
@testable import TailRisk

@Suite struct CascadeMonteCarloTests {
    /// A normal model of one relative log return with daily σ.
    static func model(mean: Double, sigma: Double) -> ScenarioModel {
        ScenarioModel(mean: [mean], factor: Matrix([[sigma]]))
    }

    static let book = CascadeFixture.ladder
    static let rules = CascadeRules(thresholds: [0.8], bonus: 0.05)

    @Test func sameResultForAnyThreadCount() throws {
        let c = LiquidationCascade(book: Self.book, rules: Self.rules, depth: CascadeFixture.depth(sigma: 0.05, adv: 5, y: 1))
        func run(_ threads: Int) throws -> CascadeMonteCarlo.Result {
            try CascadeMonteCarlo.run(cascade: c, prices: [100], model: Self.model(mean: 0, sigma: 0.1),
                                      settings: .init(shocks: 9000, seed: 7, threads: threads))
        }
        let one = try run(1), two = try run(2)
        #expect(one.badDebtSamples == two.badDebtSamples && one.liquidationSamples == two.liquidationSamples)
        #expect(one.accountBadDebt == two.accountBadDebt)
        #expect(one.badDebt.map(\.valueAtRisk) == two.badDebt.map(\.valueAtRisk))
        #expect(one.probabilityOfBadDebt > 0 && one.probabilityOfBadDebt < 1, "the test needs some bad debt")
    }

    /// Each shock is the model's scenario j: redo shock 17 by hand, and the VaR is the order statistic.
    @Test func shocksAndQuantilesFromTheirDefinitions() throws {
        let depth = CascadeFixture.depth(sigma: 0.05, adv: 5, y: 1)
        let c = LiquidationCascade(book: Self.book, rules: Self.rules, depth: depth)
        let model = Self.model(mean: -0.01, sigma: 0.1)
        let r = try CascadeMonteCarlo.run(cascade: c, prices: [100], model: model,
                                          settings: .init(shocks: 2000, seed: 11, threads: 2))
        var rng = Xoshiro256PlusPlus(seed: 11, scenario: 17)
        var z = [0.0]
        z.withUnsafeMutableBufferPointer { rng.fillNormals($0.baseAddress!, count: 1) }
        let direct = c.run(shocked: [100 * exp(-0.01 + 0.1 * z[0])]).badDebt
        #expect(abs(r.badDebtSamples[17] - direct) <= 1e-12 * max(1, direct))
        let sorted = r.badDebtSamples.sorted(by: >)
        #expect(r.badDebt[1].valueAtRisk == sorted[Int((2000 * 0.01).rounded(.up)) - 1])
        #expect(r.badDebt[0].valueAtRisk == sorted[Int((2000 * 0.05).rounded(.up)) - 1])
        let interval = r.badDebt[1].valueAtRiskInterval!
        #expect(interval.lowerBound <= r.badDebt[1].valueAtRisk && r.badDebt[1].valueAtRisk <= interval.upperBound)
        #expect(abs(r.accountBadDebt.reduce(0, +) - r.meanBadDebt) < 1e-9 * max(1, r.meanBadDebt))
        #expect(abs(r.assetBadDebt[0] - r.meanBadDebt) < 1e-9 * max(1, r.meanBadDebt))
    }

    /// The per-asset split of each shock's bad debt adds up to it when every account holds collateral: each
    /// asset's share is at most the whole in every shock (so is its VaR), and ES is subadditive.
    @Test func assetSplitAddsUp() throws {
        let book = AccountBook(source: "t", accounts: ["a", "b", "c"], assets: ["X", "Y"], debtAsset: "USD",
                               quantities: [1, 1, 0, 3, 2, 0], debts: [150, 200, 160])
        let c = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8, 0.7]),
                                   depth: MarketDepth(assets: ["X", "Y"], volatility: [0.05, 0.05], adv: [1, 2], impact: [1, 1]))
        let model = ScenarioModel(mean: [0, 0], factor: Matrix([[0.2, 0], [0.1, 0.2]]))
        let r = try CascadeMonteCarlo.run(cascade: c, prices: [100, 100], model: model,
                                          settings: .init(shocks: 500, threads: 2, assetTails: true))
        let split = try #require(r.assetBadDebtRisk)
        for l in r.badDebt.indices {
            let whole = r.badDebt[l]
            #expect(split[0][l].valueAtRisk <= whole.valueAtRisk && split[1][l].valueAtRisk <= whole.valueAtRisk)
            #expect(split[0][l].expectedShortfall + split[1][l].expectedShortfall >= whole.expectedShortfall * (1 - 1e-12))
        }
        #expect(abs(r.assetBadDebt[0] + r.assetBadDebt[1] - r.meanBadDebt) <= 1e-9 * max(1, r.meanBadDebt))
        #expect(r.badDebtSamples.contains { $0 > 0 } && split[1][1].valueAtRisk > 0)
    }

    @Test func tooFewShocksAreRefused() {
        let c = LiquidationCascade(book: Self.book, rules: Self.rules, depth: .none(assets: ["X"]))
        #expect(throws: TailRiskError.self) {
            try CascadeMonteCarlo.run(cascade: c, prices: [100], model: Self.model(mean: 0, sigma: 0.1),
                                      settings: .init(shocks: 50))
        }
    }

    /// One account, 1 unit at 100, borrowing 90% of its borrowing power (LTV = LT − 0.05), every
    /// shock −30% (σ = 0), no impact, β = 5%. Bad debt appears iff the debt exceeds 70/1.05 (below
    /// that every liquidation leaves C ≥ 1.05 d), i.e. iff 0.9 · 100 · (x − 0.05) > 66.667, x > 0.79074.
    @Test func recommendationOnAHandSolvableBook() throws {
        let book = CascadeFixture.book([(1, 0.9 * 100 * (0.8 - 0.05))])
        let c = LiquidationCascade(book: book, rules: CascadeRules(thresholds: [0.8], bonus: 0.05), depth: .none(assets: ["X"]))
        let grid = try ThresholdRecommendation.Settings.grid(from: 0.70, to: 0.90, step: 0.01)
        #expect(grid.count == 21)
        let result = try ThresholdRecommendation.run(
            cascade: c, prices: [100], model: Self.model(mean: log(0.7), sigma: 0),
            monteCarlo: .init(shocks: 100), settings: .init(grid: grid, level: ConfidenceLevel(0.99), tolerance: 1e-9))
        #expect(result.count == 1)
        #expect(result[0].recommended.map { abs($0 - 0.79) < 1e-9 } == true, "\(result[0].points.map { ($0.threshold, $0.badDebtVaR) })")
        // The re-levered debt at x = 0.85 is 0.9 · 100 · 0.8.
        let p = result[0].points.first { abs($0.threshold - 0.85) < 1e-9 }!
        #expect(abs(p.totalDebt - 72) < 1e-9 && p.badDebtVaR > 0)
    }
}
