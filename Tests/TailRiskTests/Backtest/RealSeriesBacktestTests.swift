import Foundation
import Testing
@testable import TailRisk

/// The rolling historical backtest of a $50 BTC + $50 ETH basket on the shared
/// Coin Metrics file, against `Fixtures/backtest/kupiec_btc_eth.json`
/// (NumPy forecasts, vartests' Kupiec test, literal Christoffersen).
@Suite(.tags(.realData)) struct RealSeriesBacktestTests {
    struct Fixture: Decodable {
        struct Level: Decodable {
            let confidence: Double
            let exceeded: String
            let exceedances: Int
            let kupiecLR: Double
            let kupiecP: Double
            let transitions: [Int]
            let christoffersenLRInd: Double
            let christoffersenPInd: Double
            let christoffersenLRCC: Double
            let christoffersenPCC: Double
            let `var`: [Double]?
            let es: [Double]?
        }
        let window: Int
        let firstDate: String
        let lastDate: String
        let days: Int
        let levels: [Level]
    }

    /// BTC and ETH log returns over the dates where both have a price (a minimal
    /// reader for this one file; the CSV reader proper lives in Data/).
    static func btcEth() throws -> ReturnSeries {
        let text = try String(contentsOfFile: TestData.shared("crypto_coinmetrics_daily.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
        let b = try #require(header.firstIndex(of: "BTC")), e = try #require(header.firstIndex(of: "ETH"))
        var dates: [Day] = [], prices: [[Double]] = []
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let pb = Double(f[b]), let pe = Double(f[e]) else { continue }
            dates.append(try #require(Day(iso: f[0])))
            prices.append([pb, pe])
        }
        let n = prices.count - 1
        var r = Matrix(rows: n, cols: 2)
        for t in 0..<n { for j in 0..<2 { r[t, j] = log(prices[t + 1][j] / prices[t][j]) } }
        return ReturnSeries(assets: ["BTC", "ETH"], dates: Array(dates[1...]), returns: r, startDate: dates[0],
                            lastPrices: prices[n], alignment: AlignmentReport(
                                policy: .intersect, datesInRange: dates.count, datesKept: dates.count, datesLost: [:]))
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func historicalBacktestMatchesNumPyAndVartests() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("backtest/kupiec_btc_eth.json")))
        let f = try JSONDecoder().decode(Fixture.self, from: data)
        let levels = try f.levels.map { try ConfidenceLevel($0.confidence) }
        let results = try RollingBacktest(series: try Self.btcEth(), values: [50, 50], window: f.window,
                                          levels: levels, forecasters: [.historical()]).run()
        for (r, ref) in zip(results, f.levels) {
            #expect(r.days.count == f.days)
            #expect(r.days.first?.date.description == f.firstDate && r.days.last?.date.description == f.lastDate)
            if let v = ref.var, let es = ref.es {
                #expect(zip(r.days, v).allSatisfy { abs($0.valueAtRisk - $1) <= 1e-12 * abs($1) })
                #expect(zip(r.days, es).allSatisfy { abs($0.expectedShortfall - $1) <= 1e-12 * abs($1) })
            }
            let hits = r.days.map { $0.exceeded ? "1" : "0" }.joined()
            #expect(hits == ref.exceeded)
            let t = r.tests
            #expect(t.exceedances == ref.exceedances && t.observations == f.days)
            #expect(abs(t.kupiecLR - ref.kupiecLR) < 1e-10)
            #expect(abs(t.kupiecP - ref.kupiecP) < 1e-10)
            let c = Christoffersen.transitions(r.days.map(\.exceeded))
            #expect([c.n00, c.n01, c.n10, c.n11] == ref.transitions)
            #expect(abs(t.christoffersenLRInd - ref.christoffersenLRInd) < 1e-10)
            #expect(abs(t.christoffersenPInd - ref.christoffersenPInd) < 1e-10)
            #expect(abs(t.christoffersenLRCC - ref.christoffersenLRCC) < 1e-10)
            #expect(abs(t.christoffersenPCC - ref.christoffersenPCC) < 1e-10)
        }
    }
}
