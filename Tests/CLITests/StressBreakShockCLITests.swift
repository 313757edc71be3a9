import Foundation
import Testing

/// Issue 21 items 7, 8, 12 and 18 as a user meets them: correlation breaks (standalone
/// haircuts kept, ±1 accepted, the other correlations moved listed), the conditional
/// VaR/ES of a shock on the exact P&L, and the bounds on shocks.
@Suite(.tags(.cli, .realData)) struct StressBreakShockCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let basket = ["--collateral", "BTC=10,ETH=100,LTC=1000", "--debt", "USDC=100000", "--scenarios", "20000"]

    static func firstBreak(_ r: CLI.Result) throws -> [String: Any] {
        try #require((try CLI.json(r.stdout)["correlation_breaks"] as? [[String: Any]])?.first)
    }

    static func standalone(_ outcome: Any?) throws -> [String: Double] {
        try #require((outcome as? [String: Any])?["standalone_haircuts"] as? [String: Double])
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing), arguments: ["BTC:ETH=0", "BTC:ETH=1", "BTC:ETH=-1", "BTC:ETH=0.9999"])
    func breaksKeepStandaloneHaircutsAndAcceptPlusOrMinusOne(text: String) throws {
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + ["--set-correlation", text, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let b = try Self.firstBreak(r)
        #expect(try Self.standalone(b["before"]) == (try Self.standalone(b["after"])))
        #expect((b["standalone_haircuts_from"] as? String)?.contains("unbroken") == true)
        let tied = try #require(b["tied"] as? [[String]])
        let method = try #require((b["repair"] as? [String: Any])?["method"] as? String)
        if abs(Double(text.split(separator: "=")[1])!) == 1 {
            #expect(tied == [["BTC", "ETH"]] && method.hasPrefix("tied"))
            // ETH now moves as ±BTC: its correlation with LTC is ± BTC's, and the move is listed.
            let changed = try #require(b["changed"] as? [[String: Any]])
            #expect(changed.contains { $0["a"] as? String == "ETH" && $0["b"] as? String == "LTC" })
        } else {
            #expect(tied.isEmpty && !method.hasPrefix("tied"))
        }
    }

    /// A break that forces other correlations down says which and by how much in the table.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func theTableNamesTheOtherCorrelationsMoved() throws {
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + ["--set-correlation", "BTC:ETH=-0.9"])
        #expect(r.status == 0, "\(r.stderr)")
        let moved = try #require(r.stdout.split(separator: "\n").first { $0.contains("other correlations moved") })
        #expect(moved.contains("BTC:LTC") || moved.contains("ETH:LTC"))
        #expect(moved.contains("→"))
        #expect(r.stdout.contains("standalone haircuts under a break are the unbroken run's"))
    }

    /// The conditional VaR/ES is the exact law's, the linearised closed form is labelled and larger.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func conditionalShocksReportTheExactLaw() throws {
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + ["--shock", "BTC=-30%", "--conditional", "--horizon", "10",
                                                                    "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try #require((try CLI.json(r.stdout)["shocks"] as? [[String: Any]])?.first)
        let es = try #require(s["conditional_es"] as? Double), linear = try #require(s["conditional_es_linearised"] as? Double)
        let se = try #require(s["conditional_es_standard_error"] as? Double)
        #expect((s["conditional_method"] as? String)?.contains("exact P&L") == true)
        #expect(s["conditional_scenarios"] as? Int == 20_000)
        #expect(linear - es > 3 * se, "linearised \(linear) vs exact \(es) ± \(se)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing), arguments: [
        (["--shock", "BTC=1e300%"], "--shock"),
        (["--shock", "BTC=-99.99999%"], "--shock"),
        (["--depeg", "USDC=1e300%@1%"], "--depeg"),
        (["--set-correlation", "BTC:ETH=1,ETH:LTC=1,BTC:LTC=0.5"], "contradicts"),
        (["--set-correlation", "BTC:ETH=0.9,BTC:LTC=0.9,ETH:LTC=-0.9"], "admit no correlation matrix"),
    ])
    func refusesOutOfBoundScenariosInOneLine(extra: [String], needle: String) throws {
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + extra)
        #expect(r.status != 0 && !r.signalled)
        #expect(r.stderr.contains(needle), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2)
        #expect(r.stdout.isEmpty)
    }

    /// A near-constant asset (σ 10⁻⁹ a day) cannot carry a conditional shock: it printed inf/nan with exit 0.
    /// Too few returns cannot either: 2 returns gave +1.1e116%.
    @Test func refusesRegressionsTheDataCannotSupport() throws {
        let dir = try CLI.temporaryDirectory()
        let flat = try SyntheticPrices.write(in: dir, name: "flat_peg.csv", assets: ["BTC", "ETH", "STBL"],
                                             sigmas: [0.04, 0.05, 1e-9], days: 300)
        let short = try SyntheticPrices.write(in: dir, name: "short.csv", assets: ["BTC", "ETH"], sigmas: [0.04, 0.05], days: 3)
        for (file, shock, needle) in [(flat, "STBL=30%", "near-constant"), (short, "BTC=-30%", "at least 30")] {
            let r = try CLI.run(["stress", file, "--collateral", "BTC=1,ETH=10", "--shock", shock, "--conditional",
                                 "--scenarios", "10000"])
            #expect(r.status != 0 && !r.signalled)
            #expect(r.stderr.contains(needle), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count <= 2)
            #expect(!r.stdout.contains("inf") && !r.stdout.contains("nan"))
        }
        // The same file and shock without --conditional is a plain revaluation: fine.
        let plain = try CLI.run(["stress", flat, "--collateral", "BTC=1,ETH=10", "--shock", "BTC=-30%", "--format", "json"])
        #expect(plain.status == 0, "\(plain.stderr)")
    }
}
