import Foundation
import Testing
@testable import TailRisk

@Suite struct CornishFisherTests {
    struct Sample: Decodable {
        struct Level: Decodable { let confidence: Double; let `var`: Double; let es: Double }
        let name: String
        let pnl: [Double]
        let mean: Double
        let m2: Double
        let skewness: Double
        let excessKurtosis: Double
        let levels: [Level]
    }

    static func samples() throws -> [Sample] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("risk/cornish_fisher.json")))
        return try JSONDecoder().decode([Sample].self, from: data)
    }

    @Test func matchesPerformanceAnalyticsPort() throws {
        for s in try Self.samples() {
            let m = SampleMoments(s.pnl)
            #expect(abs(m.mean - s.mean) < 1e-10)
            #expect(abs(m.variance / s.m2 - 1) < 1e-12)
            #expect(abs(m.skewness - s.skewness) < 1e-10)
            #expect(abs(m.excessKurtosis - s.excessKurtosis) < 1e-10)
            let es = try CornishFisher.estimates(pnl: s.pnl, levels: s.levels.map { try ConfidenceLevel($0.confidence) })
            for (e, ref) in zip(es, s.levels) {
                #expect(abs(e.valueAtRisk / ref.var - 1) < 1e-10, "\(s.name) VaR \(ref.confidence)")
                #expect(abs(e.expectedShortfall / ref.es - 1) < 1e-10, "\(s.name) ES \(ref.confidence)")
                #expect(e.method == .cornishFisher)
                #expect(e.expectedShortfall >= e.valueAtRisk)
            }
        }
    }

    @Test func warnsWhereTheExpansionBreaksDown() throws {
        let samples = try Self.samples()
        let levels = try [0.95, 0.975, 0.99].map { try ConfidenceLevel($0) }
        // Student-t (S ≈ −0.2, K ≈ 1.3): monotone, no notes.
        let t = try CornishFisher.estimates(pnl: samples[0].pnl, levels: levels)
        #expect(t.allSatisfy { $0.notes.isEmpty })
        for (a, b) in zip(t, t.dropFirst()) { #expect(b.valueAtRisk > a.valueAtRisk) }
        // Right-skewed (S ≈ 1.6): the PerformanceAnalytics VaR falls from 97.5% to 99%.
        let r = try CornishFisher.estimates(pnl: samples[1].pnl, levels: levels)
        #expect(r[2].valueAtRisk < r[1].valueAtRisk)
        #expect(r.allSatisfy { $0.notes.contains { $0.text.contains("not monotone") } })
        #expect(r.allSatisfy { $0.notes.contains { $0.text.contains("skewness") } })
        // A single level is checked at its own z.
        #expect(!CornishFisher.isMonotone(from: -2.33, to: -2.33, skewness: 1.6157881806067456, excessKurtosis: 3.79679039634111))
    }

    @Test func normalMomentsGiveTheNormalFormulas() {
        // S = K = 0: z_cf = z and Boudt's E = φ(z), so VaR/ES are the normal ones.
        let z = Normal.quantile(0.01)
        #expect(CornishFisher.adjustedQuantile(z, skewness: 0, excessKurtosis: 0) == z)
        #expect(abs(CornishFisher.tailExpectation(z, skewness: 0, excessKurtosis: 0) / 0.01 - 2.665214) < 1e-6)
    }

    @Test func negativeVaRIsReportedWithANote() throws {
        // A book that gains 10 ± 1 every day: the 95% quantile is a gain.
        let pnl = (0..<200).map { 10 + sin(Double($0)) }
        let e = try CornishFisher.estimates(pnl: pnl, levels: [ConfidenceLevel(0.95)])[0]
        #expect(e.valueAtRisk < 0)
        #expect(e.notes.contains { $0.text.contains("negative") })
    }

    @Test func constantSeriesIsRefused() {
        #expect(throws: TailRiskError.insufficientData(message: "Cornish–Fisher VaR of a constant P&L series (zero variance)")) {
            try CornishFisher.estimates(pnl: [1, 1, 1], levels: [ConfidenceLevel(0.99)])
        }
    }

    /// The sample basket of `make run` (six large caps, last 1000 returns, excess kurtosis ≈ 11): there
    /// PerformanceAnalytics' modified ES falls from 97.5% to 99% and is floored at the VaR at 99%. Both are
    /// said in notes, never reported silently.
    @Test func nonMonotoneModifiedESIsNoted() throws {
        let table = try PriceTable.read(path: TestData.repositoryRoot.appendingPathComponent("Data/sp500_skfolio_daily.csv").path)
        let series = try table.returnSeries(assets: ["AAPL", "MSFT", "JPM", "XOM", "KO", "JNJ"], window: 1000)
        let pnl = PnLSeries.portfolio(returns: series.returns, values: [251_348, 233_434, 194_362, 266_568, 187_827, 208_902],
                                      model: .exact)
        let e = try CornishFisher.estimates(pnl: pnl, levels: [ConfidenceLevel(0.975), ConfidenceLevel(0.99)])
        #expect(e[1].expectedShortfall < e[0].expectedShortfall)
        #expect(e[0].notes.contains { $0.text.contains("modified ES falls from 0.975 to 0.99") })
        #expect(e[1].notes.contains { $0.text.contains("modified ES falls from 0.975 to 0.99") })
        #expect(e[1].expectedShortfall == e[1].valueAtRisk)
        #expect(e[1].notes.contains { $0.text.contains("set to it") })
        #expect(!e[0].notes.contains { $0.text.contains("set to it") })
    }
}
