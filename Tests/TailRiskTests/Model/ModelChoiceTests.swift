import Foundation
import Testing
@testable import TailRisk

/// FZ0 scores, Diebold–Mariano and the ranking of methods (methods.md §8).
@Suite struct ModelChoiceTests {
    /// methods.md §8 check values: α = 0.01, q = 2, e = 3.
    @Test func fz0MatchesTheCheckValues() throws {
        let exceeded = try #require(FZ0Score.score(loss: 5, valueAtRisk: 2, expectedShortfall: 3, alpha: 0.01))
        let calm = try #require(FZ0Score.score(loss: 1, valueAtRisk: 2, expectedShortfall: 3, alpha: 0.01))
        #expect(abs(exceeded - 100.765279) < 1e-6)
        #expect(abs(calm - 0.765279) < 1e-6)
        #expect(FZ0Score.score(loss: 1, valueAtRisk: 2, expectedShortfall: 0, alpha: 0.01) == nil)
        #expect(FZ0Score.score(loss: 1, valueAtRisk: -2, expectedShortfall: -1, alpha: 0.01) == nil)
    }

    /// Scaling losses by c shifts every score by ln c (so fractions of the value are the convention).
    @Test func fz0ShiftsByTheLogOfAScale() throws {
        let s1 = try #require(FZ0Score.score(loss: 0.05, valueAtRisk: 0.02, expectedShortfall: 0.03, alpha: 0.025))
        let s2 = try #require(FZ0Score.score(loss: 5000, valueAtRisk: 2000, expectedShortfall: 3000, alpha: 0.025))
        #expect(abs((s2 - s1) - log(100_000)) < 1e-9)
    }

    struct DMFixture: Decodable {
        let a: [Double], b: [Double], lags: Int, statistic: Double, p: Double
    }

    /// Against the NumPy/SciPy transcription in Fixtures/modelchoice/make_dm_fixture.py.
    @Test func dieboldMarianoMatchesTheReference() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("modelchoice/dm.json")))
        let f = try JSONDecoder().decode(DMFixture.self, from: data)
        let dm = DieboldMariano(differences: zip(f.a, f.b).map { $0 - $1 })
        #expect(dm.lags == f.lags)
        #expect(abs(dm.statistic - f.statistic) < 1e-9 * abs(f.statistic))
        #expect(abs(dm.pValue - f.p) < 1e-7)
    }

    /// ⌊T^{1/3}⌋ exactly at perfect cubes, where binary64's pow falls just short.
    @Test func neweyWestLagsAreExactCubeRoots() {
        #expect(DieboldMariano.lags(1000) == 10)
        #expect(DieboldMariano.lags(999) == 9)
        #expect(DieboldMariano.lags(1_000_000) == 100)
        #expect(DieboldMariano.lags(7) == 1 && DieboldMariano.lags(8) == 2)
    }

    @Test func dieboldMarianoOfEqualScoresHasPOne() {
        #expect(DieboldMariano(differences: [Double](repeating: 0.3, count: 50)).pValue == 1)
        #expect(DieboldMariano(differences: [1]).pValue == 1)
    }

    /// A method that forecasts the true quantile beats one that forecasts twice
    /// too wide, ranks first, and is recommended when it passes.
    @Test func rankingPrefersTheTrueModel() throws {
        var state: UInt64 = 7
        var days: [(Day, Double)] = []
        let start = Day(year: 2020, month: 1, day: 1)!.daysSinceEpoch
        for t in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u = (Double(state >> 11) + 0.5) / Double(1 << 53)
            days.append((Day(daysSinceEpoch: start + t), 0.01 * Normal.quantile(u)))
        }
        let level = ConfidenceLevel(0.99)
        let z = Normal.quantile(0.99)
        let es = 0.01 * exp(-z * z / 2) / (2 * Double.pi).squareRoot() / 0.01
        func result(_ name: String, scale: Double) -> BacktestResult {
            let d = days.map { BacktestDay(date: $0.0, pnl: $0.1, valueAtRisk: scale * 0.01 * z, expectedShortfall: scale * es) }
            let tests = CoverageTests(level: level, losses: d.map { -$0.pnl }, valueAtRisk: d.map(\.valueAtRisk),
                                      expectedShortfall: d.map(\.expectedShortfall))
            return BacktestResult(method: name, level: level, days: d, tests: tests)
        }
        let ranking = ModelRanking(results: [result("wide", scale: 2), result("true", scale: 1)], base: 1)
        let rows = ranking.rows
        #expect(rows.map(\.method) == ["true", "wide"])
        #expect(rows[0].rank == 1 && rows[0].dmP == nil)
        #expect((rows[1].dmP ?? 1) < 0.05)
        #expect(rows[1].passes == false)  // twice the quantile: almost no exceedances, Kupiec rejects
        #expect(ranking.recommendations[0].method == "true")
    }
}
