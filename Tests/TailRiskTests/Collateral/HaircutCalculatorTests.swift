import Foundation
import Testing
@testable import TailRisk

/// `HaircutCalculator.report` against `Fixtures/collateral/report.json`, written
/// by `make_report.py` with NumPy/SciPy (normal ES and Euler allocation of a
/// three-asset basket whose third asset hedges the other two).
@Suite struct HaircutCalculatorTests {
    struct Fixture: Decodable {
        struct Inputs: Decodable {
            let assets: [String]
            let quantities, values, daily_volatility, standalone, allocated: [Double]
            let portfolio, bonus, buffer, credit, debt: Double
            let floors: [String: Double]
            let liquidity_csv: String
        }
        struct Row: Decodable {
            let asset: String
            let standalone, allocated_raw, allocated, addon, lt, lt_allocated, ltv, ltv_allocated: Double
            let lt_clamped, lt_allocated_clamped: Bool
        }
        struct Basket: Decodable {
            let value, haircut_sum, haircut_portfolio, haircut_portfolio_floored, diversification_benefit, credited, max_borrow,
                max_borrow_allocated, health_factor, price_drop, health_factor_allocated, price_drop_allocated: Double
        }
        struct Report: Decodable {
            let inputs: Inputs
            let rows: [Row]
            let basket: Basket
        }
        let report: Report
    }

    static func fixture() throws -> Fixture.Report {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("collateral/report.json")))
        return try JSONDecoder().decode(Fixture.self, from: data).report
    }

    static func run(_ f: Fixture.Report, debt: Double?) throws -> HaircutReport {
        let i = f.inputs
        var policy = HaircutPolicy()
        policy.liquidationBonus = i.bonus
        policy.ltvBuffer = i.buffer
        policy.diversificationCredit = i.credit
        policy.floors = i.floors
        try policy.validate()
        let liquidity = try LiquidityTable.parse(csv: i.liquidity_csv, source: "liquidity.csv")
        return try HaircutCalculator.report(
            assets: i.assets, quantities: i.quantities, values: i.values, standaloneHaircuts: i.standalone,
            allocatedHaircuts: i.allocated, portfolioHaircut: i.portfolio, dailyVolatility: i.daily_volatility,
            liquidity: liquidity, policy: policy, debtAmount: debt)
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return Tolerances.close(a, b, relative: Tolerances.reassociation)
    }

    @Test func matchesTheNumPyReference() throws {
        let f = try Self.fixture()
        let r = try Self.run(f, debt: f.inputs.debt)
        #expect(r.assets.map(\.asset) == f.inputs.assets)
        for (row, want) in zip(r.assets, f.rows) {
            #expect(Self.close(row.standaloneHaircutFloored, want.standalone), "\(row.asset)")
            #expect(Self.close(row.allocatedHaircut, want.allocated_raw), "\(row.asset)")
            #expect(Self.close(row.allocatedHaircutFloored, want.allocated), "\(row.asset)")
            #expect(Self.close(row.liquidityAddon, want.addon), "\(row.asset)")
            #expect(Self.close(row.liquidationThreshold, want.lt), "\(row.asset)")
            #expect(Self.close(row.liquidationThresholdAllocated, want.lt_allocated), "\(row.asset)")
            #expect(Self.close(row.ltv, want.ltv) && Self.close(row.ltvAllocated, want.ltv_allocated), "\(row.asset)")
            #expect(row.liquidationThresholdClampBinds == want.lt_clamped, "\(row.asset)")
            #expect(row.liquidationThresholdAllocatedClampBinds == want.lt_allocated_clamped, "\(row.asset)")
        }
        let b = r.basket, w = f.basket
        #expect(Self.close(b.value, w.value) && Self.close(b.haircutSum, w.haircut_sum))
        #expect(Self.close(b.haircutPortfolio, w.haircut_portfolio))
        #expect(Self.close(b.haircutPortfolioFloored, w.haircut_portfolio_floored))
        #expect(Self.close(b.diversificationBenefit, w.diversification_benefit) && Self.close(b.creditedHaircut, w.credited))
        #expect(Self.close(b.maxBorrow, w.max_borrow) && Self.close(b.maxBorrowAllocated, w.max_borrow_allocated))
        #expect(Self.close(b.healthFactor, w.health_factor) && Self.close(b.priceDropToLiquidation, w.price_drop))
        #expect(Self.close(b.healthFactorAllocated, w.health_factor_allocated))
        #expect(Self.close(b.priceDropToLiquidationAllocated, w.price_drop_allocated))
        #expect(b.debt == f.inputs.debt)
    }

    @Test func hedgeClampsAndRawAllocationsKeepTheSumIdentity() throws {
        let f = try Self.fixture()
        let r = try Self.run(f, debt: nil)
        let hedge = try #require(r.assets.last)
        // The hedge's allocated haircut is negative, so its allocated LT hits 1/(1 + β).
        #expect(hedge.allocatedHaircut < 0 && hedge.liquidationThresholdAllocatedClampBinds)
        #expect(hedge.liquidationThresholdAllocated == 1 / (1 + f.inputs.bonus))
        #expect(!hedge.liquidationThresholdClampBinds)
        let weighted = r.assets.reduce(0) { $0 + $1.weight * $1.allocatedHaircut }
        #expect(abs(weighted - r.basket.haircutPortfolio) <= Tolerances.reassociation * r.basket.haircutPortfolio)
        // Without a debt there is no health factor, but the borrowing power is still reported.
        #expect(r.basket.healthFactor == nil && r.basket.priceDropToLiquidation == nil && r.basket.debt == nil)
        #expect(r.basket.maxBorrow > 0)
    }

    @Test func floorsApplyToStandaloneAndAllocatedHaircuts() throws {
        let f = try Self.fixture()
        let r = try Self.run(f, debt: nil)
        let btc = try #require(r.assets.first { $0.asset == "BTC" })
        let eth = try #require(r.assets.first { $0.asset == "ETH" })
        let hedge = try #require(r.assets.first { $0.asset == "HEDGE" })
        // BTC's floor of 1% is below its haircuts: no effect.
        #expect(btc.floor == 0.01 && !btc.standaloneFloorBinds && !btc.allocatedFloorBinds)
        #expect(btc.standaloneHaircutFloored == btc.standaloneHaircut)
        // ETH's floor of 50% binds for both views; the raw allocated haircut is kept.
        #expect(eth.standaloneFloorBinds && eth.standaloneHaircutFloored == 0.5)
        #expect(eth.allocatedFloorBinds && eth.allocatedHaircutFloored == 0.5 && eth.allocatedHaircut < 0.5)
        #expect(hedge.floor == nil && !hedge.standaloneFloorBinds)
        // H_sum uses the floored standalone haircuts.
        let hsum = r.assets.reduce(0) { $0 + $1.weight * $1.standaloneHaircutFloored }
        #expect(abs(r.basket.haircutSum - hsum) < 1e-15)
    }

    @Test func missingLiquidityRowIsAnError() throws {
        let liquidity = try LiquidityTable.parse(csv: "asset,adv,spread\nBTC,10,0.001\n", source: "liq.csv")
        #expect(throws: TailRiskError.file(path: "liq.csv", line: nil, column: nil, message: "no row for asset 'ETH'")) {
            try HaircutCalculator.report(
                assets: ["BTC", "ETH"], quantities: [1, 1], values: [50, 50], standaloneHaircuts: [0.1, 0.1],
                allocatedHaircuts: [0.09, 0.09], portfolioHaircut: 0.09, dailyVolatility: [0.03, 0.04],
                liquidity: liquidity, policy: HaircutPolicy(), debtAmount: nil)
        }
    }

    @Test func healthFactorExampleThroughTheReport() throws {
        // methods.md §5: $30k ETH and $60k WBTC against $50k. Haircuts chosen so that with
        // β = 0 and buffers 0 the thresholds are 0.83 and 0.78: HF = 1.434.
        var policy = HaircutPolicy()
        policy.liquidationBonus = 0
        policy.ltvBuffer = 0
        let r = try HaircutCalculator.report(
            assets: ["ETH", "WBTC"], quantities: [10, 1], values: [30_000, 60_000], standaloneHaircuts: [0.17, 0.22],
            allocatedHaircuts: [0.17, 0.22], portfolioHaircut: 0.2, dailyVolatility: [0.04, 0.03], liquidity: nil,
            policy: policy, debtAmount: 50_000)
        #expect(abs((r.basket.healthFactor ?? 0) - 1.434) < 1e-12)
        #expect(abs((r.basket.priceDropToLiquidation ?? 0) - (1 - 1 / 1.434)) < 1e-12)
    }
}
