import Foundation
import Testing
@testable import TailRisk

/// Every numeric field of every reader goes through `DecimalParser`: the spellings
/// `Double(String)` accepts but a decimal grammar does not (hexadecimal floats, `nan`,
/// `inf`, `infinity`) and numbers that overflow are refused alike, at file:line:column.
struct NumberFieldTests {
    /// `(text, why)`: `why` ends the message ("is not a number" / "is not finite").
    static let refused: [(String, String)] = [
        ("0x1p3", "is not a number"), ("0X10", "is not a number"), ("1_000", "is not a number"),
        ("nan", "is not finite"), ("-NaN", "is not finite"), ("inf", "is not finite"),
        ("+Infinity", "is not finite"), ("1e400", "is not finite"), ("-1e400", "is not finite"),
    ]

    @Test(arguments: refused)
    func priceFile(text: String, why: String) throws {
        let path = try TemporaryFiles.write("date,BTC\n2020-01-01,1\n2020-01-02,\(text)\n")
        guard case let .file(p, line, column, message)? = TemporaryFiles.error({ try PriceTable.read(path: path) }) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(p == path && line == 3 && column == 2)
        #expect(message.hasPrefix("price \"\(text)\" for BTC \(why)"))
    }

    @Test(arguments: refused)
    func longPriceFile(text: String, why: String) throws {
        let path = try TemporaryFiles.write("date,asset,price\n2020-01-01,BTC,1\n2020-01-02,BTC,\(text)\n")
        guard case let .file(p, line, column, message)? = TemporaryFiles.error({ try PriceTable.read(path: path) }) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(p == path && line == 3 && column == 3)
        #expect(message.hasPrefix("price \"\(text)\" for BTC \(why)"))
    }

    @Test(arguments: refused)
    func positionsFile(text: String, why: String) throws {
        let path = try TemporaryFiles.write("asset,quantity\nBTC,1\nETH, \(text)\n", name: "positions.csv")
        #expect(TemporaryFiles.error { try PositionSpec.read(path: path) }
                == .file(path: path, line: 3, column: 2, message: "amount \"\(text)\" for ETH \(why)"))
    }

    @Test(arguments: refused)
    func liquidityFile(text: String, why: String) throws {
        let adv = "asset,adv,spread\nBTC,1,0.001\nETH,\(text),0.001\n"
        #expect(TemporaryFiles.error { try LiquidityTable.parse(csv: adv, source: "l.csv") }
                == .file(path: "l.csv", line: 3, column: 2, message: "ADV must be a positive number, got \"\(text)\""))
        let spread = "asset,spread,adv\nBTC,0.001,1\nETH,\(text),5\n"
        #expect(TemporaryFiles.error { try LiquidityTable.parse(csv: spread, source: "l.csv") }
                == .file(path: "l.csv", line: 3, column: 2, message: "spread must be a fraction in [0, 1), got \"\(text)\""))
    }

    @Test(arguments: refused)
    func inlinePositionsAndWeights(text: String, why: String) {
        for parameter in [Parameter.positions, .weights] {
            #expect(TemporaryFiles.error { try PositionSpec.parse("BTC=1, ETH=\(text)", parameter: parameter) }
                    == .invalidParameter(parameter, message: "amount \"\(text)\" for ETH \(why)"))
        }
    }

    /// What the grammar accepts, every reader accepts, with the same value.
    @Test func decimalSpellingsAreReadAlike() throws {
        let texts = ["2.5", "+2.5", "1e3", "1E+3", ".5", "5.", "0012.50", "1e-300"]
        for text in texts {
            let expected = try #require(Double(text))
            let prices = try PriceTable.parse(Array("date,X\n2020-01-01,\(text)\n".utf8), source: "p.csv")
            #expect(prices.prices[0, 0] == expected)
            #expect(try PositionSpec.parse("X=\(text)", parameter: .positions).amounts == [expected])
            // ADV is also bounded as an amount (≥ 1e-9), so the grammar check stops at 1e-300 there.
            if expected >= Limits.smallestAmount {
                let liquidity = try LiquidityTable.parse(csv: "asset,adv,spread\nX,\(text),0\n", source: "l.csv")
                #expect(liquidity["X"]?.adv == expected)
            }
        }
        #expect(try PositionSpec.parse("X=-0.25", parameter: .weights).amounts == [-0.25])
    }

    /// A subnormal (or dust) ADV makes `q / ADV` overflow: refused at the reader with the amount bounds.
    @Test func subnormalADVIsRefused() {
        #expect(TemporaryFiles.error { try LiquidityTable.parse(csv: "asset,adv,spread\nX,1e-310,0\n", source: "l.csv") }
                == .file(path: "l.csv", line: 2, column: 2,
                         message: "ADV of \"X\" \"1e-310\" lies outside [1e-09, 1e+18]; give it in other units"))
    }
}
