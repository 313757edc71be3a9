import Foundation
import Testing
@testable import TailRisk

/// The model-risk check (issue 9): a model's ES against the historical and the
/// ewma-FHS ES of the same basket, firing below two thirds of the larger.
@Suite struct ModelRiskCheckTests {
    static let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch

    /// A stablecoin `USDX` pegged at 1 (daily noise 0.1%) for `days` prices whose
    /// last price is 0.01 when `crash` (a 99% loss on the last day), beside a
    /// calm asset `AAA` (daily σ 1%); seeded.
    static func table(days: Int = 301, crash: Bool) -> PriceTable {
        var rng = Xoshiro256PlusPlus(seed: 3, unit: 0)
        var prices = Matrix(rows: days, cols: 2)
        var a = 100.0
        for t in 0..<days {
            let z1 = Normal.quantile(rng.nextUniformPositive()), z2 = Normal.quantile(rng.nextUniformPositive())
            if t > 0 { a *= exp(0.01 * z2) }
            prices[t, 0] = crash && t == days - 1 ? 0.01 : exp(0.001 * z1)
            prices[t, 1] = a
        }
        return PriceTable(source: "synthetic.csv", layout: .wide, assets: ["USDX", "AAA"],
                          dates: (0..<days).map { Day(daysSinceEpoch: start + $0) }, prices: prices)
    }

    static func analysis(crash: Bool, methods: [RiskMethod], assets: [String] = ["USDX"],
                         quantile: QuantileConvention = .orderStatistic) throws -> RiskAnalysis {
        let series = try table(crash: crash).returnSeries(assets: assets)
        let portfolio = Portfolio(assets: assets, values: assets.map { _ in 1_000 })
        return try RiskAnalysis.run(series: series, portfolio: portfolio, settings: RiskAnalysis.Settings(
            methods: methods, quantile: quantile, simulation: SimulationSettings(scenarios: 20_000, threads: 1)))
    }

    @Test func firesBelowTwoThirdsOfTheLargerReference() throws {
        let level = ConfidenceLevel(0.99)
        let fhs = ModelRiskCheck(level: level, horizon: 1, historicalES: 90, fhsES: 150, modelES: 99)
        #expect(fhs.reference == .fhs && fhs.referenceES == 150 && fhs.fires)
        #expect(abs(try #require(fhs.ratio) - 0.66) < 1e-15)
        #expect(!ModelRiskCheck(level: level, horizon: 1, historicalES: 90, fhsES: 150, modelES: 101).fires)
        let hist = ModelRiskCheck(level: level, horizon: 1, historicalES: 300, fhsES: 150, modelES: 199)
        #expect(hist.reference == .historical && hist.fires && hist.note.contains("historical ES"))
        #expect(!ModelRiskCheck(level: level, horizon: 1, historicalES: 300, fhsES: nil, modelES: 201).fires)
        let none = ModelRiskCheck(level: level, horizon: 1, historicalES: nil, fhsES: nil, modelES: 1)
        #expect(none.reference == nil && none.ratio == nil && !none.fires)
        // A reference that is a gain (ES ≤ 0) gives no ratio and never fires.
        let gain = ModelRiskCheck(level: level, horizon: 1, historicalES: -5, fhsES: nil, modelES: -50)
        #expect(gain.ratio == nil && !gain.fires)
    }

    /// Historical reference by hand: the Acerbi–Tasche ES of the exact P&L of the
    /// overlapping 3-step sums, k = n·α fractional.
    @Test func historicalReferenceIsTheESOfOverlappingWindows() throws {
        var rng = Xoshiro256PlusPlus(seed: 9, unit: 0)
        let r = (0..<41).map { _ in 0.02 * Normal.quantile(rng.nextUniformPositive()) }
        var m = Matrix(rows: r.count, cols: 1)
        for (t, x) in r.enumerated() { m[t, 0] = x }
        let series = ReturnSeries(assets: ["X"], dates: (0..<r.count).map { Day(daysSinceEpoch: Self.start + 1 + $0) },
                                  returns: m, startDate: Day(daysSinceEpoch: Self.start), lastPrices: [1],
                                  alignment: AlignmentReport(policy: .intersect, datesInRange: 42, datesKept: 42, datesLost: [:]))
        let h = 3, value = 500.0
        let losses = (0...(r.count - h)).map { t in -value * (exp(r[t] + r[t + 1] + r[t + 2]) - 1) }.sorted(by: >)
        let k = Double(losses.count) * 0.05            // 39 × 0.05 = 1.95
        let want = (losses[0] + losses[1] * (k - 1)) / k
        let refs = ModelRiskCheck.References.compute(series: series, values: [value], levels: [ConfidenceLevel(0.95)],
                                                     horizon: h, pnl: .exact)
        let got = try #require(refs.historical?.first)
        #expect(abs(got - want) <= 1e-12 * want, "\(got) vs \(want)")
        #expect(refs.fhs != nil)
    }

    /// Stale prices leave the EWMA volatility at zero: FHS is left out, historical stays.
    @Test func aStaleHistoryLeavesOutTheFHSReference() throws {
        var m = Matrix(rows: 100, cols: 1)
        m[99, 0] = -0.5
        let series = ReturnSeries(assets: ["X"], dates: (0..<100).map { Day(daysSinceEpoch: Self.start + 1 + $0) },
                                  returns: m, startDate: Day(daysSinceEpoch: Self.start), lastPrices: [1],
                                  alignment: AlignmentReport(policy: .intersect, datesInRange: 101, datesKept: 101, datesLost: [:]))
        let check = ModelRiskCheck.run(series: series, values: [1], level: ConfidenceLevel(0.99), horizon: 1,
                                       pnl: .exact, modelES: 0.1)
        #expect(check.fhsES == nil && check.reference == .historical)
        #expect(abs(try #require(check.historicalES) - (1 - exp(-0.5))) < 1e-15)   // k = 1: the one loss
        #expect(check.fires)
    }

    /// The crashed stablecoin: the normal Monte Carlo ES falls far below the FHS ES
    /// (today's volatility after the crash); historical and fhs rows carry no check.
    @Test func aCrashedStablecoinFiresUnderTheNormalModelAndACalmOneDoesNot() throws {
        let crashed = try Self.analysis(crash: true, methods: [.historical, .fhs, .monteCarlo])
        for (e, check) in zip(crashed.estimates, crashed.modelRisk) {
            if e.method == .monteCarlo {
                let c = try #require(check)
                #expect(c.fires && c.reference == .fhs && c.modelES == e.expectedShortfall, "\(c)")
            } else {
                #expect(check == nil)
            }
        }
        let calm = try Self.analysis(crash: false, methods: [.normal, .cornishFisher, .monteCarlo], assets: ["AAA"])
        #expect(calm.modelRisk.count == calm.estimates.count)
        for check in calm.modelRisk {
            let c = try #require(check)
            #expect(!c.fires, "\(c)")
        }
    }

    /// References reused from the historical and fhs estimates equal those computed afresh.
    @Test(arguments: [QuantileConvention.orderStatistic, .linear])
    func reusedReferencesEqualComputedOnes(quantile: QuantileConvention) throws {
        let both = try Self.analysis(crash: true, methods: [.historical, .fhs, .normal], assets: ["USDX", "AAA"],
                                     quantile: quantile)
        let alone = try Self.analysis(crash: true, methods: [.normal], assets: ["USDX", "AAA"], quantile: quantile)
        let reused = both.modelRisk.compactMap { $0 }, computed = alone.modelRisk.compactMap { $0 }
        #expect(reused.count == 2 && computed.count == 2)
        for (a, b) in zip(reused, computed) {
            let (ha, hb) = (try #require(a.historicalES), try #require(b.historicalES))
            let (fa, fb) = (try #require(a.fhsES), try #require(b.fhsES))
            #expect(abs(ha - hb) <= 1e-12 * abs(hb) && abs(fa - fb) <= 1e-12 * abs(fb))
            #expect(ha == both.estimates.first { $0.method == .historical && $0.level == a.level }?.expectedShortfall)
        }
    }

    /// haircut checks the portfolio ES of its primary outcome.
    @Test func haircutChecksThePrimaryOutcome() throws {
        var policy = HaircutPolicy()
        policy.collateral = [HaircutPolicy.Position(asset: "USDX", quantity: 1_000_000)]
        policy.scenarios = 20_000
        let settings = HaircutAnalysis.Settings(policy: policy, simulation: SimulationSettings(threads: 1))
        let crashed = try HaircutAnalysis.run(table: Self.table(crash: true), settings: settings)
        let check = try #require(crashed.modelRisk)
        #expect(check.fires && check.modelES == crashed.primary.simulation.estimates[0].expectedShortfall)
        let calm = try HaircutAnalysis.run(table: Self.table(crash: false), settings: settings)
        #expect(calm.modelRisk?.fires == false)
    }
}
