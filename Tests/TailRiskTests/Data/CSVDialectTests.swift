import Foundation
import Testing
@testable import TailRisk

/// CSV as spreadsheets and pandas write it: quoting, `;` files with decimal commas,
/// pandas' unnamed index, long-file header aliases and row order, asset names in any case.
struct CSVDialectTests {
    private func parse(_ text: String, kind: InputKind = .prices) throws -> PriceTable {
        try PriceTable.parse(Array(text.utf8), source: "test.csv", kind: kind)
    }

    @Test func quotedHeadersAndCellsWithCRLF() throws {
        let t = try parse("\"date\",\"BTC\",\"Fund, \"\"A\"\" class\"\r\n\"2020-01-01\",\"11,004.21\",\"1.5\"\r\n"
                          + "2020-01-02,\"1,234,567\", 2 \r\n")
        #expect(t.assets == ["BTC", "Fund, \"A\" class"])
        #expect(t.prices[0, 0] == Double("11004.21")! && t.prices[1, 0] == 1_234_567)
        #expect(t.prices[0, 1] == 1.5 && t.prices[1, 1] == 2)
        #expect(t.files.first?.convention == .decimalPoint)
    }

    @Test func semicolonFilesUseDecimalCommas() throws {
        let t = try parse("date;BTC;ETH\n2020-01-01;11.004,21;1,5\n2020-01-02;\"7,25\";1.000\n")
        #expect(t.prices[0, 0] == Double("11004.21")! && t.prices[0, 1] == 1.5)
        #expect(t.prices[1, 0] == 7.25 && t.prices[1, 1] == 1000)
        #expect(t.files.first?.convention == .decimalComma)
        #expect(t.files.first?.summary == "test.csv: wide, \";\"-separated, \",\" decimals")
    }

    /// Thousands separators only in the integer part, groups of three after a first group of 1–3 digits.
    @Test(arguments: [
        ("1,234", NumberConvention.decimalPoint, 1234.0), ("12,345,678.5", .decimalPoint, 12_345_678.5),
        ("-1,000", .decimalPoint, -1000), ("1.234,5", .decimalComma, 1234.5), ("0,25", .decimalComma, 0.25),
        ("1234,5", .decimalComma, 1234.5), ("1,5e3", .decimalComma, 1500),
    ])
    func groupedNumbersAreRead(text: String, convention: NumberConvention, expected: Double) {
        #expect(DecimalParser.parse(text, convention: convention) == .value(expected))
    }

    @Test(arguments: [
        ("1,5", NumberConvention.decimalPoint), ("0,123", .decimalPoint), ("1,23", .decimalPoint), ("1234,567", .decimalPoint),
        ("1,234,56", .decimalPoint), (",123", .decimalPoint), ("1.5", .decimalComma), ("1.234.5", .decimalComma),
        ("1,234.5", .decimalComma), ("1.5,2", .decimalPoint), ("12.345,6", .decimalPoint),
    ])
    func ambiguousNumbersAreRefused(text: String, convention: NumberConvention) {
        #expect(DecimalParser.parse(text, convention: convention) == .notANumber)
    }

    /// `df.reset_index().to_csv()` writes `,date,…` with a row number first: the number is ignored.
    @Test func unnamedIndexBeforeADateColumnIsIgnored() throws {
        let t = try parse(",date,BTC\n0,2020-01-01,1\n1,2020-01-02,2\n")
        #expect(t.assets == ["BTC"] && t.dates.count == 2 && t.prices[1, 0] == 2)
        #expect(t.files.first?.ignoredColumns == ["column 1 (unnamed index)"])
        let long = try parse(",Date,Ticker,Close\n0,2020-01-01,AAPL,10\n1,2020-01-02,AAPL,11\n")
        #expect(long.layout == .long && long.assets == ["AAPL"] && long.prices[1, 0] == 11)
    }

    /// A date-indexed `df.to_csv()` writes `,BTC,…`: the unnamed first column is the date.
    @Test func unnamedFirstColumnIsTheDateOtherwise() throws {
        let t = try parse(",BTC,ETH\n2020-01-01 00:00:00,1,2\n2020-01-02 00:00:00,3,4\n")
        #expect(t.assets == ["BTC", "ETH"] && t.dates.map(\.description) == ["2020-01-01", "2020-01-02"])
        #expect(t.files.first?.dateColumn == "column 1 (unnamed)")
        let error = TemporaryFiles.error { try parse(",BTC\n0,1\n") }
        #expect(error == .file(path: "test.csv", line: 2, column: 1, message: "date \"0\" is not a valid YYYY-MM-DD date"))
    }

    @Test func longHeaderAliasesPreferTheAdjustedClose() throws {
        let t = try parse("timestamp,symbol,open,close,adj_close,volume\n"
                          + "2020-01-01T00:00:00Z,AAPL,9,10,9.5,100\n2020-01-02T00:00:00Z,AAPL,9,11,10.5,100\n")
        #expect(t.layout == .long && t.assets == ["AAPL"] && t.prices.column(0) == [9.5, 10.5])
        let info = try #require(t.files.first)
        #expect(info.valueColumn == "adj_close" && info.dateColumn == "timestamp")
        #expect(info.ignoredColumns == ["open", "close (adj_close preferred)", "volume"])
        let close = try parse("Date,Ticker,Close\n2020-01-01,AAPL,10\n")
        #expect(close.layout == .long && close.files.first?.valueColumn == "Close")
    }

    @Test func longRowsInAnyOrderGiveTheSameTable() throws {
        let byDate = try parse("date,asset,price\n2020-01-01,BTC,1\n2020-01-01,ETH,10\n2020-01-02,BTC,2\n"
                               + "2020-01-03,BTC,3\n2020-01-03,ETH,30\n")
        let byAsset = try parse("date,asset,price\n2020-01-03,ETH,30\n2020-01-01,ETH,10\n2020-01-03,BTC,3\n"
                                + "2020-01-01,BTC,1\n2020-01-02,BTC,2\n")
        #expect(byDate.dates == byAsset.dates)
        for name in ["BTC", "ETH"] {
            let a = byDate.prices.column(byDate.index(of: name)!), b = byAsset.prices.column(byAsset.index(of: name)!)
            #expect(zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    @Test func assetNamesMatchInAnyCase() throws {
        let t = try parse("date,BTC,Eth\n2020-01-01,1,2\n")
        #expect(t.index(of: "btc") == 0 && t.index(of: "ETH") == 1 && t.index(of: "SOL") == nil)
        #expect(t.suggestions(for: "BTX") == ["BTC"])
        #expect(t.suggestions(for: "zzzzzz").isEmpty)
    }

    @Test func returnsAndPnLMayBeNegative() throws {
        let t = try parse("date,desk\n2020-01-01,-1500.5\n2020-01-02,0\n", kind: .pnl)
        #expect(t.prices.column(0) == [-1500.5, 0] && t.files.first?.kind == .pnl)
        let error = TemporaryFiles.error { try parse("date,A\n2020-01-01,-1\n") }
        #expect(error == .file(path: "test.csv", line: 2, column: 2, message: "price \"-1\" for A is not positive"))
    }

    @Test func digestIsOfTheBytesRead() throws {
        let text = "date,BTC\n2020-01-01,1\n"
        #expect(try parse(text).files.first?.sha256 == SHA256.hex(Array(text.utf8)))
    }
}

struct AssetNameDistanceTests {
    @Test(arguments: [("BTC", "BTC", 0), ("BTC", "BTX", 1), ("SLO", "SOL", 1), ("ETH", "", 3), ("USDC", "USDT", 1),
                      ("kitten", "sitting", 3), ("ca", "abc", 3)])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(AssetNames.editDistance(Array(a), Array(b)) == expected)
    }
}
