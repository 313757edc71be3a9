import Foundation
import Testing
@testable import TailRisk

struct ReturnSeriesTests {
    /// A crypto asset trading 7 days a week beside an equity trading 5 (Wed 2024-01-03 .. Tue 2024-01-09).
    static let mixedCalendar = """
        date,BTC,EQ
        2024-01-03,100,50
        2024-01-04,110,51
        2024-01-05,121,52
        2024-01-06,90,
        2024-01-07,99,
        2024-01-08,120,53
        2024-01-09,130,54

        """

    private func table(_ text: String) throws -> PriceTable {
        try PriceTable.parse(Array(text.utf8), source: "mixed.csv")
    }

    private func day(_ s: String) -> Day { Day(iso: s)! }

    @Test func weekendMoveLandsInMondaysReturn() throws {
        let s = try table(Self.mixedCalendar).returnSeries()
        #expect(s.dates.map(\.description) == ["2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09"])
        #expect(s.startDate == day("2024-01-03"))
        #expect(s.returns[2, 0] == log(120.0 / 121.0))
        #expect(s.returns[2, 1] == log(53.0 / 52.0))
        // Nothing is lost: the kept returns still add up to the whole move.
        let btc = s.returns.column(0).reduce(0, +)
        #expect(abs(btc - log(130.0 / 100.0)) < 1e-15)
        #expect(s.lastPrices == [130, 54])
        #expect(s.alignment == AlignmentReport(policy: .intersect, datesInRange: 7, datesKept: 5,
                                               datesLost: ["BTC": 2, "EQ": 0],
                                               firstPriceDates: ["BTC": day("2024-01-03"), "EQ": day("2024-01-03")],
                                               lastPriceDates: ["BTC": day("2024-01-09"), "EQ": day("2024-01-09")]))
        #expect(s.alignment.limitingAssets.isEmpty)
        // Crypto alone keeps every calendar day.
        let crypto = try table(Self.mixedCalendar).returnSeries(assets: ["BTC"])
        #expect(crypto.count == 6 && crypto.alignment.datesLost == ["BTC": 0])
    }

    @Test func gappyReturnsAreNaNWhereEitherPriceIsMissing() throws {
        let (dates, r) = try table(Self.mixedCalendar).gappyLogReturns(assets: ["EQ", "BTC"])
        #expect(dates.count == 6 && dates.first == day("2024-01-04"))
        #expect(r.column(0).map(\.isNaN) == [false, false, true, true, true, false])
        #expect(r[0, 0] == log(51.0 / 50.0))
        #expect(r.column(1) == [log(110.0 / 100), log(121.0 / 110), log(90.0 / 121), log(99.0 / 90),
                                log(120.0 / 99), log(130.0 / 120)])
    }

    @Test func fromToFilterPriceDatesAndWindowKeepsTheLastReturns() throws {
        let t = try table(Self.mixedCalendar)
        let s = try t.returnSeries(assets: ["BTC"], from: day("2024-01-04"), to: day("2024-01-07"))
        #expect(s.startDate == day("2024-01-04") && s.endDate == day("2024-01-07"))
        #expect(s.returns.column(0) == [log(121.0 / 110), log(90.0 / 121), log(99.0 / 90)])
        #expect(s.lastPrices == [99])
        #expect(s.alignment.datesInRange == 4)
        let w = try t.returnSeries(window: 2)
        #expect(w.dates.map(\.description) == ["2024-01-08", "2024-01-09"])
        #expect(w.startDate == day("2024-01-05"))
        #expect(w.returns.row(0) == [log(120.0 / 121), log(53.0 / 52)])
        // A range that starts on a weekend starts at the next kept date.
        let weekend = try t.returnSeries(from: day("2024-01-06"), minimumReturns: 1)
        #expect(weekend.startDate == day("2024-01-08") && weekend.count == 1)
        #expect(weekend.alignment.datesInRange == 4 && weekend.alignment.datesLost == ["BTC": 2, "EQ": 0])
    }

    @Test func optionErrorsAreNamed() throws {
        let t = try table(Self.mixedCalendar)
        func error(_ body: () throws -> ReturnSeries) -> TailRiskError? { TemporaryFiles.error(body) }
        #expect(error { try t.returnSeries(assets: ["BTC", "SOL"]) }
                == .invalidParameter(.assets, message: "unknown asset \"SOL\" (mixed.csv has: BTC, EQ)"))
        #expect(error { try t.returnSeries(assets: ["BTC", "BTC"]) }
                == .invalidParameter(.assets, message: "asset \"BTC\" is listed twice"))
        #expect(error { try t.returnSeries(from: day("2024-01-08"), to: day("2024-01-04")) }
                == .invalidParameter(.from, message: "2024-01-08 is after --to 2024-01-04"))
        #expect(error { try t.returnSeries(window: 0) }
                == .invalidParameter(.window, message: "the window must be at least 1 return, got 0"))
        #expect(error { try t.returnSeries(window: 5) } == .insufficientData(message:
                "BTC, EQ: --window 5 asks for more than the 4 common returns from 2024-01-03 to 2024-01-09 in mixed.csv"))
        #expect(error { try t.returnSeries(from: day("2024-01-06")) } == .insufficientData(message:
                "BTC, EQ: 1 common returns from 2024-01-06 to 2024-01-09 in mixed.csv; at least 2 needed"))
        #expect(error { try t.returnSeries(from: day("2024-02-01")) } == .insufficientData(message:
                "BTC, EQ: 0 common returns from 2024-02-01 to the end in mixed.csv; at least 2 needed"))
        #expect(throws: Never.self) { try t.returnSeries(from: day("2024-01-06"), minimumReturns: 1) }
    }

    @Test func overlappingReturnsSumConsecutiveRows() throws {
        let s = try table(Self.mixedCalendar).returnSeries(assets: ["BTC"])
        let o = try s.overlapping(horizon: 3)
        #expect(o.count == 4 && o.horizon == 3)
        #expect(o.dates == Array(s.dates[2...]))
        #expect(o.startDate == s.startDate && o.lastPrices == s.lastPrices)
        for t in 0..<4 {
            #expect(o.returns[t, 0] == s.returns[t, 0] + s.returns[t + 1, 0] + s.returns[t + 2, 0])
        }
        #expect(abs(o.returns[0, 0] - log(90.0 / 100)) < 1e-15)
        #expect(try s.overlapping(horizon: 5).count == 2)
        #expect(TemporaryFiles.error { try s.overlapping(horizon: 6) } == .insufficientData(message:
                "6 returns from 2024-01-03 to 2024-01-09 make fewer than 2 overlapping 6-step returns"))
    }

    @Test func rowsAndSuffixRecoverDatesAndPrices() throws {
        let t = try table(Self.mixedCalendar)
        let s = try t.returnSeries(assets: ["BTC"])
        let middle = s.rows(1..<4)
        #expect(middle.dates.map(\.description) == ["2024-01-05", "2024-01-06", "2024-01-07"])
        #expect(middle.startDate == day("2024-01-04"))
        #expect(middle.returns.column(0) == Array(s.returns.column(0)[1..<4]))
        #expect(abs(middle.lastPrices[0] / 99 - 1) < 1e-14)
        let last = s.suffix(2)
        #expect(last.dates.map(\.description) == ["2024-01-08", "2024-01-09"])
        #expect(last.startDate == day("2024-01-07") && last.lastPrices == [130])
        #expect(s.suffix(100).count == 6 && s.rows(0..<6).startDate == s.startDate)
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func cryptoIntersectionAndBlackThursday() throws {
        let t = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily.csv"))
        let s = try t.returnSeries(assets: ["BTC", "ETH", "LTC", "LINK", "MKR"])
        #expect(s.startDate == day("2017-12-26") && s.endDate == day("2020-07-27"))
        #expect(s.count == 944)
        #expect(s.alignment == AlignmentReport(policy: .intersect, datesInRange: 3663, datesKept: 945,
            datesLost: ["BTC": 3663 - 945, "ETH": 1816 - 945, "LTC": 2675 - 945, "LINK": 1033 - 945, "MKR": 0],
            firstPriceDates: s.alignment.firstPriceDates, lastPriceDates: s.alignment.lastPriceDates))
        // MKR's first price (2017-12-26, the sample's start) limits the sample.
        #expect(s.alignment.limitingAssets == ["MKR"] && s.alignment.firstPriceDates["MKR"] == day("2017-12-26"))
        // Prices of 2020-03-11 and 2020-03-12 copied from the file.
        let row = try #require(s.dates.firstIndex(of: day("2020-03-12")))
        #expect(s.returns[row, 0] == log(4959.31341437756 / 7939.34133477499))
        #expect(abs(s.returns[row, 0] - -0.470563) < 1e-6)
        #expect(s.returns[row, 4] == log(211.609698067838 / 490.242306291928))
        #expect(abs(s.returns[row, 4] - -0.840156) < 1e-6)
        #expect(s.lastPrices[0] == t.prices[t.dates.count - 1, 0])
        let (dates, gappy) = try t.gappyLogReturns(assets: ["BTC", "MKR"])
        #expect(dates.count == 3662 && gappy.column(1).filter(\.isFinite).count == 944)
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func equityReturnsOverAWeekend() throws {
        let t = try PriceTable.read(path: TestData.shared("equity_sp500_skfolio_daily.csv"))
        let s = try t.returnSeries(assets: ["AAPL", "XOM"], from: day("2020-03-01"), to: day("2020-03-31"))
        #expect(s.count == 21 && s.startDate == day("2020-03-02"))
        // Friday 2020-03-13 → Monday 2020-03-16, prices copied from the file.
        let row = try #require(s.dates.firstIndex(of: day("2020-03-16")))
        #expect(s.dates[row - 1] == day("2020-03-13"))
        #expect(s.returns[row, 0] == log(59.29 / 68.044))
        #expect(abs(s.returns[row, 0] - -0.137714) < 1e-6)
    }
}
