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
