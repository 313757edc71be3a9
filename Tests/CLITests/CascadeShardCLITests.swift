import Foundation
import Testing

/// Cascade Monte Carlo on the engine from the command line (issue 22): `stress --accounts --monte-carlo
/// --shard i/N` then `merge` writes the single process's bytes; the shard's flags are checked.
@Suite(.tags(.cli, .realData)) struct CascadeShardCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// 9000 shocks: three stream units, so every shard of 3 holds one.
    static func arguments(_ book: String) -> [String] {
        ["stress", crypto, "--accounts", book, "--lt", "ETH=0.8,BTC=0.75", "--monte-carlo", "--scenarios", "9000",
         "--horizon", "10", "--dist", "t", "--from", "2019-06-01", "--format", "json"]
    }

    /// A file's lines without those that name the command line, the output directory or the time.
    static func stripped(_ url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("\"command\":") && !$0.contains("\"directory\":") && !$0.contains("\"seconds\":") }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func shardsMergedWriteTheBytesOfOneRun() throws {
        let book = try CascadeCLITests.book(CascadeCLITests.smallBook)
        let dir = try CLI.temporaryDirectory()
        let one = try CLI.run(Self.arguments(book) + ["--out", dir.appendingPathComponent("one").path])
        #expect(one.status == 0, "\(one.stderr)")
        var shards: [String] = []
        for i in [3, 1, 2] {
            let path = dir.appendingPathComponent("s\(i)").path
            let r = try CLI.run(Self.arguments(book) + ["--shard", "\(i)/3", "--out", path])
            #expect(r.status == 0, "\(r.stderr)")
            shards.append(path)
        }
        let merged = try CLI.run(["merge"] + shards + ["--out", dir.appendingPathComponent("merged").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(one.stdout.split(separator: "\n").filter { !$0.contains("\"command\":") && !$0.contains("\"seconds\":") && !$0.contains("\"directory\":") }
                == merged.stdout.split(separator: "\n").filter { !$0.contains("\"command\":") && !$0.contains("\"seconds\":") && !$0.contains("\"directory\":") })
        for file in ["summary.json", "monte_carlo_shocks.csv", "cascade_outcomes.csv"] {
            let a = try Self.stripped(dir.appendingPathComponent("one/\(file)"))
            let b = try Self.stripped(dir.appendingPathComponent("merged/\(file)"))
            #expect(!a.isEmpty && a == b, "\(file)")
        }
        // Two shards of three do not merge.
        let partial = try CLI.run(["merge", shards[0], shards[1], "--out", dir.appendingPathComponent("partial").path])
        #expect(partial.status != 0 && partial.stderr.contains("missing"))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func shardFlagsAreChecked() throws {
        let book = try CascadeCLITests.book(CascadeCLITests.smallBook)
        let out = try CLI.temporaryDirectory().appendingPathComponent("o").path
        let base = ["stress", Self.crypto, "--accounts", book, "--lt", "ETH=0.8,BTC=0.75", "--from", "2019-06-01"]
        let cases: [([String], String)] = [
            (["--monte-carlo", "--shard", "1/2"], "--out"),
            (["--shock", "ETH=-30%", "--shard", "1/2", "--out", out], "--monte-carlo"),
            (["--monte-carlo", "--breaker", "10%", "--shard", "1/2", "--out", out], "--breaker"),
            (["--monte-carlo", "--target-precision", "5%", "--shard", "1/2", "--out", out], "--target-precision"),
            (["--monte-carlo", "--shard", "3/2", "--out", out], "--shard"),
        ]
        for (args, needle) in cases {
            let r = try CLI.run(base + args)
            #expect(r.status != 0 && !r.signalled, "\(args)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args): nothing written")
        }
    }
}
