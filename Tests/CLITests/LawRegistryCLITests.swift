import Foundation
import Testing

/// The laws and filters added through the registry and the GARCH family (issue 22) from the
/// command line: `--dist skew-t --skew λ` and `--filter gjr`, with their refusals.
@Suite("skew-t and gjr through the built binary", .tags(.cli, .realData))
struct LawRegistryCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let basket = ["--weights", "BTC=0.5,ETH=0.5", "--value", "1000000", "--from", "2019-01-01"]

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func skewTRunsUnderItsOwnIdAndSkewsTheTail() throws {
        func run(_ skew: String) throws -> [String: Any] {
            let r = try CLI.run(["var", Self.crypto] + Self.basket + ["--method", "monte-carlo", "--scenarios", "20000",
                                 "--dist", "skew-t", "--df", "5", "--skew", skew, "--format", "json", "--confidence", "0.99"])
            #expect(r.status == 0, "\(r.stderr)")
            return try CLI.json(r.stdout)
        }
        let left = try run("-0.5"), right = try run("0.5")
        let results = try #require(left["results"] as? [[String: Any]])
        #expect(results.first?["method"] as? String == "monte-carlo-skew-t")
        #expect(left["distribution"] as? String == "skew-t(5.00, -0.50)")
        // A long basket loses more in the 99% tail when the shocks are skewed to the left.
        let varLeft = try #require(results.first?["var"] as? Double)
        let varRight = try #require((right["results"] as? [[String: Any]])?.first?["var"] as? Double)
        #expect(varLeft > varRight * 1.05, "left \(varLeft), right \(varRight)")
    }

    @Test func skewIsCheckedWithAClearError() throws {
        for (args, message) in [(["--dist", "skew-t"], "needs its skew"), (["--dist", "skew-t", "--skew", "1"], "strictly between"),
                                (["--dist", "t", "--skew", "0.2"], "goes with --dist skew-t"),
                                (["--dist", "skew-t", "--skew", "0.2", "--df", "2"], "greater than 2")] {
            let r = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--positions-file", CLI.data("positions.csv"),
                                 "--method", "monte-carlo", "--scenarios", "1000"] + args)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func gjrFilterRecordsItsParameters() throws {
        let r = try CLI.run(["var", Self.crypto] + Self.basket + ["--method", "fhs", "--filter", "gjr", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect((json["results"] as? [[String: Any]])?.first?["method"] as? String == "fhs-gjr")
        let filter = try #require(json["filter"] as? [String: Any])
        #expect(filter["name"] as? String == "gjr")
        let garch = try #require(filter["garch"] as? [String: [String: Any]])
        for asset in ["BTC", "ETH"] {
            let p = try #require(garch[asset])
            let alpha = try #require(p["alpha"] as? Double), gamma = try #require(p["gamma"] as? Double)
            let beta = try #require(p["beta"] as? Double)
            #expect(alpha >= 0 && alpha + gamma >= 0 && beta >= 0 && alpha + gamma / 2 + beta < 1, "\(asset): \(p)")
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func haircutTakesTheSkewedT() throws {
        let r = try CLI.run(["haircut", Self.crypto, "--collateral", "BTC=10,ETH=120", "--debt", "USDC=100000",
                             "--dist", "skew-t", "--df", "5", "--skew", "-0.3", "--scenarios", "5000", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"skew-t\"") && r.stdout.contains("\"skew\""), "the policy echo records the law and its skew")
        let missing = try CLI.run(["haircut", Self.crypto, "--collateral", "BTC=10,ETH=120", "--debt", "USDC=100000",
                                   "--dist", "skew-t", "--scenarios", "5000"])
        #expect(missing.status != 0 && missing.stderr.contains("--skew"), "\(missing.stderr)")
    }
}
