import Foundation
import Testing
@testable import TailRisk

/// A library caller may list positions in any order (issue 22: misuse throws instead of stopping
/// the process). `RiskAnalysis.run`, `accumulate` and `BacktestAnalysis.run` used to stop on a
/// failed precondition when the portfolio's order was not the series'.
@Suite struct PortfolioAlignmentTests {
    static func series() throws -> ReturnSeries {
        let days = 260
        var rng = Xoshiro256PlusPlus(seed: 11, unit: 0)
        var prices = Matrix(rows: days, cols: 3)
        var level = [100.0, 50.0, 20.0]
        for t in 0..<days {
            for i in 0..<3 {
                if t > 0 { level[i] *= exp(0.01 * Double(i + 1) * rng.nextNormal()) }
                prices[t, i] = level[i]
            }
        }
        let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch
        return try PriceTable(source: "synthetic.csv", layout: .wide, assets: ["AAA", "BBB", "CCC"],
                              dates: (0..<days).map { Day(daysSinceEpoch: start + $0) }, prices: prices).returnSeries()
    }

    @Test func anyOrderGivesTheSameFigures() throws {
        let s = try Self.series()
        let settings = RiskAnalysis.Settings(methods: [.historical, .normal, .monteCarlo],
                                             simulation: SimulationSettings(scenarios: 20_000, threads: 1))
        let inOrder = Portfolio(assets: ["AAA", "BBB", "CCC"], values: [1_000, -400, 250], quantities: [10, -8, 12.5])
        let shuffled = Portfolio(assets: ["CCC", "AAA", "BBB"], values: [250, 1_000, -400], quantities: [12.5, 10, -8])
        let a = try RiskAnalysis.run(series: s, portfolio: inOrder, settings: settings)
        let b = try RiskAnalysis.run(series: s, portfolio: shuffled, settings: settings)
        #expect(a.estimates.count == b.estimates.count && !a.estimates.isEmpty)
        for (x, y) in zip(a.estimates, b.estimates) {
            #expect(x.valueAtRisk == y.valueAtRisk && x.expectedShortfall == y.expectedShortfall, "\(x.method)")
        }
        let aligned = try shuffled.aligned(to: ["AAA", "BBB", "CCC"])
        #expect(aligned == inOrder)
        let bt = try BacktestAnalysis.run(series: s, portfolio: shuffled,
                                          settings: BacktestAnalysis.Settings(window: 250, methods: [.historical]))
        #expect(bt.days == 9)
    }

    @Test func foreignOrMissingOrRepeatedAssetsThrow() throws {
        let s = try Self.series()
        for (assets, word) in [(["AAA", "BBB"], "CCC"), (["AAA", "BBB", "DDD"], "CCC"),
                               (["AAA", "BBB", "CCC", "DDD"], "DDD"), (["AAA", "AAA", "CCC"], "AAA")] {
            let p = Portfolio(assets: assets, values: assets.map { _ in 100 })
            do {
                _ = try RiskAnalysis.run(series: s, portfolio: p, settings: RiskAnalysis.Settings(methods: [.historical]))
                Issue.record("\(assets) was accepted")
            } catch let error as TailRiskError {
                #expect(error.description.contains(word), "\(assets): \(error)")
            }
        }
    }
}
