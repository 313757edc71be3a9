import Foundation
import Testing

/// `stress --accounts` with the liquidation thresholds from the policy file (`lt:`) or a
/// run file (`--config`): the same run as `--lt` typed; a typed `--lt` replaces the file's.
@Suite(.tags(.cli, .realData)) struct CascadePolicyCLITests {
    typealias C = CascadeCLITests
    static let shock = ["--shock", "ETH=-45%,BTC=-40%"]

    static func write(_ text: String, _ name: String) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func stress(_ book: String, _ flags: [String], format: String = "table") throws -> CLI.Result {
        let r = try CLI.run(["stress", C.crypto, "--accounts", book] + shock + flags + ["--format", format] + C.window)
        #expect(r.status == 0, "\(flags): \(r.stderr)")
        return r
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func policyFileThresholdsGiveTheSameBytesAsTheFlag() throws {
        let book = try C.book(C.smallBook)
        let policy = try Self.write("lt: {ETH: 0.8, BTC: 0.75}\nliquidation-bonus: 0.08\n", "policy.yaml")
        let fromFile = try Self.stress(book, ["--policy", policy])
        let typed = try Self.stress(book, ["--lt", "ETH=0.8,BTC=0.75", "--liquidation-bonus", "0.08"])
        #expect(fromFile.stdout == typed.stdout)
        #expect(fromFile.stdout.contains("LT ETH 80.00%, BTC 75.00%; bonus 8.00%"), "\(fromFile.stdout)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aTypedFlagReplacesTheFilesThresholds() throws {
        let book = try C.book(C.smallBook)
        let policy = try Self.write("lt: {ETH: 0.8, BTC: 0.75}\n", "policy.yaml")
        let overridden = try Self.stress(book, ["--policy", policy, "--lt", "ETH=0.6,BTC=0.6"])
        let typed = try Self.stress(book, ["--lt", "ETH=0.6,BTC=0.6"])
        let file = try Self.stress(book, ["--policy", policy])
        #expect(overridden.stdout == typed.stdout)
        #expect(overridden.stdout != file.stdout)
        #expect(overridden.stdout.contains("LT ETH 60.00%, BTC 60.00%"), "\(overridden.stdout)")
        // --lt replaces the mapping whole: the file's BTC does not survive a flag naming ETH alone.
        let r = try CLI.run(["stress", C.crypto, "--accounts", book, "--policy", policy, "--lt", "ETH=0.6"] + Self.shock + C.window)
        #expect(r.status != 0 && r.stderr.contains("--lt") && r.stderr.contains("BTC"), "\(r.stderr)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aBadThresholdInTheFileNamesFileAndLine() throws {
        let book = try C.book(C.smallBook)
        let policy = try Self.write("confidence: 0.99\nlt: {ETH: 1.5, BTC: 0.75}\n", "policy.yaml")
        let r = try CLI.run(["stress", C.crypto, "--accounts", book, "--policy", policy] + Self.shock + C.window)
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(policy):2") && r.stderr.contains("ETH must lie in [0, 1], got 1.5"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func withoutThresholdsTheErrorNamesBothWays() throws {
        let book = try C.book(C.smallBook)
        let r = try CLI.run(["stress", C.crypto, "--accounts", book] + Self.shock + C.window)
        #expect(r.status != 0 && r.stderr.contains("--lt: required with --accounts") && r.stderr.contains("--policy"), "\(r.stderr)")
    }

    /// The run file takes `lt:` by the flag's name, a mapping written ASSET=VALUE,….
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func runFileThresholdsAreTheFlag() throws {
        let book = try C.book(C.smallBook)
        let run = try Self.write("lt: {ETH: 0.8, BTC: 0.75}\n", "run.yaml")
        let fromRun = try Self.stress(book, ["--config", run], format: "json")
        let typed = try Self.stress(book, ["--lt", "ETH=0.8,BTC=0.75"], format: "json")
        #expect(try RunFileCLITests.comparable(fromRun.stdout) == RunFileCLITests.comparable(typed.stdout))
        let rules = try #require(try CLI.json(fromRun.stdout)["rules"] as? [String: Any])
        #expect(rules["liquidation_thresholds"] as? [String: Double] == ["ETH": 0.8, "BTC": 0.75], "\(rules)")
    }

    /// Without --accounts the file's thresholds are the HF thresholds of a replay, and the policy echo writes them back.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func basketStressEchoesTheFilesThresholds() throws {
        let policy = try Self.write("lt: {ETH: 0.8}\n", "policy.yaml")
        let r = try CLI.run(["stress", C.crypto, "--collateral", "ETH=10", "--debt", "USDC=1000", "--policy", policy,
                             "--replay", "2020-03-01:2020-03-31", "--format", "json"] + C.window)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let echo = try #require(json["policy"] as? [String: Any])
        #expect(echo["lt"] as? [String: Double] == ["ETH": 0.8])
        #expect(json["liquidation_thresholds"] as? [String: Double] == ["ETH": 0.8])
    }
}
