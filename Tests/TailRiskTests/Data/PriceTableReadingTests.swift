import Foundation
import Testing
@testable import TailRisk

struct PriceTableReadingTests {
    private func parse(_ text: String) throws -> PriceTable {
        try PriceTable.parse(Array(text.utf8), source: "test.csv")
    }

    private func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test func wideWithGapsNeverZeros() throws {
        let t = try parse("date,BTC,ETH\n2020-01-01,7000.5,\n2020-01-02,7100,130.25\n")
        #expect(t.layout == .wide)
        #expect(t.assets == ["BTC", "ETH"])
        #expect(t.dates == [Day(iso: "2020-01-01")!, Day(iso: "2020-01-02")!])
        #expect(t.prices[0, 0] == 7000.5 && t.prices[1, 0] == 7100 && t.prices[1, 1] == 130.25)
        #expect(t.prices[0, 1].isNaN)
    }

    @Test func bomCRLFNoTrailingNewlineAndSpaces() throws {
        let text = "date,BTC, ETH \r\n2020-01-01,1.5, \r\n2020-01-02 ,2,3\r\n\r\n  \r\n"
        let path = try TemporaryFiles.write([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let t = try PriceTable.read(path: path)
        #expect(t.source == path)
        #expect(t.assets == ["BTC", "ETH"])
        #expect(t.dates.count == 2)
        #expect(sameValues(t.prices.matrix.storage, [1.5, 2, .nan, 3]))
        let noFinalNewline = try parse("date,BTC\n2020-01-01,1\n2020-01-02,2")
        #expect(noFinalNewline.prices.matrix.storage == [1, 2])
    }

    @Test func longLayoutUnionOfAssetsInOrderOfFirstAppearance() throws {
        let t = try parse("Date,Asset,PRICE\n2020-01-01,ETH,10\n2020-01-01,BTC,100\n2020-01-02,BTC,101\n"
                          + "2020-01-02,SOL,1\n2020-01-02,ETH,11\n2020-01-03,ETH,\n")
        #expect(t.layout == .long)
        #expect(t.assets == ["ETH", "BTC", "SOL"])
        #expect(t.dates.map(\.description) == ["2020-01-01", "2020-01-02", "2020-01-03"])
        #expect(sameValues(t.prices.column(0), [10, 11, .nan]))
        #expect(sameValues(t.prices.column(1), [100, 101, .nan]))
        #expect(sameValues(t.prices.column(2), [.nan, 1, .nan]))
    }

    /// A three-column wide file whose header is not exactly date,asset,price stays wide.
    @Test func threeColumnWideFileIsNotLong() throws {
        let t = try parse("date,asset,value\n2020-01-01,1,2\n")
        #expect(t.layout == .wide && t.assets == ["asset", "value"])
    }

    /// The fast path must give the correctly rounded double, as the standard library does.
    @Test func decimalParserMatchesStandardLibrary() {
        var texts = ["0.08584", "7939.34133477499", "1", "+2.5", "-0.0", "1e-3", "12.5E+2", "0.000001", ".5", "5.",
                     "123456789012345678901234", "0.1234567890123456789012", "9007199254740993", "4.9e-324",
                     "1.7976931348623157e308", "00012.3400"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let v = Double.random(in: 1e-6...1e6, using: &rng)
            texts.append("\(v)")
            texts.append(String(format: "%.3f", v))
            texts.append(String(format: "%.17g", v))
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { DecimalParser.parse($0, 0..<bytes.count) }
            #expect(parsed == .value(Double(text)!), "\(text)")
        }
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func wideAndLongCryptoFilesGiveTheSameTable() throws {
        let wide = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily.csv"))
        let long = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily_long.csv"))
        #expect(wide.layout == .wide && long.layout == .long)
        // The long file lists assets by first listing (LTC, 2013, before ETH, 2015): same set, own order.
        #expect(long.assets == ["BTC", "LTC", "DOGE", "XRP", "USDT", "ETH", "XLM", "ETC", "BCH", "LINK", "ADA", "MKR",
                                "USDC", "DAI", "PAXG"])
        #expect(Set(wide.assets) == Set(long.assets) && wide.assets.count == 15)
        #expect(wide.dates == long.dates)
        #expect(wide.dates.count == 3663)
        #expect(wide.dates.first?.description == "2010-07-18" && wide.dates.last?.description == "2020-07-27")
        let reordered = long.prices.matrix.columns(wide.assets.map { long.index(of: $0)! })
        let identical = sameValues(wide.prices.matrix.storage, reordered.storage)
        #expect(identical)
        // Priced-day counts from the data README.
        let counts = wide.assets.indices.map { j in wide.prices.column(j).filter(\.isFinite).count }
        #expect(counts == [3663, 1816, 2675, 2174, 1092, 970, 1033, 945, 2378, 1763, 1464, 2122, 669, 251, 164])
    }

    /// Load time is reported, not asserted.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func loadsTheSP500File() throws {
        let t = try PriceTable.read(path: TestData.shared("equity_sp500_skfolio_daily.csv"))
        #expect(t.dates.count == 8313 && t.assets.count == 20)
        #expect(t.prices.matrix.storage.allSatisfy { $0 > 0 })
        #expect(t.prices[0, 0] == 0.264)  // AAPL 1990-01-02
    }
}
