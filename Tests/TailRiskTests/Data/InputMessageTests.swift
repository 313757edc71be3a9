import Foundation
import Testing
@testable import TailRisk

/// Errors that say what is wrong with the input, name it, and quote no more of it than a line.
struct InputMessageTests {
    private func table(_ text: String, source: String = "p.csv") throws -> PriceTable {
        try PriceTable.parse(Array(text.utf8), source: source)
    }

    /// Two finite prices whose ratio overflows: the return is named, not the estimator.
    @Test func anOverflowingPriceRatioIsNamedWithItsDates() throws {
        let wide = try table("date,A,B\n2020-01-01,1,1e-300\n2020-01-02,2,1e300\n2020-01-03,3,1\n")
        let message = "the return of B from 2020-01-01 to 2020-01-02, ln(1e+300 / 1e-300), is not finite: "
            + "the price ratio is beyond the range of a double; check these prices"
        #expect(TemporaryFiles.error { try wide.returnSeries() } == .file(path: "p.csv", line: 3, column: 3, message: message))
        #expect(TemporaryFiles.error { try wide.gappyLogReturns() } == .file(path: "p.csv", line: 3, column: 3, message: message))
        #expect(try wide.returnSeries(assets: ["A"]).count == 2)
        let long = try table("date,asset,price\n2020-01-01,B,1e300\n2020-01-02,B,1e-300\n2020-01-03,B,1\n")
        #expect(TemporaryFiles.error { try long.returnSeries() } == .file(path: "p.csv", line: nil, column: nil, message:
            "the return of B from 2020-01-01 to 2020-01-02, ln(1e-300 / 1e+300), is not finite: "
                + "the price ratio is beyond the range of a double; check these prices"))
    }

    private func series(_ column: [Double]) -> ReturnSeries {
        let days = (0...column.count).map { Day(daysSinceEpoch: 18_000 + $0) }
        return ReturnSeries(assets: ["A"], dates: Array(days.dropFirst()), returns: Matrix(column.map { [$0] }),
                            startDate: days[0], lastPrices: [1],
                            alignment: AlignmentReport(policy: .intersect, datesInRange: days.count,
                                                       datesKept: days.count, datesLost: ["A": 0]))
    }

    /// Overflow, a non-finite return and constant prices are three different messages.
    @Test func varianceChecksTellOverflowFromConstantPrices() {
        #expect(TemporaryFiles.error { try series([1e200, -1e200, 1e200]).requireVariation() } == .insufficientData(message:
            "the variance of A's returns from 2019-04-14 to 2019-04-17 is not finite (the returns are too large to square); "
                + "check its prices"))
        #expect(TemporaryFiles.error { try series([.infinity, .infinity]).requireVariation() } == .insufficientData(message:
            "A's return ending on 2019-04-15 is inf, not a finite number; check its prices around that date"))
        #expect(TemporaryFiles.error { try series([0.01, .nan]).requireVariation() } == .insufficientData(message:
            "A's return ending on 2019-04-16 is nan, not a finite number; check its prices around that date"))
        #expect(TemporaryFiles.error { try series([0.5, 0.5]).requireVariation() } == .insufficientData(message:
            "A has constant prices from 2019-04-14 to 2019-04-16 (zero variance); choose other dates or drop it"))
        #expect(throws: Never.self) { try series([0.5, 0.25]).requireVariation() }
    }

    /// No-break space, vertical tab, ideographic space, zero-width space and a byte-order
    /// mark beside a name are not part of it, in a header and in a long file's asset column.
    @Test func unicodeSpacesAroundNamesAreTrimmed() throws {
        let wide = try table("\u{A0}date\u{3000},\u{A0}BTC\u{A0},\u{0B}ETH\u{0C},\u{200B}SOL\u{FEFF}\n2020-01-01,1,2,3\n")
        #expect(wide.layout == .wide && wide.assets == ["BTC", "ETH", "SOL"])
        let long = try table("date\u{A0},asset\u{2003},price\u{0B}\n2020-01-01,\u{A0}BTC,1\n2020-01-02,BTC\u{2009},2\n")
        #expect(long.layout == .long && long.assets == ["BTC"] && long.dates.count == 2)
        let twice = TemporaryFiles.error { try table("date,asset,price\n2020-01-01,BTC,1\n2020-01-01,BTC\u{A0},2\n") }
        #expect(twice == .file(path: "p.csv", line: 3, column: 2, message: "second price for BTC on 2020-01-01 (first on line 2)"))
        let positions = try PositionSpec.parse(Array("asset\u{A0},quantity\nBTC\u{A0},1\n".utf8), source: "q.csv")
        #expect(positions.assets == ["BTC"])
        #expect(try PositionSpec.parse("\u{A0}BTC\u{3000}=\u{A0}2", parameter: .positions).assets == ["BTC"])
        let liquidity = try LiquidityTable.parse(csv: "asset,adv\u{A0},spread\nBTC\u{A0},5,0.1\n", source: "l.csv")
        #expect(liquidity["BTC"] == .init(adv: 5, spread: 0.1))
        // Inside a name, a space stays.
        #expect(try table("date,Bitcoin\u{A0}Cash\n2020-01-01,1\n").assets == ["Bitcoin\u{A0}Cash"])
    }

    /// A name that is not text is refused, shown escaped.
    @Test func namesMustBePrintableText() {
        let binary = Array("date,A\u{0}B\n2020-01-01,1\n".utf8)
        #expect(TemporaryFiles.error { try PriceTable.parse(binary, source: "p.csv") }
                == .file(path: "p.csv", line: 1, column: 2, message: #"name "A\x00B" contains a control character; remove it"#))
        let latin1 = Array("date,asset,price\n2020-01-01,".utf8) + [0x5A, 0xFC, 0x72] + Array(",1\n".utf8)
        #expect(TemporaryFiles.error { try PriceTable.parse(latin1, source: "p.csv") }
                == .file(path: "p.csv", line: 2, column: 2, message: #"name "Z\xFCr" is not UTF-8 text"#))
    }

    /// A field of a megabyte, or of binary, is quoted in at most a line.
    @Test(arguments: [
        String(repeating: "7", count: 1 << 20),
        String(repeating: "\u{0}\u{1}\u{FF}", count: 100_000),
        String(repeating: "é", count: 50_000),
    ])
    func errorsQuoteAtMostALine(field: String) throws {
        let bytes = Array("date,BTC\n2020-01-01,1\n2020-01-02,\(field)x\n".utf8)
        let price = TemporaryFiles.error { try PriceTable.parse(bytes, source: "p.csv") }
        let date = TemporaryFiles.error { try PriceTable.parse(Array("date,BTC\n\(field),1\n".utf8), source: "p.csv") }
        let header = TemporaryFiles.error { try PriceTable.parse(Array("\(field),BTC\n2020-01-01,1\n".utf8), source: "p.csv") }
        let positions = TemporaryFiles.error { try PositionSpec.parse("BTC=\(field)", parameter: .positions) }
        let liquidity = TemporaryFiles.error { try LiquidityTable.parse(csv: "asset,adv,spread\nBTC,\(field),0\n", source: "l") }
        for error in [price, date, header, positions, liquidity] {
            let text = try #require(error).description
            #expect(text.count < 300, "\(text.prefix(400))")
            #expect(text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "\(text.prefix(400))")
            #expect(text.contains("bytes)"))
        }
    }

    /// An unknown asset among 10,000 lists ten of them.
    @Test func listsOfNamesAreCapped() throws {
        let names = (0..<10_000).map { "A\($0)" }
        let t = try table("date," + names.joined(separator: ",") + "\n2020-01-01," + names.map { _ in "1" }.joined(separator: ",") + "\n")
        #expect(TemporaryFiles.error { try t.returnSeries(assets: ["NOPE"]) } == .invalidParameter(.assets, message:
            "unknown asset \"NOPE\" (p.csv has: A0, A1, A2, A3, A4, A5, A6, A7, A8, A9 and 9990 more)"))
    }
}
