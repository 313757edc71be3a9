import Testing
@testable import TailRisk

@Suite struct AccountBookTests {
    @Test func readsHoldingsAndDebts() throws {
        let b = try AccountBook.parse(csv: "account,asset,quantity\nalice,ETH,10\nalice,USDC,-15000\nbob,BTC,0.5\n"
                                      + "bob,ETH,1\ncarol,USDC,-5\n\n", source: "b.csv")
        #expect(b.accounts == ["alice", "bob", "carol"] && b.assets == ["ETH", "BTC"] && b.debtAsset == "USDC")
        #expect(b.quantities == [10, 0, 1, 0.5, 0, 0] && b.debts == [15000, 0, 5])
        #expect(b.totalQuantities == [11, 0.5] && b.assetLines == ["ETH": 2, "BTC": 4])
    }

    @Test func errorsNameLineAndColumn() {
        let cases: [(String, String?, TailRiskError)] = [
            ("account,asset\n", nil, .file(path: "b.csv", line: 1, column: nil,
                                           message: "missing column \"quantity\"; expected the header account,asset,quantity")),
            ("account,asset,quantity\na,ETH,x\n", nil, .file(path: "b.csv", line: 2, column: 3,
                                                            message: "quantity must be a finite number, got \"x\"")),
            ("account,asset,quantity\na,ETH,1\na,ETH,2\n", nil, .file(path: "b.csv", line: 3, column: 2,
                message: "account \"a\" holds \"ETH\" twice (first on line 2); give one row per holding")),
            ("account,asset,quantity\na,USDC,-1\nb,DAI,-2\n", nil, .file(path: "b.csv", line: 3, column: 2,
                message: "a negative quantity is a debt, and debts must be in one asset: \"DAI\" here, but line 2 owes USDC")),
            ("account,asset,quantity\na,ETH,-1\n", "USDC", .file(path: "b.csv", line: 2, column: 2,
                message: "a negative quantity is a debt, and debts must be in one asset: \"ETH\" here, but the debt asset is USDC (--debt-asset)")),
            ("account,asset,quantity\na,USDC,-1\nb,USDC,3\n", nil, .file(path: "b.csv", line: 3, column: 3,
                message: "a positive quantity of the debt asset USDC is not supported; net it against the account's debt")),
            ("account,asset,quantity\n,ETH,1\n", nil, .file(path: "b.csv", line: 2, column: 1, message: "empty account name")),
            ("account,asset,quantity\na,ETH\n", nil, .file(path: "b.csv", line: 2, column: nil, message: "expected 3 fields, found 2")),
        ]
        for (csv, debt, expected) in cases {
            #expect(throws: expected) { try AccountBook.parse(csv: csv, source: "b.csv", debtAsset: debt) }
        }
    }

    @Test func liquidityYColumn() throws {
        let t = try LiquidityTable.parse(csv: "asset,adv,spread,y\nBTC,100,0.001,0.5\nETH,10,0,2\n", source: "l.csv")
        #expect(t["BTC"]?.y == 0.5 && t["ETH"]?.y == 2)
        #expect(try LiquidityTable.parse(csv: "asset,adv,spread\nBTC,100,0.001\n", source: "l.csv")["BTC"]?.y == 1)
        #expect(throws: TailRiskError.file(path: "l.csv", line: 2, column: 4,
                                           message: "y (impact coefficient) must be a number in [0, 100], got \"-1\"")) {
            try LiquidityTable.parse(csv: "asset,adv,spread,y\nBTC,100,0.001,-1\n", source: "l.csv")
        }
    }
}

/// Issue 21, item 11: a book of many unknown assets is refused before its dense table exists.
@Suite struct AccountBookLimitTests {
    static let prices = PriceTable(source: "p.csv", layout: .wide, assets: ["BTC", "ETH", "USDC"],
                                   dates: (0..<3).map { Day(daysSinceEpoch: 19_000 + $0) },
                                   prices: Matrix(rows: 3, cols: 3, repeating: 1))

    /// `n` accounts each holding 1 unit of its own asset `Z…`, and one debt.
    static func book(_ n: Int) -> String {
        "account,asset,quantity\n" + (0..<n).map { "a\($0),Z\($0),1\n" }.joined() + "a0,USDC,-5\n"
    }

    @Test func unknownAssetIsNamedAtItsLine() {
        #expect(throws: TailRiskError.file(path: "b.csv", line: 3, column: 2,
                                           message: "unknown asset \"FOO\" (p.csv has: BTC, ETH, USDC)")) {
            try AccountBook.parse(csv: "account,asset,quantity\na,eth,1\na,FOO,2\na,USDC,-5\n", source: "b.csv", prices: Self.prices)
        }
        #expect(throws: TailRiskError.file(path: "b.csv", line: 2, column: 2, message: "unknown asset \"ETHH\" (did you mean \"ETH\"?)")) {
            try AccountBook.parse(csv: "account,asset,quantity\na,ETHH,1\na,USDC,-5\n", source: "b.csv", prices: Self.prices)
        }
        // The debt asset need not be a price column (it is then the price currency).
        #expect(throws: Never.self) {
            try AccountBook.parse(csv: "account,asset,quantity\na,BTC,1\na,USD,-5\n", source: "b.csv", prices: Self.prices)
        }
    }

    /// 60,000 distinct unknown assets (the issue's 938 KB file) asked for a 60,000² table (28.8 GB).
    @Test func manyUnknownAssetsFailOnTheFirst() throws {
        let text = Self.book(60_000)
        #expect(text.utf8.count > 900_000)
        do {
            _ = try AccountBook.parse(csv: text, source: "big.csv", prices: Self.prices)
            Issue.record("a book of unknown assets was accepted")
        } catch let TailRiskError.file(path, line, _, message) {
            #expect(path == "big.csv" && line == 2 && message.hasPrefix("unknown asset \"Z0\""), "\(message)")
        }
        // Without a price table to check against, the table's size is bounded instead.
        do {
            _ = try AccountBook.parse(csv: text, source: "big.csv")
            Issue.record("a 60,000 × 60,000 table was allocated")
        } catch let TailRiskError.file(_, _, _, message) {
            #expect(message.contains("60000 accounts × 60000 collateral assets") && message.contains("100000000"), "\(message)")
        }
    }

    @Test func tableSizeIsBoundedBeforeAllocation() throws {
        let text = Self.book(40)
        #expect(throws: TailRiskError.self) { try AccountBook.parse(csv: text, source: "b.csv", maximumCells: 40 * 40 - 1) }
        let book = try AccountBook.parse(csv: text, source: "b.csv", maximumCells: 40 * 40)
        #expect(book.accounts.count == 40 && book.assets.count == 40 && book.quantities.count == 1600)
    }
}
