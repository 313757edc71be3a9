import Foundation
import Testing
@testable import TailRisk

@Suite(.tags(.realData)) struct HistoricalReplayTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }

    /// Two assets, five daily returns dated 2020-01-02 … 2020-01-06.
    static func series() -> ReturnSeries {
        let r: [[Double]] = [[0.01, 0.0], [-0.10, -0.02], [-0.05, 0.03], [0.02, -0.04], [0.2, 0.1]]
        var m = Matrix(rows: 5, cols: 2)
        for t in 0..<5 { for j in 0..<2 { m[t, j] = r[t][j] } }
        let dates = (2...6).map { day("2020-01-0\($0)") }
        return ReturnSeries(assets: ["A", "B"], dates: dates, returns: m, startDate: day("2020-01-01"),
                            lastPrices: [1, 1], alignment: AlignmentReport(policy: .intersect, datesInRange: 6,
                                                                           datesKept: 6, datesLost: [:]))
    }

    /// Hand computation on 2020-01-03 … 2020-01-05 (rows 1…3), h = 2, values 100 and 50.
    @Test func figuresMatchAHandComputation() throws {
        let w = ReplayWindow(from: Self.day("2020-01-03"), to: Self.day("2020-01-05"))
        let r = try HistoricalReplay.run(series: Self.series(), values: [100, 50], window: w, horizon: 2,
                                         thresholds: [0.8, 0.5], debt: 80)
        #expect(r.returns == 3)
        let total = -(100 * expm1(-0.10 - 0.05 + 0.02) + 50 * expm1(-0.02 + 0.03 - 0.04))
        #expect(abs(r.totalLoss - total) < 1e-12)
        // Stretches (rows 1–2) and (rows 2–3): the first loses more.
        let first = -(100 * expm1(-0.15) + 50 * expm1(0.01))
        let second = -(100 * expm1(-0.03) + 50 * expm1(-0.01))
        #expect(first > second)
        #expect(abs(r.worstLoss - first) < 1e-12)
        #expect(r.worstStart == Self.day("2020-01-03") && r.worstEnd == Self.day("2020-01-04"))
        #expect(abs(r.healthFactorStart! - (80 + 25) / 80.0) < 1e-15)
        #expect(abs(r.healthFactorAfterWorst! - (80 * exp(-0.15) + 25 * exp(0.01)) / 80) < 1e-12)
        // HF path: 2020-01-03 (80e^-0.1 + 25e^-0.02)/80 = 1.199…; 2020-01-04 (80e^-0.15+25e^0.01)/80 = 1.176…
        let hf4 = (80 * exp(-0.15) + 25 * exp(0.01)) / 80
        let hf5 = (80 * exp(-0.13) + 25 * exp(-0.03)) / 80
        #expect(r.path.count == 4 && r.path[0].date == Self.day("2020-01-02"))
        #expect(abs(r.minimumHealthFactor! - min(hf4, hf5)) < 1e-12)
        #expect(r.liquidated == false && r.liquidatedOn == nil)
        let tighter = try HistoricalReplay.run(series: Self.series(), values: [100, 50], window: w, horizon: 1,
                                               thresholds: [0.8, 0.5], debt: 100)
        #expect(tighter.liquidated == true && tighter.liquidatedOn == Self.day("2020-01-03"))
    }

    @Test func aWindowShorterThanTheHorizonIsRefused() {
        let w = ReplayWindow(from: Self.day("2020-01-05"), to: Self.day("2020-03-01"))
        #expect(throws: TailRiskError.self) {
            _ = try HistoricalReplay.run(series: Self.series(), values: [1, 1], window: w, horizon: 3)
        }
        let outside = ReplayWindow(from: Self.day("2021-01-01"), to: Self.day("2021-02-01"))
        #expect(throws: TailRiskError.self) {
            _ = try HistoricalReplay.run(series: Self.series(), values: [1, 1], window: outside, horizon: 1)
        }
    }

    @Test func windowsParseAndRefuseBadText() throws {
        let w = try ReplayWindow(parsing: "2020-03-05:2020-03-20")
        #expect(w.from == Self.day("2020-03-05") && w.to == Self.day("2020-03-20"))
        #expect(throws: TailRiskError.self) { _ = try ReplayWindow(parsing: "2020-03-20:2020-03-05") }
        #expect(throws: TailRiskError.self) { _ = try ReplayWindow(parsing: "2020-03-05") }
    }

    /// The NumPy reference (Fixtures/stress/make_replay_fixture.py) on the shared crypto file.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func replaysMatchTheNumPyReference() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("stress/replay.json")))
        let fixture = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let collateral = try #require(fixture["collateral"] as? [String: Double])
        let ltTable = try #require(fixture["lt"] as? [String: Double])
        let assets = ["BTC", "ETH", "DAI"]
        let table = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily.csv"))
        let series = try HaircutAnalysis.relativeSeries(table: table, collateral: assets, numeraire: .asset("USDC"),
                                                        from: nil, to: nil, window: nil)
        let values = zip(assets, series.lastPrices).map { collateral[$0]! * $1 }
        let expectedValues = try #require(fixture["values"] as? [Double])
        func close(_ a: Double, _ b: Double, _ what: String) {
            #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-300), "\(what): \(a) vs \(b)")
        }
        for (v, e) in zip(values, expectedValues) { close(v, e, "value") }
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        for c in cases {
            let w = try ReplayWindow(parsing: "\(c["from"]!):\(c["to"]!)")
            let r = try HistoricalReplay.run(series: series, values: values, window: w, horizon: c["horizon"] as! Int,
                                             thresholds: assets.map { ltTable[$0]! }, debt: c["debt"] as? Double)
            #expect(r.returns == c["returns"] as? Int)
            close(r.totalLoss, c["total_loss"] as! Double, "total loss \(w)")
            close(r.worstLoss, c["worst_loss"] as! Double, "worst loss \(w)")
            #expect(r.worstStart.description == c["worst_start"] as? String)
            #expect(r.worstEnd.description == c["worst_end"] as? String)
            close(r.healthFactorStart!, c["health_factor_start"] as! Double, "HF start")
            close(r.healthFactorAfterWorst!, c["health_factor_after_worst"] as! Double, "HF after worst")
            close(r.minimumHealthFactor!, c["min_health_factor"] as! Double, "min HF")
            #expect(r.minimumHealthFactorDate?.description == c["min_health_factor_date"] as? String)
            #expect(r.liquidatedOn?.description == c["liquidated_on"] as? String)
            let pnl = try #require(c["path_pnl"] as? [Double])
            let hf = try #require(c["path_hf"] as? [Double])
            #expect(r.path.count == pnl.count + 1)
            for (p, (e, f)) in zip(r.path.dropFirst(), zip(pnl, hf)) {
                close(p.pnl, e, "pnl \(p.date)")
                close(p.healthFactor!, f, "hf \(p.date)")
            }
        }
    }
}
