import Foundation
import Testing
@testable import TailRisk

struct PositionSpecTests {
    @Test func parsesInlinePositionsInOrder() throws {
        let spec = try PositionSpec.parse(" BTC=2.5, ETH = 40 ,LINK=-1e3", parameter: .positions)
        #expect(spec.assets == ["BTC", "ETH", "LINK"] && spec.amounts == [2.5, 40, -1000])
        #expect(spec.entries.map(\.asset) == spec.assets && spec.entries.map(\.amount) == spec.amounts)
        var copy = spec
        copy.entries = [("ETH", 1)]
        #expect(copy == PositionSpec(assets: ["ETH"], amounts: [1]) && copy != spec)
    }

    @Test(arguments: [
        ("", "no positions given (expected ASSET=AMOUNT,…)"),
        ("  ", "no positions given (expected ASSET=AMOUNT,…)"),
        ("BTC", "\"BTC\" is not ASSET=AMOUNT"),
        ("BTC=1,,ETH=2", "empty entry in \"BTC=1,,ETH=2\" (expected ASSET=AMOUNT,…)"),
        ("=5", "\"=5\" has no asset name"),
        ("BTC=abc", "amount \"abc\" for BTC is not a number"),
        ("BTC=", "amount \"\" for BTC is not a number"),
        ("BTC=1,ETH=2,BTC=3", "BTC is listed twice"),
        ("BTC=inf", "amount \"inf\" for BTC is not finite"),
        ("BTC=nan", "amount \"nan\" for BTC is not finite"),
    ])
    func rejectsBadInlinePositions(text: String, message: String) {
        let error = TemporaryFiles.error { try PositionSpec.parse(text, parameter: .positions) }
        #expect(error == .invalidParameter(.positions, message: message))
    }

    @Test func readsPositionFiles() throws {
        let quantities = try PositionSpec.read(path: TemporaryFiles.write("Asset,Quantity\r\nBTC,2.5\r\nETH, 40\r\n",
                                                                         name: "positions.csv"))
        #expect(quantities == PositionSpec(assets: ["BTC", "ETH"], amounts: [2.5, 40]))
        let weights = try PositionSpec.read(path: TemporaryFiles.write("asset,weight\nBTC,0.6\nETH,0.4", name: "w.csv"))
        #expect(weights == PositionSpec(assets: ["BTC", "ETH"], amounts: [0.6, 0.4], areWeights: true))
        #expect(!quantities.areWeights)
    }

    @Test(arguments: [
        ("asset,amount\nBTC,1\n", 1, nil, "expected the header asset,quantity or asset,weight, found \"asset,amount\""),
        ("asset,quantity\n", nil, nil, "the file has a header but no data rows"),
        ("asset,quantity\nBTC,1,2\n", 2, nil, "expected 2 fields (as in the header), found 3"),
        ("asset,quantity\n,1\n", 2, 1, "empty asset name"),
        ("asset,quantity\nBTC,1\nETH,x\n", 3, 2, "amount \"x\" for ETH is not a number"),
        ("asset,quantity\nBTC,1\nETH,-inf\n", 3, 2, "amount \"-inf\" for ETH is not finite"),
        ("asset,quantity\nBTC,1\nETH,2\nBTC,3\n", 4, 1, "BTC is listed twice (first on line 2)"),
    ] as [(String, Int?, Int?, String)])
    func rejectsBadPositionFiles(contents: String, line: Int?, column: Int?, message: String) throws {
        let path = try TemporaryFiles.write(contents, name: "positions.csv")
        let error = TemporaryFiles.error { try PositionSpec.read(path: path) }
        #expect(error == .file(path: path, line: line, column: column, message: message))
    }

    @Test func missingPositionFile() {
        #expect(TemporaryFiles.error { try PositionSpec.read(path: "/nonexistent/p.csv") }
                == .file(path: "/nonexistent/p.csv", line: nil, column: nil, message: "no such file"))
    }

    private func series() throws -> ReturnSeries {
        try PriceTable.parse(Array(ReturnSeriesTests.mixedCalendar.utf8), source: "mixed.csv").returnSeries()
    }

    @Test func quantitiesAreValuedAtTheLastPricesInSpecOrder() throws {
        let spec = try PositionSpec.parse("EQ=10,BTC=-0.5", parameter: .positions)
        let p = try Portfolio.fromQuantities(spec, series: series(), parameter: .positions)
        #expect(p == Portfolio(assets: ["EQ", "BTC"], values: [540, -65], quantities: [10, -0.5]))
        let unknown = try PositionSpec.parse("BTC=1,SOL=2", parameter: .positions)
        #expect(TemporaryFiles.error { try Portfolio.fromQuantities(unknown, series: series(), parameter: .positions) }
                == .invalidParameter(.positions, message: "unknown asset \"SOL\" in the positions (prices have: BTC, EQ)"))
    }

    @Test func weightsMustSumToOne() throws {
        let hedged = try PositionSpec.parse("BTC=1.5,EQ=-0.5", parameter: .weights)
        let p = try Portfolio.fromWeights(hedged, value: 1_000, assets: ["BTC", "EQ"], parameter: .weights)
        #expect(p == Portfolio(assets: ["BTC", "EQ"], values: [1_500, -500]) && p.totalValue == 1_000)
        let off = try PositionSpec.parse("BTC=0.5,EQ=0.4", parameter: .weights)
        #expect(TemporaryFiles.error { try Portfolio.fromWeights(off, value: 1, assets: ["BTC", "EQ"], parameter: .weights) }
                == .invalidParameter(.weights, message: "the weights sum to 0.9, not 1"))
        #expect(TemporaryFiles.error { try Portfolio.fromWeights(hedged, value: 0, assets: ["BTC", "EQ"], parameter: .weights) }
                == .invalidParameter(.portfolioValue, message: "the portfolio value must be positive, got 0.0"))
        #expect(TemporaryFiles.error { try Portfolio.fromWeights(hedged, value: 1, assets: ["BTC"], parameter: .weights) }
                == .invalidParameter(.weights, message: "unknown asset \"EQ\" in the positions (prices have: BTC)"))
    }
}
