import Foundation
import Testing
@testable import TailRisk

/// `var` and `backtest` run one implementation of each method (issue 22): `var` on a
/// window and `backtest`'s forecast for the day after that same window must agree.
///
/// Equality is exact on purpose: both paths give the same method the same window
/// (the same rows of returns, the same P&L arithmetic row by row, the same fits with
/// the same seed), so any difference means the two paths compute differently.
@Suite struct SharedMethodTests {
    static let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)]
    static let window = 80

    /// Three synthetic assets and a fourth that is exactly the sum of the first two:
    /// every window's sample covariance is singular, so the method must repair it
    /// (methods.md §3) in `var` and in the backtest alike.
    static func collinear(rows: Int) -> ReturnSeries {
        let s = RollingBacktestTests.synthetic(rows: rows, assets: 3)
        var r = Matrix(rows: rows, cols: 4)
        for i in 0..<rows {
            for j in 0..<3 { r[i, j] = s.returns[i, j] }
            r[i, 3] = s.returns[i, 0] + s.returns[i, 1]
        }
        return ReturnSeries(assets: s.assets + ["SUM"], dates: s.dates, returns: r, startDate: s.startDate,
                            lastPrices: s.lastPrices + [1], alignment: s.alignment)
    }

    /// `var` on rows `[t − window, t)` and the backtest's forecast for row `t`, for `methods`
    /// under `spec`, on each of `days` (row indices of `series`).
    static func compare(_ series: ReturnSeries, values: [Double], methods: [RiskMethod], spec: RiskModelSpec,
                        days: [Int], pnl: PnLModel = .exact) throws {
        let simulation = SimulationSettings(scenarios: 2000, seed: 17, threads: 1)
        var backtestSettings = BacktestAnalysis.Settings(window: window, levels: levels, methods: methods,
                                                         pnl: pnl, simulation: simulation, threads: 2)
        backtestSettings.model = spec
        let assets = series.assets
        let portfolio = Portfolio(assets: assets, values: values)
        let backtest = try BacktestAnalysis.run(series: series, portfolio: portfolio, settings: backtestSettings)
        for t in days {
            var varSettings = RiskAnalysis.Settings(levels: levels, methods: methods, pnl: pnl)
            varSettings.model = spec
            varSettings.simulation = simulation
            varSettings.simulation.seed = BacktestForecaster.daySeed(simulation.seed, dayIndex: t)
            let risk = try RiskAnalysis.run(series: series.rows((t - window)..<t), portfolio: portfolio,
                                            settings: varSettings)
            for (m, method) in methods.enumerated() {
                #expect(backtest.methodIDs[m] == risk.methodID(method))
                for (l, level) in levels.enumerated() {
                    let result = backtest.results[m * levels.count + l]
                    let day = try #require(result.days.first { $0.date == series.dates[t] })
                    let e = try #require(risk.estimates.first { $0.method == method && $0.level == level })
                    #expect(day.valueAtRisk == e.valueAtRisk, "\(risk.methodID(method)) VaR at \(level), row \(t)")
                    #expect(day.expectedShortfall == e.expectedShortfall,
                            "\(risk.methodID(method)) ES at \(level), row \(t)")
                }
            }
        }
    }

    @Test func historicalNormalAndCornishFisherAgreeOnARepairedWindow() throws {
        let s = Self.collinear(rows: 110)
        // The premise: the window's covariance is repaired (the backtest used it unrepaired before issue 22).
        let risk = try RiskAnalysis.run(series: s.rows(30..<110), portfolio: Portfolio(assets: s.assets, values: [1, 1, 1, 1]),
                                        settings: RiskAnalysis.Settings(levels: Self.levels, methods: [.normal]))
        #expect(risk.model.factored.repair.method != .none)
        // …and the repair moves the normal VaR, so a backtest on the unrepaired covariance would disagree.
        let unrepaired = ParametricNormal.estimates(mean: risk.model.mean, covariance: risk.model.estimate.covariance,
                                                    values: [1, 1, 1, 1], levels: Self.levels)
        #expect(unrepaired[0].valueAtRisk != risk.estimates[0].valueAtRisk)
        try Self.compare(s, values: [50, 30, -20, 10], methods: [.historical, .normal, .cornishFisher],
                         spec: RiskModelSpec(), days: [80, 97, 109])
    }

    @Test func normalAgreesUnderEachEstimatorAndZeroMean() throws {
        let s = RollingBacktestTests.synthetic(rows: 100, assets: 3)
        for estimator in [CovarianceEstimator.ewma, .ledoitWolf] {
            try Self.compare(s, values: [40, 30, 30], methods: [.normal],
                             spec: RiskModelSpec(estimator: estimator, zeroMean: true), days: [85, 99])
        }
    }

    @Test func filteredHistoricalAgreesUnderEwmaAndGarch() throws {
        let s = RollingBacktestTests.synthetic(rows: 95, assets: 2)
        try Self.compare(s, values: [60, 40], methods: [.fhs], spec: RiskModelSpec(), days: [80, 94], pnl: .linear)
        try Self.compare(s, values: [60, 40], methods: [.fhs], spec: RiskModelSpec(filter: .garch), days: [94])
    }

    /// 2,000 scenarios a day, a few days: the same seed gives the same draws in both paths.
    @Test func monteCarloAgreesUnderEachLaw() throws {
        let s = RollingBacktestTests.synthetic(rows: 90, assets: 2)
        for law in [InnovationLaw.normal, .studentT(degreesOfFreedom: 5), .bootstrap, .fhs] {
            try Self.compare(s, values: [60, 40], methods: [.monteCarlo], spec: RiskModelSpec(law: law),
                             days: [80, 89])
        }
    }
}
