import Foundation
import Testing
@testable import TailRisk

@Suite struct MonteCarloBacktestTests {
    static let level = ConfidenceLevel(0.99)

    @Test func daySeedsAreDistinctAndFixedByRunSeedAndDay() {
        let seeds = (0..<1000).map { BacktestForecaster.daySeed(7, dayIndex: $0) }
        #expect(Set(seeds).count == 1000)
        #expect(BacktestForecaster.daySeed(7, dayIndex: 42) == seeds[42])
        #expect(BacktestForecaster.daySeed(8, dayIndex: 42) != seeds[42])
        // The literal SplitMix64 composition.
        #expect(seeds[3] == SplitMix64.mix(7 ^ SplitMix64.mix(3 ^ 0xBB67_AE85_84CA_A73B)))
    }

    /// 50 days × 1,000 scenarios × 2 assets.
    @Test func eachDayIsTheEngineOnItsWindowWithItsOwnSeed() throws {
        let s = RollingBacktestTests.synthetic(rows: 110, assets: 2)
        let values = [60.0, 40.0]
        let settings = SimulationSettings(scenarios: 1000, seed: 99, threads: 4)
        let bt = try RollingBacktest(series: s, values: values, window: 60, levels: [Self.level],
                                     forecasters: [.monteCarlo(settings: settings)], threads: 2)
        let r = try bt.run()[0]
        #expect(r.method == "monte-carlo" && r.days.count == 50)
        for day in [0, 31, 49] {
            let t = 60 + day
            let window = s.returns.rows((t - 60)..<t)
            let fitted = try SampleCovariance().fit(window)
            let factored = try PositiveDefiniteRepair.factor(fitted.covariance)
            var direct = settings
            direct.seed = BacktestForecaster.daySeed(99, dayIndex: t)
            let e = try MonteCarloEngine().run(model: ScenarioModel(mean: fitted.mean, factor: factored.cholesky),
                                               values: values, levels: [Self.level], settings: direct).estimates[0]
            #expect(r.days[day].valueAtRisk == e.valueAtRisk)
            #expect(r.days[day].expectedShortfall == e.expectedShortfall)
        }
        // Same result on one thread: parallel across days changes nothing.
        let serial = try RollingBacktest(series: s, values: values, window: 60, levels: [Self.level],
                                         forecasters: [.monteCarlo(settings: settings)], threads: 1).run()[0]
        #expect(serial.days == r.days && serial.tests == r.tests)
        // Another run seed gives other forecasts.
        var other = settings
        other.seed = 100
        let reseeded = try RollingBacktest(series: s, values: values, window: 60, levels: [Self.level],
                                           forecasters: [.monteCarlo(settings: other)]).run()[0]
        #expect(reseeded.days.map(\.valueAtRisk) != r.days.map(\.valueAtRisk))
    }

    /// Linear P&L of normal scenarios is exactly the delta-normal model: the
    /// simulated VaR lies within Monte Carlo error (a few %) of the formula.
    @Test func normalScenariosAgreeWithTheNormalForecaster() throws {
        let s = RollingBacktestTests.synthetic(rows: 90, assets: 2)
        let values = [60.0, -20.0]
        let settings = SimulationSettings(scenarios: 4000, seed: 5, pnl: .linear)
        let r = try RollingBacktest(series: s, values: values, window: 70, levels: [ConfidenceLevel(0.975)],
                                    forecasters: [.normal(), .monteCarlo(settings: settings)]).run()
        for (n, m) in zip(r[0].days, r[1].days) {
            #expect(abs(m.valueAtRisk / n.valueAtRisk - 1) < 0.08)
            #expect(abs(m.expectedShortfall / n.expectedShortfall - 1) < 0.08)
        }
    }

    @Test func analysisRunsEveryMethodInOrderAndRejectsPairwise() throws {
        let s = RollingBacktestTests.synthetic(rows: 80, assets: 2)
        let portfolio = Portfolio(assets: s.assets, values: [50, 50])
        var settings = BacktestAnalysis.Settings(window: 50, levels: [ConfidenceLevel(0.99), ConfidenceLevel(0.95)],
                                                 simulation: SimulationSettings(scenarios: 500, seed: 1))
        let a = try BacktestAnalysis.run(series: s, portfolio: portfolio, settings: settings)
        #expect(a.days == 30)
        #expect(a.results.map(\.method) == ["historical", "historical", "normal", "normal",
                                            "cornish-fisher", "cornish-fisher", "fhs", "fhs", "monte-carlo", "monte-carlo"])
        #expect(a.results.map(\.level.confidence) == [0.99, 0.95, 0.99, 0.95, 0.99, 0.95, 0.99, 0.95, 0.99, 0.95])
        // A shrinkage estimator changes the normal forecasts but not the historical ones.
        settings.methods = [.historical, .normal]
        settings.model.estimator = .ledoitWolf
        let shrunk = try BacktestAnalysis.run(series: s, portfolio: portfolio, settings: settings)
        #expect(shrunk.results[0].days == a.results[0].days)
        #expect(shrunk.results[2].days.map(\.valueAtRisk) != a.results[2].days.map(\.valueAtRisk))
        settings.model.estimator = .pairwise
        #expect(throws: TailRiskError.self) { try BacktestAnalysis.run(series: s, portfolio: portfolio, settings: settings) }
        settings.model.estimator = .sample
        settings.window = 80
        #expect(throws: TailRiskError.self) { try BacktestAnalysis.run(series: s, portfolio: portfolio, settings: settings) }
    }

    @Test func verdictsFollowTheTests() {
        let losses = [Double](repeating: 0, count: 250)
        // No exceedance in 250 days at 99%: green, but Kupiec LR = −500 ln 0.99 = 5.03, p = 0.025 rejects.
        let none = CoverageTests(level: Self.level, losses: losses, valueAtRisk: .init(repeating: 1, count: 250),
                                 expectedShortfall: .init(repeating: 2, count: 250))
        #expect(none.trafficLight == .green && !none.varPasses() && none.varPasses(at: 0.02))
        #expect(none.expectedShortfallPasses() == nil)
        // Two scattered exceedances (Kupiec p ≈ 0.74), 50% above ES: VaR passes, McNeil–Frey rejects.
        var two = losses
        two[50] = 3
        two[180] = 3.0000001
        let scattered = CoverageTests(level: Self.level, losses: two, valueAtRisk: .init(repeating: 1, count: 250),
                                      expectedShortfall: .init(repeating: 2, count: 250))
        #expect(scattered.varPasses() && scattered.expectedShortfallPasses() == false)
        // Ten exceedances in a row: red and clustered.
        var hits = losses
        for i in 100..<110 { hits[i] = 3 }
        let clustered = CoverageTests(level: Self.level, losses: hits, valueAtRisk: .init(repeating: 1, count: 250),
                                      expectedShortfall: .init(repeating: 2, count: 250))
        #expect(clustered.trafficLight == .red && !clustered.varPasses())
    }
}
