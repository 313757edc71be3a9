import Foundation
import Testing

/// `tailrisk stress --accounts`: liquidation cascades (issue 11).
@Suite(.tags(.cli, .realData)) struct CascadeCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let window = ["--from", "2019-06-01"]

    static func book(_ text: String) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent("book.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let smallBook = """
        account,asset,quantity
        a,ETH,100
        a,USDC,-20000
        b,BTC,2
        b,ETH,20
        b,USDC,-15000
        c,BTC,1
        c,USDC,-2000
        """

    /// One account, shock ETH −50% without impact: the §9 rules by hand from the reported price.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func oneCascadeFollowsTheRules() throws {
        let path = try Self.book("account,asset,quantity\nx,ETH,10\nx,USDC,-1600\n")
        let r = try CLI.run(["stress", Self.crypto, "--accounts", path, "--lt", "ETH=0.8", "--shock", "ETH=-50%",
                             "--format", "json"] + Self.window)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let book = try #require(json["book"] as? [String: Any])
        let eth = try #require((book["collateral"] as? [String: [String: Double]])?["ETH"])
        let p0 = eth["price"]! * 0.5
        let c = try #require((json["cascades"] as? [[String: Any]])?.first?["cascade"] as? [String: Any])
        // HF = 10 p0 0.8 / 1600: below 0.95 for any ETH price under 380, so CF = 1.
        let value = 10 * p0, debt = 1600.0
        #expect(value * 0.8 / debt < 0.95, "the test assumes a full liquidation (ETH price \(eth["price"]!))")
        let expectedBad = value < debt * 1.05 ? debt - value / 1.05 : 0
        #expect(abs((c["bad_debt"] as! Double) - expectedBad) < 1e-6)
        #expect(abs((c["liquidated_value"] as! Double) - min(value, debt * 1.05)) < 1e-6)
        #expect(c["rounds"] as? Int == 1 && c["capped"] as? Bool == false)
        #expect(abs(((c["final_prices"] as? [String: Double])?["ETH"] ?? 0) - p0) < 1e-9 * p0)
        #expect((json["notes"] as? [String])?.contains { $0.contains("without price impact") } == true)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func impactLowersPricesAndOutWritesTheRoundTable() throws {
        let path = try Self.book(Self.smallBook)
        let dir = try CLI.temporaryDirectory()
        let liquidity = dir.appendingPathComponent("liq.csv")
        try "asset,adv,spread,y\nBTC,1,0.001,1\nETH,50,0.001,2\n".write(to: liquidity, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["stress", Self.crypto, "--accounts", path, "--lt", "ETH=0.8,BTC=0.75", "--shock", "ETH=-45%,BTC=-40%",
                             "--liquidity", liquidity.path, "--format", "json", "--out", out.path] + Self.window)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let c = try #require((json["cascades"] as? [[String: Any]])?.first?["cascade"] as? [String: Any])
        let initial = try #require(c["initial_prices"] as? [String: Double]), final = try #require(c["final_prices"] as? [String: Double])
        #expect(final["ETH"]! < initial["ETH"]! && (c["liquidations"] as! Int) > 0)
        let total = (json["book"] as! [String: Any])["total_debt"] as! Double
        #expect(abs((c["repaid"] as! Double) + (c["debt_left"] as! Double) - total) < 1e-6)
        let rounds = try String(contentsOf: out.appendingPathComponent("cascade_rounds.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rounds.first?.hasPrefix("shock,round,liquidations,seized_value,repaid,bad_debt,price_ETH,price_BTC") == true)
        #expect(rounds.count == 2 + (c["rounds"] as! Int))
        let accounts = try String(contentsOf: out.appendingPathComponent("cascade_accounts.csv"), encoding: .utf8).split(separator: "\n")
        #expect(accounts.count == 4)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func monteCarloIsTheSameForAnyThreadCount() throws {
        let path = try Self.book(Self.smallBook)
        func run(_ threads: String) throws -> (String, String) {
            let out = try CLI.temporaryDirectory().appendingPathComponent("o")
            let r = try CLI.run(["stress", Self.crypto, "--accounts", path, "--lt", "ETH=0.8,BTC=0.75", "--monte-carlo",
                                 "--scenarios", "9000", "--horizon", "10", "--dist", "t", "--breaker", "10%",
                                 "--threads", threads, "--out", out.path] + Self.window)
            #expect(r.status == 0, "\(r.stderr)")
            return (r.stdout, try String(contentsOf: out.appendingPathComponent("monte_carlo_shocks.csv"), encoding: .utf8))
        }
        let one = try run("1"), two = try run("2")
        #expect(one.0 == two.0 && one.1 == two.1)
        #expect(one.0.contains("bad-debt VaR") && one.0.contains("neither"))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func recommendsThresholdsBesideTheHaircut() throws {
        let path = try Self.book(Self.smallBook)
        let r = try CLI.run(["stress", Self.crypto, "--accounts", path, "--lt", "ETH=0.8,BTC=0.75", "--recommend-lt",
                             "--lt-grid", "0.6:0.9:0.1", "--scenarios", "200", "--horizon", "5", "--format", "json"] + Self.window)
        #expect(r.status == 0, "\(r.stderr)")
        let rec = try #require(CLI.json(r.stdout)["recommended_lt"] as? [String: [String: Any]])
        #expect(Set(rec.keys) == ["ETH", "BTC"])
        for (_, v) in rec {
            #expect((v["haircut_lt"] as? Double).map { $0 > 0 && $0 < 1 } == true)
            #expect((v["points"] as? [Any])?.count == 4)
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func badInputIsOneOrTwoLines() throws {
        let good = try Self.book(Self.smallBook)
        let unknown = try Self.book("account,asset,quantity\na,ETH,1\na,FOO,2\na,USDC,-5\n")
        let broken = try Self.book("account,asset,quantity\na,ETH,one\n")
        let cases: [([String], String)] = [
            (["--accounts", good, "--shock", "ETH=-30%"], "--lt"),
            (["--accounts", unknown, "--lt", "ETH=0.8,FOO=0.5", "--shock", "ETH=-30%"], "book.csv:3"),
            (["--accounts", broken, "--lt", "ETH=0.8", "--shock", "ETH=-30%"], "book.csv:2:3"),
            (["--accounts", good, "--lt", "ETH=-0.8,BTC=0.75", "--shock", "ETH=-30%"], "--lt"),
            (["--accounts", good, "--lt", "ETH=0.8", "--shock", "ETH=-30%"], "BTC"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75,LINK=0.7", "--shock", "ETH=-30%"], "LINK"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--shock", "ETH=-30%", "--breaker", "150%"], "--breaker"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--shock", "ETH=-30%", "--oracle-heartbeat", "3"], "--oracle-deviation"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75"], "--monte-carlo"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--monte-carlo", "--scenarios", "20"], "--scenarios"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--monte-carlo", "--variance-reduction", "importance"],
             "--variance-reduction importance"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--monte-carlo", "--antithetic"], "--variance-reduction antithetic"),
            (["--accounts", good, "--lt", "ETH=0.8,BTC=0.75", "--collateral", "BTC=1", "--shock", "ETH=-30%"], "--collateral"),
            (["--collateral", "BTC=1", "--breaker", "10%", "--shock", "BTC=-30%"], "--accounts"),
        ]
        for (args, needle) in cases {
            let r = try CLI.run(["stress", Self.crypto] + args + Self.window)
            #expect(r.status != 0 && !r.signalled, "\(args)")
            let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.contains("--help") && !$0.isEmpty }
            #expect(lines.count >= 1 && lines.count <= 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
            #expect(!r.stderr.lowercased().contains("nan"))
        }
    }
}
