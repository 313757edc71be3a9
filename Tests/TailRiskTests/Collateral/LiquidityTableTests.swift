import Testing
@testable import TailRisk

@Suite struct LiquidityTableTests {
    @Test func parsesColumnsInAnyOrder() throws {
        let t = try LiquidityTable.parse(csv: "spread, asset ,adv\r\n0.001,BTC,25000\r\n\r\n0.002,ETH,400000\r\n",
                                         source: "liq.csv")
        #expect(t.entries == ["BTC": .init(adv: 25_000, spread: 0.001), "ETH": .init(adv: 400_000, spread: 0.002)])
        #expect(t["BTC"]?.adv == 25_000 && t["SOL"] == nil && t.source == "liq.csv")
    }

    @Test func errorsNameLineAndColumn() {
        let cases: [(String, TailRiskError)] = [
            ("asset,adv,spread,venue\n", .file(path: "l.csv", line: 1, column: 4,
                                              message: "unknown column \"venue\"; expected asset, adv, spread")),
            ("asset,adv\nBTC,1\n", .file(path: "l.csv", line: 1, column: nil,
                                        message: "missing column \"spread\"; expected asset, adv, spread")),
            ("asset,adv,adv\n", .file(path: "l.csv", line: 1, column: 3, message: "column \"adv\" appears twice")),
            ("asset,adv,spread\nBTC,0,0.001\n", .file(path: "l.csv", line: 2, column: 2,
                                                      message: "ADV must be a positive number, got \"0\"")),
            ("asset,adv,spread\nBTC,-5,0.001\n", .file(path: "l.csv", line: 2, column: 2,
                                                       message: "ADV must be a positive number, got \"-5\"")),
            ("asset,adv,spread\nBTC,5,1\n", .file(path: "l.csv", line: 2, column: 3,
                                                  message: "spread must be a fraction in [0, 1), got \"1\"")),
            ("asset,adv,spread\nBTC,5,-0.1\n", .file(path: "l.csv", line: 2, column: 3,
                                                     message: "spread must be a fraction in [0, 1), got \"-0.1\"")),
            ("asset,adv,spread\nBTC,5,0.1\nETH,5,0.1\nBTC,6,0.1\n",
             .file(path: "l.csv", line: 4, column: 1, message: "duplicate asset \"BTC\" (first on line 2)")),
            ("asset,adv,spread\nBTC,5\n", .file(path: "l.csv", line: 2, column: nil, message: "expected 3 fields, found 2")),
            ("\n", .file(path: "l.csv", line: nil, column: nil, message: "empty file; expected the header asset,adv,spread")),
        ]
        for (csv, expected) in cases {
            #expect(throws: expected) { try LiquidityTable.parse(csv: csv, source: "l.csv") }
        }
    }
}
