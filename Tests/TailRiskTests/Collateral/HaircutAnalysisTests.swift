import Foundation
import Testing
@testable import TailRisk

@Suite struct HaircutAnalysisTests {
    /// Daily prices of BTC (σ 3.5%), ETH (σ 4.5%, ρ 0.8 with BTC) and a USDC
    /// that barely moves, from a seeded normal path; `stressFrom` multiplies
    /// the volatilities by 3 from that row on.
    static func table(days: Int = 600, stressFrom: Int? = nil) -> PriceTable {
        var rng = Xoshiro256PlusPlus(seed: 7, unit: 0)
        let rho = 0.8
        var prices = Matrix(rows: days, cols: 3)
        var p = [20_000.0, 1_500.0, 1.0]
        for t in 0..<days {
            if t > 0 {
                let z1 = Normal.quantile(rng.nextUniformPositive()), z2 = Normal.quantile(rng.nextUniformPositive())
                let z3 = Normal.quantile(rng.nextUniformPositive())
                let k = (stressFrom.map { t >= $0 } ?? false) ? 3.0 : 1.0
                p[0] *= exp(k * 0.035 * z1)
                p[1] *= exp(k * 0.045 * (rho * z1 + (1 - rho * rho).squareRoot() * z2))
                p[2] *= exp(0.0005 * z3)
            }
            for j in 0..<3 { prices[t, j] = p[j] }
        }
        let start = Day(year: 2021, month: 1, day: 1)!.daysSinceEpoch
        return PriceTable(source: "synthetic.csv", layout: .wide, assets: ["BTC", "ETH", "USDC"],
                          dates: (0..<days).map { Day(daysSinceEpoch: start + $0) }, prices: prices)
    }

    static func settings(_ collateral: [(String, Double)], debt: String? = nil, scenarios: Int = 50_000,
                         configure: (inout HaircutPolicy) -> Void = { _ in }) -> HaircutAnalysis.Settings {
        var policy = HaircutPolicy()
        policy.collateral = collateral.map { HaircutPolicy.Position(asset: $0.0, quantity: $0.1) }
        policy.debtAsset = debt
        policy.scenarios = scenarios
        configure(&policy)
        return HaircutAnalysis.Settings(policy: policy, simulation: SimulationSettings(threads: 2))
    }

    static func close(_ x: Double, _ y: Double, _ rel: Double) -> Bool { abs(x - y) <= rel * abs(y) }

    /// methods.md §4: $50 BTC (σ 3.5%), $50 ETH (σ 4.5%), ρ 0.8, linear P&L, 1 day, 99%,
    /// zero mean. VaR: portfolio 8.835529, standalone 8.142218 + 10.468566 = 18.610784 / 2,
    /// Euler haircuts 7.6105%, 10.0606%, credited 8.929502%; ES = VaR × 2.665214/2.326348.
    @Test(arguments: [HaircutPolicy.Measure.var, .es])
    func twoAssetExampleOfSection4(measure: HaircutPolicy.Measure) throws {
        let cov = Matrix([[0.035 * 0.035, 0.8 * 0.035 * 0.045], [0.8 * 0.035 * 0.045, 0.045 * 0.045]])
        var s = Self.settings([("BTC", 50 / 20_000), ("ETH", 50 / 1_500)], scenarios: 100_000) { $0.measure = measure }
        s.pnl = .linear
        let o = try HaircutAnalysis.simulate(assets: ["BTC", "ETH"], quantities: [0.0025, 50.0 / 1_500],
                                             values: [50, 50], model: try RiskModel.given(mean: [0, 0], covariance: cov),
                                             policy: s.policy, settings: s)
        let f = measure == .var ? 1 : 2.665214 / 2.326348
        let r = o.report
        #expect(Self.close(r.basket.haircutPortfolio, 0.08835529 * f, 0.02))
        #expect(Self.close(r.assets[0].standaloneHaircut, 0.035 * 2.326348 * f, 0.02))
        #expect(Self.close(r.assets[1].standaloneHaircut, 0.045 * 2.326348 * f, 0.02))
        #expect(Self.close(r.basket.haircutSum, 0.09305391 * f, 0.02))
        #expect(Self.close(r.basket.creditedHaircut, 0.08929502 * f, 0.02))
        #expect(Self.close(r.assets[0].allocatedHaircut, 0.076105 * f, 0.04))
        #expect(Self.close(r.assets[1].allocatedHaircut, 0.100606 * f, 0.04))
        // The value-weighted allocated haircuts are the portfolio haircut, to rounding.
        let weighted = r.assets.reduce(0) { $0 + $1.weight * $1.allocatedHaircut }
        #expect(abs(weighted - r.basket.haircutPortfolio) <= 1e-12 * r.basket.haircutPortfolio)
    }

    /// The §4 example's analytic figures through the report: the §5 check value
    /// of the EMIR-capped credit, 8.929502, and the diversification benefit 5.0494%.
    @Test func sectionFourFiguresThroughTheReport() throws {
        var policy = HaircutPolicy()
        policy.debtAmount = 40
        let r = try HaircutCalculator.report(
            assets: ["BTC", "ETH"], quantities: [1, 1], values: [50, 50],
            standaloneHaircuts: [0.035 * 2.326348, 0.045 * 2.326348], allocatedHaircuts: [0.0761050, 0.1006056],
            portfolioHaircut: 0.08835529, dailyVolatility: [0.035, 0.045], liquidity: nil, policy: policy,
            debtAmount: 40)
        #expect(abs(r.basket.haircutSum - 0.09305391) < 1e-7)
        #expect(abs(r.basket.creditedHaircut - 0.08929502) < 1e-7)
        #expect(abs((r.basket.diversificationBenefit ?? 0) - 0.050494) < 1e-6)
        // LT = (1 − H)/(1.05); HF = Σ C_i LT_i / D.
        let hf = (50 * (1 - 0.035 * 2.326348) + 50 * (1 - 0.045 * 2.326348)) / 1.05 / 40
        #expect(abs((r.basket.healthFactor ?? 0) - hf) < 1e-12)
    }

    /// Wrong-way risk: BTC against ETH debt moves with σ(r_B − r_E) = √(3.5² + 4.5² − 2·0.8·3.5·4.5)%
    /// = 2.70%, against dollar debt with 3.5%, so its haircut against ETH is smaller by about that ratio.
    @Test func debtAssetChangesTheHaircut() throws {
        let table = Self.table()
        let usd = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)]))
        let eth = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)], debt: "ETH"))
        #expect(usd.numeraire == .currency("USD") && eth.numeraire == .asset("ETH"))
        let hUSD = usd.primary.report.assets[0].standaloneHaircut
        let hETH = eth.primary.report.assets[0].standaloneHaircut
        let c = eth.estimate.covariance, cu = usd.estimate.covariance
        #expect(hETH < 0.9 * hUSD)
        // The ratio follows the volatilities of the two numéraires' returns (ES of a near-normal law).
        #expect(Self.close(hETH / hUSD, (c[0, 0] / cu[0, 0]).squareRoot(), 0.06))
        // Values are in units of the debt asset: q·P_BTC/P_ETH.
        let last = table.prices.rows - 1
        #expect(Self.close(eth.values[0], table.prices[last, 0] / table.prices[last, 1], 1e-14))
        // USDC as the debt asset is nearly the dollar.
        let usdc = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)], debt: "USDC"))
        #expect(Self.close(usdc.primary.report.assets[0].standaloneHaircut, hUSD, 0.03))
    }

    @Test func squareRootScalingMultipliesTheOneStepFigures() throws {
        let table = Self.table()
        let one = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1), ("ETH", 10)], debt: "USDC"))
        let four = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1), ("ETH", 10)], debt: "USDC") {
            $0.horizon = 4
            $0.horizonMethod = .sqrt
        })
        for (a, b) in zip(one.primary.report.assets, four.primary.report.assets) {
            #expect(Self.close(b.standaloneHaircut, 2 * a.standaloneHaircut, 1e-14))
            #expect(Self.close(b.allocatedHaircut, 2 * a.allocatedHaircut, 1e-14))
        }
        #expect(four.horizonTreatment.contains("√4"))
        let simulated = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)], debt: "USDC") {
            $0.horizon = 4
        })
        #expect(simulated.horizonTreatment.contains("4-step"))
    }

    /// A long position cannot lose more than its value: √h-scaled haircuts above
    /// 100% are capped and noted, and a horizon longer than the history is noted.
    @Test func squareRootScalingIsCappedAtTheValue() throws {
        let table = Self.table(days: 200)
        let settings = Self.settings([("BTC", 1), ("ETH", 10)], debt: "USDC", scenarios: 20_000) {
            $0.horizon = 5_000
            $0.horizonMethod = .sqrt
        }
        let one = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1), ("ETH", 10)], debt: "USDC",
                                                                                scenarios: 20_000))
        let big = try HaircutAnalysis.run(table: table, settings: settings)
        // Unscaled, both one-day haircuts are a few percent: √5000 ≈ 70.7 pushes them past 100%.
        for row in one.primary.report.assets { #expect(row.standaloneHaircut * 5_000.squareRoot() > 1) }
        for row in big.primary.report.assets {
            #expect(row.standaloneHaircut == 1 && row.allocatedHaircut == 1)
        }
        #expect(big.primary.report.basket.haircutPortfolio == 1)
        #expect(big.primary.portfolioMeasure == big.values.reduce(0, +))
        #expect(big.primary.cappedAssets == ["BTC", "ETH"] && big.primary.portfolioCapped)
        #expect(big.notes.contains("horizon 5000 exceeds the 199 returns of history"), "\(big.notes)")
        #expect(big.notes.contains(
            "the √5000 scaling gave losses above 100% of value; haircuts capped at 100% for BTC, ETH, the portfolio"),
                "\(big.notes)")
        // Below 100% nothing changes and nothing is noted.
        #expect(one.primary.cappedAssets.isEmpty && !one.primary.portfolioCapped)
        #expect(!one.notes.contains { $0.contains("capped") || $0.contains("exceeds") })
    }

    @Test func stressBlendUsesTheStressedCovariance() throws {
        let table = Self.table(days: 400, stressFrom: 300)
        let window = HaircutPolicy.StressWindow(from: table.dates[300], to: table.dates[399])
        let a = try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1), ("ETH", 10)], debt: "USDC") {
            $0.stressWindow = window
        })
        let s = try #require(a.stressed), sEst = try #require(a.stressedEstimate)
        #expect(a.policy.stressWeight == 0.25)
        let want = StressBlend.covariance(current: a.estimate.covariance, stressed: sEst.covariance, weight: 0.25)
        #expect(zip(s.covariance.storage, want.storage).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) + 1e-18 })
        #expect(s.report.basket.haircutPortfolio > a.current.report.basket.haircutPortfolio)
        // 9× the variance in the window against about 3× over the whole sample.
        #expect(sEst.covariance[0, 0] > 2 * a.estimate.covariance[0, 0])
    }

    @Test func badInputsAreRejected() {
        let table = Self.table(days: 50)
        #expect(throws: TailRiskError.invalidParameter(
            .collateral, message: "unknown asset 'SOL' (synthetic.csv has: BTC, ETH, USDC)")) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("SOL", 1)]))
        }
        #expect(throws: TailRiskError.invalidParameter(
            .debtAsset,
            message: "unknown debt asset 'DAI': neither a column of the prices (BTC, ETH, USDC) nor the price currency 'USD' (set it with --currency)")) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)], debt: "DAI"))
        }
        #expect(throws: TailRiskError.invalidParameter(.debtAsset, message: "'ETH' is both the debt asset and collateral")) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("ETH", 1)], debt: "ETH"))
        }
        #expect(throws: TailRiskError.invalidParameter(.collateral, message: "the quantity of BTC must be positive, got 0.0")) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 0)]))
        }
        #expect(throws: (any Error).self) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([]))
        }
        #expect(throws: (any Error).self) {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)]) {
                $0.model.law = .bootstrap
                $0.stressWindow = HaircutPolicy.StressWindow(from: table.dates[10], to: table.dates[40])
            })
        }
    }

    /// A value `q·P` that underflows to 0 or overflows to ∞ is an input error, not a crash.
    @Test func collateralValuesMustBePositiveAndFinite() throws {
        let base = Self.table(days: 50)
        var prices = base.prices.matrix
        for t in 0..<prices.rows { prices[t, 0] *= 1e-304 }
        let tiny = PriceTable(source: "tiny.csv", layout: .wide, assets: base.assets, dates: base.dates, prices: prices)
        let p = tiny.prices[tiny.prices.rows - 1, 0]
        #expect(p > 1e-301 && p < 1e-299)
        #expect(throws: TailRiskError.invalidParameter(
            .collateral, message: "BTC: value 0.0 in USD (1e-30 × \(p)) is not a positive finite amount")) {
            try HaircutAnalysis.run(table: tiny, settings: Self.settings([("BTC", 1e-30)]))
        }
        let q = base.prices[base.prices.rows - 1, 1]
        #expect(throws: TailRiskError.invalidParameter(
            .collateral, message: "ETH: value inf in USD (1e+308 × \(q)) is not a positive finite amount")) {
            try HaircutAnalysis.run(table: base, settings: Self.settings([("BTC", 1), ("ETH", 1e308)]))
        }
        #expect(throws: TailRiskError.invalidParameter(
            .collateral, message: "the basket's total value in USD is not finite")) {
            let last = base.prices.rows - 1
            try HaircutAnalysis.run(table: base, settings: Self.settings([("BTC", 1e308 / base.prices[last, 0]),
                                                                          ("ETH", 1e308 / base.prices[last, 1])]))
        }
    }

    @Test func gridPutsSimulatedNextToScaled() throws {
        let table = Self.table(days: 200)
        let grid = try HaircutGrid.run(table: table, settings: Self.settings([], debt: "USDC", scenarios: 20_000))
        #expect(grid.numeraire == .asset("USDC"))
        #expect(grid.cells.count == 2 * HaircutGrid.horizons.count * HaircutGrid.confidences.count)
        #expect(Set(grid.cells.map(\.asset)) == ["BTC", "ETH"])
        for cell in grid.cells where cell.horizon == 1 { #expect(cell.simulated == cell.scaled) }
        // Under a normal model the simulated 10-step figure is close to the scaled one (drift aside),
        // and ETH needs more than BTC.
        let btc10 = try #require(grid.cells.first { $0.asset == "BTC" && $0.horizon == 10 && $0.confidence == 0.99 })
        #expect(Self.close(btc10.simulated, btc10.scaled, 0.1))
        let eth10 = try #require(grid.cells.first { $0.asset == "ETH" && $0.horizon == 10 && $0.confidence == 0.99 })
        #expect(eth10.simulated > btc10.simulated)
    }

    /// The add-on uses each asset's daily volatility in the numéraire: `σ_i √(q_i/ADV_i) + spread_i/2`.
    @Test func liquidityAddonUsesDailyRelativeVolatility() throws {
        var s = Self.settings([("BTC", 50), ("ETH", 400)], debt: "USDC", scenarios: 20_000) { $0.horizon = 5 }
        s.liquidity = LiquidityTable(source: "liq.csv", entries: ["BTC": .init(adv: 2_000, spread: 0.001),
                                                                 "ETH": .init(adv: 10_000, spread: 0.002)])
        let a = try HaircutAnalysis.run(table: Self.table(), settings: s)
        let rows = a.primary.report.assets
        let sigma = a.estimate.covariance.diagonal.map { $0.squareRoot() }
        #expect(Self.close(rows[0].liquidityAddon, sigma[0] * (50.0 / 2_000).squareRoot() + 0.0005, 1e-14))
        #expect(Self.close(rows[1].liquidityAddon, sigma[1] * (400.0 / 10_000).squareRoot() + 0.001, 1e-14))
        let lt = (1 - rows[0].standaloneHaircutFloored - rows[0].liquidityAddon) / 1.05
        #expect(Self.close(rows[0].liquidationThreshold, lt, 1e-14))
    }

    /// The liquidity table is checked against the basket before any simulation:
    /// a missing row is an error naming the file, extra rows a note.
    @Test func liquidityTableIsCheckedAgainstTheCollateral() throws {
        // A refused estimator fails when the covariance is fitted: the liquidity error must come before it.
        var s = Self.settings([("BTC", 50), ("ETH", 400)], debt: "USDC") { $0.model.estimator = .pairwise }
        s.liquidity = LiquidityTable(source: "liq.csv", entries: ["BTC": .init(adv: 2_000, spread: 0.001)])
        #expect(throws: TailRiskError.file(path: "liq.csv", line: nil, column: nil,
                                           message: "no row for collateral asset 'ETH' (the liquidity add-on needs one per asset)")) {
            try HaircutAnalysis.run(table: Self.table(days: 100), settings: s)
        }
        var t = Self.settings([("BTC", 50)], debt: "USDC", scenarios: 5_000)
        t.liquidity = LiquidityTable(source: "liq.csv", entries: ["BTC": .init(adv: 2_000, spread: 0.001),
                                                                 "SOL": .init(adv: 1, spread: 0), "DOGE": .init(adv: 1, spread: 0)])
        let a = try HaircutAnalysis.run(table: Self.table(days: 100), settings: t)
        #expect(a.notes.contains("liquidity rows not in the collateral, ignored: DOGE, SOL"), "\(a.notes)")
        #expect(a.primary.report.assets[0].liquidityAddon > 0.0005)
    }

    /// Student-t scenarios with the same covariance have a fatter tail than normal ones;
    /// bootstrap resamples the relative history. The policy echoes the degrees of freedom used.
    @Test func distributionsOfThePolicy() throws {
        let table = Self.table(days: 300)
        func run(_ dist: String) throws -> HaircutAnalysis {
            try HaircutAnalysis.run(table: table, settings: Self.settings([("BTC", 1)], debt: "USDC", scenarios: 40_000) {
                $0.model.law = try! InnovationLaw.parse(dist, degreesOfFreedom: 5)
            })
        }
        let normal = try run("normal"), t = try run("t"), boot = try run("bootstrap")
        #expect(t.policy.model.law == .studentT(degreesOfFreedom: 5) && normal.policy.model.law == .normal)
        let h = { (a: HaircutAnalysis) in a.primary.report.assets[0].standaloneHaircut }
        #expect(h(t) > 1.05 * h(normal))
        #expect(Self.close(h(boot), h(normal), 0.2))
        #expect(boot.horizonTreatment == "1 step")
    }
}
