import Foundation
import Testing
@testable import TailRisk

/// Every rejected price file, with the error it must produce (line 1 = header, column = field index).
struct PriceFileErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let contents: String
        let line: Int?
        let column: Int?
        let message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        Case(contents: "", line: nil, column: nil, message: "the file is empty"),
        Case(contents: "\n\r\n  \n", line: nil, column: nil, message: "the file is empty"),
        Case(contents: "date,BTC\n", line: nil, column: nil, message: "the file has a header but no data rows"),
        Case(contents: "date,BTC\n\n\n", line: nil, column: nil, message: "the file has a header but no data rows"),
        Case(contents: "date,BTC,ETH\n2020-01-01,1,2\n2020-01-02,1\n", line: 3, column: nil,
             message: "expected 3 fields (as in the header), found 2"),
        Case(contents: "date,BTC\n2020-01-01,1,2\n", line: 2, column: nil,
             message: "expected 2 fields (as in the header), found 3; a decimal comma splits a number into two fields "
                 + "(quote the number, or separate the fields by ;)"),
        Case(contents: "date,BTC\n2020-01-01,1\n2020-02-30,2\n", line: 3, column: 1,
             message: "date \"2020-02-30\" is not a valid YYYY-MM-DD date"),
        Case(contents: "date,BTC\n01/02/2020,1\n", line: 2, column: 1,
             message: "date \"01/02/2020\" is not a valid YYYY-MM-DD date"),
        Case(contents: "date,BTC,ETH\n2020-01-01,1,2\n2020-01-02,1,abc\n", line: 3, column: 3,
             message: "price \"abc\" for ETH is not a number"),
        Case(contents: "date,BTC\n2020-01-01,1.2.3\n", line: 2, column: 2, message: "price \"1.2.3\" for BTC is not a number"),
        Case(contents: "date,BTC\n2020-01-01,0x10\n", line: 2, column: 2, message: "price \"0x10\" for BTC is not a number"),
        Case(contents: "date,BTC\n2020-01-01,1e\n", line: 2, column: 2, message: "price \"1e\" for BTC is not a number"),
        Case(contents: "date,BTC,ETH\n2020-01-01,1,0\n", line: 2, column: 3, message: "price \"0\" for ETH is not positive"),
        Case(contents: "date,BTC,ETH\n2020-01-01,-1.5,2\n", line: 2, column: 2, message: "price \"-1.5\" for BTC is not positive"),
        Case(contents: "date,BTC\n2020-01-01,NaN\n", line: 2, column: 2,
             message: "price \"NaN\" for BTC is not finite (leave the cell empty for a missing price)"),
        Case(contents: "date,BTC\n2020-01-01,-inf\n", line: 2, column: 2,
             message: "price \"-inf\" for BTC is not finite (leave the cell empty for a missing price)"),
        Case(contents: "date,BTC\n2020-01-01,1e400\n", line: 2, column: 2,
             message: "price \"1e400\" for BTC is not finite (leave the cell empty for a missing price)"),
        Case(contents: "date,BTC\n2020-01-01,1\n2020-01-01,2\n", line: 3, column: 1,
             message: "duplicate date 2020-01-01 (also on line 2)"),
        Case(contents: "date,BTC\n2020-01-02,1\n2020-01-01,2\n", line: 3, column: 1,
             message: "date 2020-01-01 is earlier than 2020-01-02 on line 2: rows must be sorted by date"),
        Case(contents: "date,BTC,ETH,BTC\n2020-01-01,1,2,3\n", line: 1, column: 4,
             message: "duplicate asset column \"BTC\" (also column 2)"),
        Case(contents: "date,BTC,,ETH\n2020-01-01,1,2,3\n", line: 1, column: 3, message: "empty asset name in the header"),
        Case(contents: "day,BTC\n2020-01-01,1\n", line: 1, column: 1, message: "the first column must be \"date\", found \"day\" (date or timestamp, any case, or unnamed as pandas writes a date index)"),
        Case(contents: "date\n2020-01-01\n", line: 1, column: nil, message: "the header names no asset columns"),
        Case(contents: "date,BTC\n2020-01-01,1\n\n2020-01-02,1\n", line: 3, column: nil,
             message: "empty line inside the data (remove it)"),
        // Long layout.
        Case(contents: "date,asset,price\n2020-01-01,BTC,1\n2020-01-01,ETH\n", line: 3, column: nil,
             message: "expected 3 fields (as in the header), found 2"),
        Case(contents: "date,asset,price\n2020-01-01,BTC,1\n2020-01-01,ETH,2\n2020-01-01,BTC,3\n", line: 4, column: 2,
             message: "second price for BTC on 2020-01-01 (first on line 2)"),
        Case(contents: "date,asset,price\n2020-01-02,BTC,1\n2020-01-01,btc,2\n", line: 3, column: 2,
             message: "asset \"btc\" differs from \"BTC\" only in case; asset names ignore case, write one spelling"),
        Case(contents: "date,asset,price\n2020-01-02,BTC,1\n2020-01-01,ETH,2\n2020-01-02,BTC,3\n", line: 4, column: 2,
             message: "second price for BTC on 2020-01-02 (first on line 2)"),
        // Quoting (RFC 4180) and the two number conventions.
        Case(contents: "date,\"BTC\n2020-01-01,1\n", line: 1, column: 2,
             message: "the quoted field does not close on this line (a line break inside quotes is not read)"),
        Case(contents: "date,BTC\n2020-01-01,\"1\"2\n", line: 2, column: 2,
             message: "text after the closing quote of the field (a quote inside a quoted field is written \"\")"),
        Case(contents: "date,BTC\n2020-01-01,1\"2\n", line: 2, column: 2,
             message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")"),
        Case(contents: "date,BTC\n2020-01-01,\"1,5\"\n", line: 2, column: 2,
             message: "price \"1,5\" for BTC is not a number; a \",\"-separated file writes decimals with \".\" and \",\" only "
                 + "between thousands in groups of three (\"11,004.21\"); a decimal comma looks semicolon-separated: "
                 + "write the file with ; between fields"),
        Case(contents: "date;BTC\n2020-01-01;1.5\n", line: 2, column: 2,
             message: "price \"1.5\" for BTC is not a number; a \";\"-separated file writes decimals with \",\" and \".\" only "
                 + "between thousands in groups of three (11.004,21); a decimal point looks comma-separated: "
                 + "write the file with , between fields"),
        Case(contents: "date,BTC,ETH\n2020-01-01;1,5;2\n", line: 2, column: nil,
             message: "expected 3 fields (as in the header), found 2; the row looks semicolon-separated while the header is comma-separated"),
        Case(contents: "date\tBTC\n2020-01-01\t1\n", line: 1, column: nil,
             message: "the header looks tab-separated; write the fields separated by , (or ; with decimal commas)"),
        Case(contents: "date,BTC;ETH\n2020-01-01,1\n", line: 1, column: nil,
             message: "the header separates names by both , and ; (1 and 1); use one delimiter and quote a name that holds the other"),
        Case(contents: "date,BTC,btc\n2020-01-01,1,2\n", line: 1, column: 3,
             message: "duplicate asset column \"btc\" (also column 2 as \"BTC\": asset names ignore case)"),
        Case(contents: "date,BTC\n2020-01-01 09:30:00,1\n", line: 2, column: 1,
             message: "date \"2020-01-01 09:30:00\" is not a valid YYYY-MM-DD date"),
        Case(contents: "date,asset,price\n2020-01-01,,1\n", line: 2, column: 2, message: "empty asset name"),
        Case(contents: "date,asset,price\n2020-01-01,ETH,abc\n", line: 2, column: 3, message: "price \"abc\" for ETH is not a number"),
        Case(contents: "date,asset,price\n2020-13-01,ETH,1\n", line: 2, column: 1,
             message: "date \"2020-13-01\" is not a valid YYYY-MM-DD date"),
    ]

    @Test(arguments: cases)
    func rejectsBadFile(_ c: Case) throws {
        let path = try TemporaryFiles.write(c.contents)
        let error = TemporaryFiles.error { try PriceTable.read(path: path) }
        #expect(error == .file(path: path, line: c.line, column: c.column, message: c.message))
    }

    @Test func missingFile() {
        let error = TemporaryFiles.error { try PriceTable.read(path: "/nonexistent/prices.csv") }
        #expect(error == .file(path: "/nonexistent/prices.csv", line: nil, column: nil, message: "no such file"))
    }

    @Test func directoryIsNotReadable() throws {
        let directory = URL(fileURLWithPath: try TemporaryFiles.write("x")).deletingLastPathComponent().path
        let error = TemporaryFiles.error { try PriceTable.read(path: directory) }
        #expect(error == .file(path: directory, line: nil, column: nil, message: "cannot read the file: it is a directory"))
    }

    /// The one-line message the CLI prints.
    @Test func descriptionNamesFileLineAndColumn() {
        let bytes = Array("date,BTC,ETH\n2020-01-01,1,2\n2020-01-02,1,abc\n".utf8)
        let error = TemporaryFiles.error { try PriceTable.parse(bytes, source: "prices.csv") }
        #expect(error?.description == "prices.csv:3:3: price \"abc\" for ETH is not a number")
    }
}
