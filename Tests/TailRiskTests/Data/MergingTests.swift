import Foundation
import Testing
@testable import TailRisk

/// Several price files joined by date, aligned by intersect; returns and P&L files.
struct MergingTests {
    private func parse(_ text: String, _ source: String, kind: InputKind = .prices) throws -> PriceTable {
        try PriceTable.parse(Array(text.utf8), source: source, kind: kind)
    }

    /// A 7-day asset and a 5-day one: Monday's crypto return is Friday → Monday, never a zero.
    @Test func weekendMovesRollIntoTheNextCommonDate() throws {
        let crypto = try parse("date,BTC\n2024-01-05,100\n2024-01-06,90\n2024-01-07,99\n2024-01-08,120\n", "c.csv")
        let equity = try parse("date;EQ\n2024-01-05;50,5\n2024-01-08;53\n", "e.csv")
        let merged = try PriceTable.merging([crypto, equity])
        #expect(merged.assets == ["BTC", "EQ"] && merged.dates.count == 4 && merged.layout == .merged)
        #expect(merged.source == "c.csv + e.csv" && merged.files.map(\.source) == ["c.csv", "e.csv"])
        #expect(merged.files.map(\.convention) == [.decimalPoint, .decimalComma])
        let s = try merged.returnSeries(minimumReturns: 1)
        #expect(s.count == 1 && s.returns[0, 0] == log(120.0 / 100.0) && s.returns[0, 1] == log(53.0 / 50.5))
        #expect(s.alignment.datesLost == ["BTC": 2, "EQ": 0])
    }

    @Test func anAssetInTwoFilesIsRefusedNamingBoth() {
        let error = TemporaryFiles.error {
            try PriceTable.merging([try parse("date,BTC\n2024-01-05,1\n", "a.csv"), try parse("date,btc\n2024-01-05,1\n", "b.csv")])
        }
        #expect(error == .file(path: "b.csv", line: 1, column: nil, message:
            "asset \"btc\" is also in a.csv as \"BTC\"; each asset must come from one file (rename or drop one column)"))
    }

    /// The real files: on every kept date after a weekend BTC's return is the log of its
    /// Monday price over its Friday price, as read from the crypto file alone.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func cryptoAndEquityFromTwoFiles() throws {
        let crypto = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily.csv"))
        let equity = try PriceTable.read(path: TestData.shared("equity_sp500_skfolio_daily.csv"))
        let s = try PriceTable.merging([crypto, equity]).returnSeries(assets: ["BTC", "aapl"], from: Day(iso: "2019-01-01"),
                                                                     to: Day(iso: "2020-07-27"))
        #expect(s.assets == ["BTC", "AAPL"])
        let btc = crypto.index(of: "BTC")!, aapl = equity.index(of: "AAPL")!
        let equityDates = Set(equity.dates.indices.filter { equity.prices[$0, aapl].isFinite }.map { equity.dates[$0] })
        var weekends = 0
        var previous = s.startDate
        for (t, date) in s.dates.enumerated() {
            #expect(equityDates.contains(date))
            let a = crypto.dates.firstIndex(of: previous)!, b = crypto.dates.firstIndex(of: date)!
            #expect(s.returns[t, 0] == log(crypto.prices[b, btc] / crypto.prices[a, btc]))
            if b - a > 1 { weekends += 1 }
            previous = date
        }
        #expect(weekends > 70)
        // Every BTC calendar day from the start to the end is in some return: the log returns add up.
        let total = s.returns.column(0).reduce(0, +)
        let first = crypto.dates.firstIndex(of: s.startDate)!, last = crypto.dates.firstIndex(of: s.endDate)!
        #expect(abs(total - log(crypto.prices[last, btc] / crypto.prices[first, btc])) < 1e-12)
        #expect(s.alignment.datesLost["BTC"]! > 0 && s.alignment.datesLost["AAPL"] == 0)
    }

    @Test func givenReturnsAreUsedAsLogReturns() throws {
        let t = try parse("date,A,B\n2024-01-02,0.01,-0.02\n2024-01-03,,0.5\n2024-01-04,-0.5,0.1\n", "r.csv", kind: .returns)
        let log = try t.givenReturnSeries(kind: .returns)
        #expect(log.dates.map(\.description) == ["2024-01-02", "2024-01-04"])
        #expect(log.returns.column(0) == [0.01, -0.5] && log.alignment.datesLost == ["A": 0, "B": 1])
        let simple = try t.givenReturnSeries(kind: .returns, returnType: .simple, assets: ["b"])
        #expect(simple.returns.column(0) == [log1p(-0.02), log1p(0.5), log1p(0.1)])
        let pnl = try parse("date,desk\n2024-01-02,-1500\n2024-01-03,300\n", "p.csv", kind: .pnl).givenReturnSeries(kind: .pnl)
        // Scaled by 2^11 = 2048 ≥ 1500: exact, so scale × series gives the file's numbers back.
        #expect(pnl.lastPrices == [2048] && pnl.returns.column(0).map { $0 * 2048 } == [-1500, 300])
        let bad = try parse("date,A\n2024-01-02,-1\n2024-01-03,0\n", "r.csv", kind: .returns)
        let error = TemporaryFiles.error { try bad.givenReturnSeries(kind: .returns, returnType: .simple) }
        #expect(error == .file(path: "r.csv", line: nil, column: nil, message:
            "simple return -1.0 for A on 2024-01-02 is −100% or less; a simple return must exceed −1 (are these log returns? --return-type log)"))
    }
}

struct SampleLimitTests {
    /// A starts late and B ends early: each is named with its date, as the table head says.
    @Test func theAssetsThatStartAndEndTheSampleAreNamed() throws {
        let t = try PriceTable.parse(Array("date,A,B\n2024-01-01,,1\n2024-01-02,1,2\n2024-01-03,2,3\n2024-01-04,3,\n".utf8),
                                     source: "t.csv")
        let a = try t.returnSeries(minimumReturns: 1).alignment
        #expect(a.limitingAssets == ["A"] && a.firstPriceDates["A"] == Day(iso: "2024-01-02"))
        #expect(a.endingAssets == ["B"] && a.lastPriceDates["B"] == Day(iso: "2024-01-03"))
        #expect(a.datesLost == ["A": 1, "B": 1])
    }
}
