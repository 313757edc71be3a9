import Foundation
import Testing
@testable import TailRisk

@Suite struct RollingBacktestTests {
    /// Student-t-like synthetic returns, deterministic.
    static func synthetic(rows: Int, assets: Int) -> ReturnSeries {
        var state: UInt64 = 2024
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        var r = Matrix(rows: rows, cols: assets)
        for i in 0..<rows {
            let common = Normal.quantile(uniform())
            let shock = 1 / max(0.2, uniform()).squareRoot()  // occasional fat days
            for j in 0..<assets { r[i, j] = 0.01 * shock * (0.7 * common + 0.7 * Normal.quantile(uniform())) }
        }
        let start = Day(year: 2020, month: 1, day: 1)!
        return ReturnSeries(assets: (0..<assets).map { "A\($0)" },
                            dates: (1...rows).map { Day(daysSinceEpoch: start.daysSinceEpoch + $0) },
                            returns: r, startDate: start, lastPrices: .init(repeating: 1, count: assets),
                            alignment: AlignmentReport(policy: .intersect, datesInRange: rows + 1,
                                                       datesKept: rows + 1, datesLost: [:]))
    }

    @Test func windowLongerThanDataIsInsufficientData() {
        let s = Self.synthetic(rows: 100, assets: 2)
        #expect(throws: TailRiskError.insufficientData(
            message: "a backtest window of 250 returns needs more than 250 returns; the series has 100 (2020-01-01 to 2020-04-10)")) {
            try RollingBacktest(series: s, values: [1, 1], window: 250, levels: [ConfidenceLevel(0.99)],
                                forecasters: [.historical()])
        }
        #expect(throws: TailRiskError.self) {
            try RollingBacktest(series: s, values: [1, 1], window: 100, levels: [ConfidenceLevel(0.99)],
                                forecasters: [.historical()])
        }
        #expect(throws: TailRiskError.invalidParameter(.window, message: "the window must hold at least 2 returns, got 1")) {
            try RollingBacktest(series: s, values: [1, 1], window: 1, levels: [ConfidenceLevel(0.99)],
                                forecasters: [.historical()])
        }
    }

    @Test func forecastsUseOnlyThePrecedingWindow() throws {
        let s = Self.synthetic(rows: 400, assets: 3)
        let values = [100.0, 50.0, -30.0]
        let levels = [ConfidenceLevel(0.975), ConfidenceLevel(0.99)]
        let bt = try RollingBacktest(series: s, values: values, window: 120, levels: levels,
                                     forecasters: [.historical(), .normal(), .cornishFisher()])
        let results = try bt.run()
        #expect(results.count == 6)
        #expect(results.map(\.method) == ["historical", "historical", "normal", "normal", "cornish-fisher", "cornish-fisher"])
        let pnl = PnLSeries.portfolio(returns: s.returns, values: values, model: .exact)
        for day in [0, 17, 279] {
            let t = 120 + day
            let window = s.returns.rows((t - 120)..<t)
            let wpnl = Array(pnl[(t - 120)..<t])
            let h = try HistoricalRisk.estimates(pnl: wpnl, levels: levels)
            // Literal sample mean and covariance (divisor T − 1) for the normal forecast.
            let mean = (0..<3).map { j in (0..<120).reduce(0.0) { $0 + window[$1, j] } / 120 }
            var cov = Matrix(rows: 3, cols: 3)
            for a in 0..<3 { for b in 0..<3 {
                cov[a, b] = (0..<120).reduce(0.0) { $0 + (window[$1, a] - mean[a]) * (window[$1, b] - mean[b]) } / 119
            } }
            let n = ParametricNormal.estimates(mean: mean, covariance: cov, values: values, levels: levels)
            let cf = try CornishFisher.estimates(pnl: wpnl, levels: levels)
            for m in 0..<2 {
                #expect(results[m].days[day].valueAtRisk == h[m].valueAtRisk)
                #expect(results[m].days[day].expectedShortfall == h[m].expectedShortfall)
                #expect(abs(results[2 + m].days[day].valueAtRisk - n[m].valueAtRisk) < 1e-12)
                #expect(abs(results[2 + m].days[day].expectedShortfall - n[m].expectedShortfall) < 1e-12)
                #expect(abs(results[4 + m].days[day].valueAtRisk - cf[m].valueAtRisk) < 1e-12)
                #expect(results[m].days[day].pnl == pnl[t])
                #expect(results[m].days[day].date == s.dates[t])
            }
        }
        for r in results {
            #expect(r.tests.observations == 280)
            #expect(r.tests.exceedances == r.days.filter(\.exceeded).count)
            #expect(r.days.allSatisfy { $0.expectedShortfall >= $0.valueAtRisk })
        }
        // Deterministic.
        let again = try bt.run()
        #expect(zip(results, again).allSatisfy { $0.days == $1.days && $0.tests == $1.tests })
    }

    @Test func normalForecasterTakesACovarianceEstimator() throws {
        let s = Self.synthetic(rows: 80, assets: 2)
        let level = ConfidenceLevel(0.99)
        let diagonal: @Sendable (Matrix) -> Matrix = { _ in Matrix.diagonal([1e-4, 4e-4]) }
        let r = try RollingBacktest(series: s, values: [10, 20], window: 50, levels: [level],
                                    forecasters: [.normal(covariance: diagonal)]).run()[0]
        let window = s.returns.rows(0..<50)
        let mean = (0..<2).map { j in (0..<50).reduce(0.0) { $0 + window[$1, j] } / 50 }
        let e = ParametricNormal.estimates(mean: mean, covariance: .diagonal([1e-4, 4e-4]), values: [10, 20],
                                           levels: [level])[0]
        #expect(abs(r.days[0].valueAtRisk - e.valueAtRisk) < 1e-12)
    }

    @Test func customForecasterSeesTheWindowAndErrorsPropagate() throws {
        let s = Self.synthetic(rows: 60, assets: 2)
        let level = ConfidenceLevel(0.99)
        let always = BacktestForecaster.custom(name: "monte-carlo") { window, dayIndex in
            precondition(window.rows == 20 && dayIndex >= 20)
            return [RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: -1e9, expectedShortfall: -1e9 + 1)]
        }
        let never = BacktestForecaster.custom(name: "never") { _, _ in
            [RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: 1e9, expectedShortfall: 1e9)]
        }
        let r = try RollingBacktest(series: s, values: [1, 1], window: 20, levels: [level], forecasters: [always, never]).run()
        #expect(r[0].method == "monte-carlo" && r[0].tests.exceedances == 40 && r[0].tests.trafficLight == .red)
        #expect(r[1].tests.exceedances == 0 && r[1].tests.trafficLight == .green && r[1].tests.mcneilFreyT == nil)
        // A window the data cannot support (a numerical or insufficient-data error) leaves that day out of the
        // method's tests, counted and named with its window; the other days still count.
        let gappy = BacktestForecaster.custom(name: "gappy") { _, dayIndex in
            if (33..<36).contains(dayIndex) { throw TailRiskError.numerical(message: "day \(dayIndex)") }
            return [RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: -1e9, expectedShortfall: -1e9 + 1)]
        }
        let g = try RollingBacktest(series: s, values: [1, 1], window: 20, levels: [level], forecasters: [gappy]).run()
        #expect(g[0].skippedDays == 3 && g[0].tests.observations == 37 && g[0].days.count == 37)
        #expect(g[0].skipReason == "cannot forecast 2020-02-04 from the window 2020-01-14 → 2020-02-03: day 33")
        #expect(!g[0].days.contains { $0.date == s.dates[33] })
        // An unusable option stops the run as it is (it is not about the day).
        let failing = BacktestForecaster.custom(name: "failing") { _, dayIndex in
            if dayIndex >= 33 { throw TailRiskError.invalidParameter(.scenarios, message: "day \(dayIndex)") }
            return [RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: 0, expectedShortfall: 0)]
        }
        #expect(throws: TailRiskError.invalidParameter(.scenarios, message: "day 33")) {
            try RollingBacktest(series: s, values: [1, 1], window: 20, levels: [level], forecasters: [failing]).run()
        }
        // A method that can forecast no day at all is an error.
        let none = BacktestForecaster.custom(name: "none") { _, d in throw TailRiskError.insufficientData(message: "day \(d)") }
        #expect(throws: TailRiskError.self) {
            try RollingBacktest(series: s, values: [1, 1], window: 20, levels: [level], forecasters: [none]).run()
        }
    }
}
