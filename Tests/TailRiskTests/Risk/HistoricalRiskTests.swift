import Foundation
import Testing
@testable import TailRisk

@Suite struct HistoricalRiskTests {
    struct Fixture: Decodable {
        struct Pair: Decodable { let `var`: Double; let es: Double }
        struct Level: Decodable { let confidence: Double; let orderStatistic: Pair; let linear: Pair }
        let pnl: [Double]
        let levels: [Level]
    }

    static func fixture() throws -> Fixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("risk/historical_student_t.json")))
        return try JSONDecoder().decode(Fixture.self, from: data)
    }

    @Test func bothConventionsMatchNumPyOn250StudentTDraws() throws {
        let f = try Self.fixture()
        let levels = try f.levels.map { try ConfidenceLevel($0.confidence) }
        let os = try HistoricalRisk.estimates(pnl: f.pnl, levels: levels, convention: .orderStatistic)
        let lin = try HistoricalRisk.estimates(pnl: f.pnl, levels: levels, convention: .linear)
        for (i, ref) in f.levels.enumerated() {
            #expect(Tolerances.close(os[i].valueAtRisk, ref.orderStatistic.var, relative: Tolerances.fixture))
            #expect(Tolerances.close(os[i].expectedShortfall, ref.orderStatistic.es, relative: Tolerances.fixture))
            #expect(Tolerances.close(lin[i].valueAtRisk, ref.linear.var, relative: Tolerances.fixture))
            #expect(Tolerances.close(lin[i].expectedShortfall, ref.linear.es, relative: Tolerances.fixture))
            #expect(os[i].method == .historical)
        }
        // The conventions differ visibly at 97.5% (methods.md: "by a few percent").
        #expect(abs(os[1].expectedShortfall / lin[1].expectedShortfall - 1) > 0.01)
    }

    @Test func binary64TrapGivesTheTenThousandthLoss() throws {
        // n = 10⁶ losses 1, 2, …, 10⁶; at 99% k must be 10000, not 10001.
        let n = 1_000_000
        let losses = (1...n).map(Double.init)
        let e = try HistoricalRisk.estimate(losses: losses, level: ConfidenceLevel(0.99))
        #expect(e.valueAtRisk == Double(n - 10_000 + 1))
        // Mean of the 10000 largest: (10⁶ + 990001)/2.
        #expect(abs(e.expectedShortfall - 995_000.5) < 1e-6)
    }

    @Test func fractionalTailUsesAcerbiTascheWeights() throws {
        // n = 10, α = 0.25 → k = 2.5: ES = (10 + 9 + 8·0.5)/2.5 = 9.2, VaR = L_(3) = 8.
        let e = try HistoricalRisk.estimate(losses: (1...10).map(Double.init), level: ConfidenceLevel(0.75))
        #expect(e.valueAtRisk == 8)
        #expect(abs(e.expectedShortfall - 9.2) < 1e-12)
    }

    @Test func contributionsSumToESWithTiesBrokenByIndex() throws {
        // Three assets; portfolio P&L has ties at the tail boundary.
        let asset = Matrix([[-3, -1, 0], [1, -3, -2], [-2, -2, 0], [0.5, 0.5, 0], [-1, 0, -3], [2, 1, 1],
                            [0, 0, 0.5], [-1, 1, -1], [1, 1, 1], [0.2, 0.1, 0]])
        let pnl = (0..<asset.rows).map { t in (0..<3).reduce(0.0) { $0 + asset[t, $1] } }
        for convention in QuantileConvention.allCases {
            let es = try HistoricalRisk.estimates(pnl: pnl, assetPnL: asset,
                                                  levels: [ConfidenceLevel(0.75), ConfidenceLevel(0.9)],
                                                  convention: convention)
            for e in es {
                let c = try #require(e.contributions)
                #expect(abs(c.reduce(0, +) - e.expectedShortfall) < 1e-12)
            }
        }
        // Losses are 4, 4, 4, … (rows 0, 1, 2 tie, row 4 too): k = 2.5 takes rows 0, 1 and half of row 2.
        let e = try HistoricalRisk.estimates(pnl: pnl, assetPnL: asset, levels: [ConfidenceLevel(0.75)])[0]
        let c = try #require(e.contributions)
        #expect(abs(c[0] - (3 - 1 + 2 * 0.5) / 2.5) < 1e-12)
        #expect(abs(c[1] - (1 + 3 + 2 * 0.5) / 2.5) < 1e-12)
        #expect(abs(c[2] - (0 + 2 + 0) / 2.5) < 1e-12)
    }

    @Test func contributionsOfAnExactPnLBasketSumToES() throws {
        // 1,000 days × 3 assets (one short) from the Student-t fixture, shifted per asset.
        let f = try Self.fixture()
        var r = Matrix(rows: 1000, cols: 3)
        for t in 0..<1000 { for j in 0..<3 { r[t, j] = f.pnl[(t * (j + 1) + 7 * j) % 250] / 1000 } }
        let values = [120.0, 80.0, -50.0]
        let asset = PnLSeries.assets(returns: r, values: values, model: .exact)
        let pnl = (0..<1000).map { t in (0..<3).reduce(0.0) { $0 + asset[t, $1] } }
        let levels = try [0.95, 0.975, 0.99, 0.999].map { try ConfidenceLevel($0) }
        for convention in QuantileConvention.allCases {
            for e in try HistoricalRisk.estimates(pnl: pnl, assetPnL: asset, levels: levels, convention: convention) {
                let c = try #require(e.contributions)
                #expect(abs(c.reduce(0, +) - e.expectedShortfall) <= 1e-12 * abs(e.expectedShortfall))
                #expect(c[2] != 0)
            }
        }
    }

    @Test func esAtLeastVaRAndVaRMonotoneInConfidence() throws {
        let f = try Self.fixture()
        let levels = try stride(from: 0.8, through: 0.995, by: 0.005).map { try ConfidenceLevel($0) }
        for convention in QuantileConvention.allCases {
            let es = try HistoricalRisk.estimates(pnl: f.pnl, levels: levels, convention: convention)
            for (a, b) in zip(es, es.dropFirst()) {
                #expect(b.valueAtRisk >= a.valueAtRisk)
                #expect(b.expectedShortfall >= a.expectedShortfall)
            }
            #expect(es.allSatisfy { $0.expectedShortfall >= $0.valueAtRisk })
        }
    }

    @Test func negativeVaRIsKeptWithANote() throws {
        let e = try HistoricalRisk.estimates(pnl: [1, 2, 3, 4], levels: [ConfidenceLevel(0.75)])[0]
        #expect(e.valueAtRisk == -1)
        #expect(e.notes.contains { $0.text.contains("negative") })
    }

    @Test func emptySampleIsInsufficientData() {
        #expect(throws: TailRiskError.insufficientData(message: "historical VaR needs at least one observation")) {
            try HistoricalRisk.estimates(pnl: [], levels: [ConfidenceLevel(0.99)])
        }
    }

    @Test func pnlSeriesExactAndLinear() {
        let r = Matrix([[0.1, -0.2], [0.0, 0.05]])
        let v = [100.0, -50.0]
        let exact = PnLSeries.portfolio(returns: r, values: v, model: .exact)
        #expect(abs(exact[0] - (100 * (exp(0.1) - 1) - 50 * (exp(-0.2) - 1))) < 1e-12)
        let linear = PnLSeries.portfolio(returns: r, values: v, model: .linear)
        #expect(abs(linear[1] - (-2.5)) < 1e-12)
        let per = PnLSeries.assets(returns: r, values: v, model: .exact)
        #expect(abs(per[0, 0] + per[0, 1] - exact[0]) < 1e-12)
    }
}
