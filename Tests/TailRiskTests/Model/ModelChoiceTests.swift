import Foundation
import Testing
@testable import TailRisk

/// FZ0 scores, Diebold–Mariano and the ranking, against methods.md's check
/// values and the NumPy literals of `make_model_fixtures.py`.
@Suite struct ModelChoiceTests {
    static let choice = ModelFixture.shared.modelChoice

    @Test func fz0CheckValuesOfMethodsMD() throws {
        let high = try #require(FZ0.score(loss: 5, valueAtRisk: 2, expectedShortfall: 3, alpha: 0.01))
        let low = try #require(FZ0.score(loss: 1, valueAtRisk: 2, expectedShortfall: 3, alpha: 0.01))
        #expect(abs(high - 100.765279) < 5e-7 && abs(low - 0.765279) < 5e-7)
        for c in Self.choice.checks {
            let s = try #require(FZ0.score(loss: c.loss, valueAtRisk: c.var, expectedShortfall: c.es, alpha: c.alpha))
            #expect(close(s, c.score, relative: 1e-14))
        }
        #expect(FZ0.score(loss: 1, valueAtRisk: 2, expectedShortfall: 0, alpha: 0.01) == nil)
        #expect(FZ0.score(loss: 1, valueAtRisk: 2, expectedShortfall: -1, alpha: 0.01) == nil)
        #expect(FZ0.score(loss: 1, valueAtRisk: 2, expectedShortfall: .nan, alpha: 0.01) == nil)
    }

    /// Scaling loss, VaR and ES by `c` shifts the score by `ln c`.
    @Test func fz0ShiftsByTheLogOfTheScale() throws {
        for (l, q, e) in [(0.05, 0.03, 0.04), (0.01, 0.03, 0.04), (0.2, 0.1, 0.15)] {
            let s = try #require(FZ0.score(loss: l, valueAtRisk: q, expectedShortfall: e, alpha: 0.025))
            let t = try #require(FZ0.score(loss: 1e6 * l, valueAtRisk: 1e6 * q, expectedShortfall: 1e6 * e, alpha: 0.025))
            #expect(abs(t - s - log(1e6)) < 1e-9)
        }
    }

    @Test func fz0ScoresOfSyntheticForecastsMatchNumPy() {
        let s = Self.choice.synthetic
        for (scores, ref, mean, skipped) in [
            (FZ0.scores(losses: s.losses, valueAtRisk: s.varA, expectedShortfall: s.esA, alpha: s.alpha), s.scoresA, s.meanA, s.skippedA),
            (FZ0.scores(losses: s.losses, valueAtRisk: s.varB, expectedShortfall: s.esB, alpha: s.alpha), s.scoresB, s.meanB, s.skippedB),
        ] {
            #expect(scores.daily.map { $0 == nil } == ref.map { $0 == nil })
            for (a, b) in zip(scores.daily, ref) { if let a, let b { #expect(close(a, b, relative: 1e-12)) } }
            #expect(scores.skipped == skipped && scores.scored == s.losses.count - skipped)
            #expect(close(scores.mean!, mean, relative: 1e-12))
        }
    }

    static func check(_ dm: DieboldMarianoTest?, _ ref: ModelFixture.DM, days: Int) throws {
        let dm = try #require(dm)
        #expect(dm.days == days && dm.lags == ref.lags)
        #expect(close(dm.meanDifference, ref.meanDifference, relative: 1e-12))
        #expect(close(dm.longRunVariance, ref.longRunVariance, relative: 1e-12))
        #expect(close(dm.statistic, ref.statistic, relative: 1e-11))
        #expect(close(dm.pValue, ref.p, relative: 1e-10))
    }

    @Test func dieboldMarianoMatchesALiteralNeweyWest() throws {
        let s = Self.choice.synthetic
        try Self.check(DieboldMarianoTest(s.scoresA, s.scoresB), s.dieboldMariano, days: s.commonDays)
        // The formula series of 1000 days: L = 10, although floor(1000 ** (1/3)) is 9 in floats.
        let d = (0..<1000).map { t -> Double in
            let x = Double(t)
            return 0.05 + sin(0.37 * x) + 0.5 * cos(0.11 * x) + Double((t * 7919) % 13) / 13 - 0.5
        }
        try Self.check(DieboldMarianoTest(differences: d), Self.choice.formula.dieboldMariano, days: 1000)
    }

    @Test func dieboldMarianoLagsAreAnExactCubeRoot() {
        #expect([1, 7, 8, 26, 27, 999, 1000, 1001, 1564, 1565].map(DieboldMarianoTest.lags) == [1, 1, 2, 2, 3, 9, 10, 10, 11, 11])
    }

    @Test func identicalScoresGiveAPValueOfOne() throws {
        let a: [Double?] = (0..<50).map { Double($0 % 7) }
        let dm = try #require(DieboldMarianoTest(a, a))
        #expect(dm.pValue == 1 && dm.statistic == 0)
        let shifted = try #require(DieboldMarianoTest(differences: [Double](repeating: 0.3, count: 40)))
        #expect(shifted.pValue == 1)
        #expect(DieboldMarianoTest(differences: [1]) == nil)
        #expect(DieboldMarianoTest([1, nil, 3], [nil, 2, nil]) == nil)
    }

    @Test func rankingOrdersByScoreAndRecommendsTheBestPassingMethod() throws {
        let s = Self.choice.synthetic
        let a = FZ0.scores(losses: s.losses, valueAtRisk: s.varA, expectedShortfall: s.esA, alpha: s.alpha)
        let b = FZ0.scores(losses: s.losses, valueAtRisk: s.varB, expectedShortfall: s.esB, alpha: s.alpha)
        let (best, next) = a.mean! < b.mean! ? ("a", "b") : ("b", "a")
        let worse = FZ0Scores(daily: (best == "a" ? b : a).daily.map { $0.map { $0 + 1 } })
        let none = FZ0Scores(daily: [Double?](repeating: nil, count: a.daily.count))
        let ranking = ModelRanking(candidates: [
            ModelCandidate(name: "worse", passes: true, scores: worse),
            ModelCandidate(name: "unscored", passes: true, scores: none),
            ModelCandidate(name: "a", passes: best != "a", scores: a),
            ModelCandidate(name: "b", passes: best != "b", scores: b),
        ])
        #expect(ranking.rows.map(\.name) == [best, next, "worse", "unscored"])
        #expect(ranking.rows.map(\.rank) == [1, 2, 3, nil])
        #expect(ranking.rows[0].dmP == nil && ranking.rows[3].dmP == nil)
        let bestScores = best == "a" ? a : b, nextScores = best == "a" ? b : a
        #expect(ranking.rows[1].dieboldMariano == DieboldMarianoTest(nextScores.daily, bestScores.daily))
        #expect(ranking.rows[2].dieboldMariano == DieboldMarianoTest(worse.daily, bestScores.daily))
        // The best method fails its backtest: the recommendation is the next passing one.
        #expect(ranking.recommendation == next)

        let failing = ModelRanking(candidates: [ModelCandidate(name: "a", passes: false, scores: a),
                                                ModelCandidate(name: "b", passes: false, scores: b)])
        #expect(failing.recommendation == nil)
        #expect(failing.rows.map(\.rank) == [1, 2])
    }
}
