import Foundation
import Testing

/// `tailrisk stress --accounts` (issue 21): what the brakes leave below HF 1 (item 2), the mean of the
/// Monte Carlo shocks (item 6), and books of unknown assets (item 11).
@Suite(.tags(.cli, .realData)) struct CascadeBrakeCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// 60 accounts of 10 ETH (about 323 USDC on 2020-07-27) borrowing 2,600 to 2,995 USDC: at LT 0.93
    /// an 8% shock liquidates the top of the ladder and the sales on a thin market the rest.
    static let ladder = "account,asset,quantity\n"
        + (0..<60).map { "a\($0),ETH,10\na\($0),USDC,-\(2600 + Double($0) * 6.7)\n" }.joined()

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func number(_ x: Any?) -> Double? { (x as? NSNumber)?.doubleValue }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func breakerReportsTheAccountsLeftBelowOne() throws {
        let dir = try CLI.temporaryDirectory()
        let book = try Self.write(Self.ladder, "book.csv", in: dir)
        let liquidity = try Self.write("asset,adv,spread,y\nETH,20,0.001,1\n", "liq.csv", in: dir)
        let args = ["stress", Self.crypto, "--accounts", book, "--lt", "ETH=0.93", "--shock", "ETH=-8%", "--liquidity", liquidity,
                    "--breaker", "3%", "--from", "2019-06-01"]
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(args + ["--format", "json", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let shock = try #require((json["cascades"] as? [[String: Any]])?.first)
        let c = try #require(shock["cascade"] as? [String: Any])
        try #require(c["halted_after_round"] as? Int == 1, "the test needs the breaker to stop the cascade")
        let left = try #require(c["accounts_below_hf1"] as? Int)
        let latent = try #require(Self.number(c["latent_deficit"])), bad = try #require(Self.number(c["bad_debt"]))
        let ifLiquidated = try #require(Self.number(c["bad_debt_if_liquidated"]))
        #expect(left > 0 && latent > 0 && ifLiquidated > bad)
        // Each account listed is below HF 1 with max(0, d − C/1.05) as its deficit; the list is the largest first.
        let listed = try #require(shock["below_hf1_accounts"] as? [[String: Any]])
        #expect(listed.count == min(left, 10))
        for a in listed {
            let d = Self.number(a["debt"])!, value = Self.number(a["collateral_value"])!
            #expect(Self.number(a["hf"])! < 1 && abs(Self.number(a["latent_deficit"])! - max(0, d - value / 1.05)) < 1e-6 * d)
        }
        #expect(listed.map { Self.number($0["latent_deficit"])! } == listed.map { Self.number($0["latent_deficit"])! }.sorted(by: >))
        let neither = try #require((shock["variants"] as? [[String: Any]])?.first { $0["rules"] as? String == "neither" })
        #expect(neither["accounts_below_hf1"] as? Int == 0 && Self.number(neither["bad_debt_if_liquidated"]) == Self.number(neither["bad_debt"]))
        #expect((json["latent_deficit_definition"] as? String)?.contains("d − C/(1 + β)") == true)
        // The CSV of outcomes: one row per rules variant, the same figures.
        let csv = try String(contentsOf: out.appendingPathComponent("cascade_outcomes.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csv.first == ["shock", "rules", "rounds", "liquidations", "liquidated_value", "bad_debt", "accounts_below_hf1",
                              "latent_deficit", "bad_debt_if_liquidated", "halted_after_round", "capped"])
        #expect(csv.count == 3 && csv[1][1] == "as given" && Int(csv[1][6]) == left)
        #expect(abs(Double(csv[1][7])! - latent) <= 1e-9 * latent && abs(Double(csv[1][8])! - ifLiquidated) <= 1e-9 * ifLiquidated)
        // The table says it beside the bad debt.
        let table = try CLI.run(args)
        #expect(table.status == 0 && table.stdout.contains("left below HF 1") && table.stdout.contains("latent deficit:"))
        #expect(table.stdout.contains("\(left) account(s) left below HF 1"))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func monteCarloReportsTheLatentDeficitAndItsMean() throws {
        let dir = try CLI.temporaryDirectory()
        let book = try Self.write(Self.ladder, "book.csv", in: dir)
        let liquidity = try Self.write("asset,adv,spread,y\nETH,20,0.001,1\n", "liq.csv", in: dir)
        // A bull window: ETH rose against USDC from March to July 2020.
        func run(_ extra: [String]) throws -> [String: Any] {
            let r = try CLI.run(["stress", Self.crypto, "--accounts", book, "--lt", "ETH=0.93", "--liquidity", liquidity,
                                 "--breaker", "3%", "--from", "2020-03-20", "--monte-carlo", "--scenarios", "1000",
                                 "--horizon", "10", "--format", "json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(CLI.json(r.stdout)["monte_carlo"] as? [String: Any])
        }
        let zero = try run([]), sample = try run(["--sample-mean"])
        #expect(zero["mean"] as? String == "zero" && sample["mean"] as? String == "sample")
        #expect((zero["mean_note"] as? String)?.contains("--sample-mean") == true)
        let drift = try #require(Self.number((zero["sample_drift"] as? [String: Any])?["ETH"]))
        #expect(drift > 0.02, "the window should be a bull market: drift \(drift)")
        // Without the drift, more shocks leave bad debt.
        let pz = try #require(Self.number(zero["probability_of_bad_debt"])), ps = try #require(Self.number(sample["probability_of_bad_debt"]))
        #expect(pz > ps, "P(bad debt) zero mean \(pz), sample mean \(ps)")
        // The brake leaves accounts below HF 1 in some shocks; the VaR counting them is at least the bad-debt VaR.
        #expect(try #require(Self.number(zero["probability_of_accounts_below_hf1"])) > 0)
        let withLatent = try #require(zero["bad_debt_if_liquidated_var"] as? [String: [String: Any]])
        let plain = try #require(zero["bad_debt_var"] as? [String: [String: Any]])
        for (level, e) in plain { #expect(Self.number(withLatent[level]?["value"])! >= Self.number(e["value"])!) }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func meanFlagsAreChecked() throws {
        let dir = try CLI.temporaryDirectory()
        let book = try Self.write(Self.ladder, "book.csv", in: dir)
        let both = try CLI.run(["stress", Self.crypto, "--accounts", book, "--lt", "ETH=0.93", "--monte-carlo", "--scenarios", "200",
                                "--sample-mean", "--zero-mean"])
        #expect(both.status != 0 && both.stderr.contains("--sample-mean and --zero-mean"))
        let alone = try CLI.run(["stress", Self.crypto, "--collateral", "ETH=1", "--shock", "ETH=-10%", "--sample-mean"])
        #expect(alone.status != 0 && alone.stderr.contains("--sample-mean goes with --accounts"))
    }

    /// 60,000 rows, each naming another unknown asset (938 KB): the dense table would be 60,000² doubles.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func bookOfManyUnknownAssetsFailsOnTheFirst() throws {
        let dir = try CLI.temporaryDirectory()
        let text = "account,asset,quantity\n" + (0..<60_000).map { "a\($0),Z\($0),1\n" }.joined() + "a0,USDC,-5\n"
        let book = try Self.write(text, "book.csv", in: dir)
        let r = try CLI.run(["stress", Self.crypto, "--accounts", book, "--lt", "ETH=0.8", "--shock", "ETH=-10%"])
        #expect(r.status == 1 && !r.signalled, "\(r.status): \(r.stderr)")
        #expect(r.stderr.contains("book.csv:2:2") && r.stderr.contains("unknown asset \"Z0\""), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2)
    }
}
