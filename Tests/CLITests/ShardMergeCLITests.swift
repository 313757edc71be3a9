import Foundation
import Testing

@Suite("tailrisk simulate --shard and tailrisk merge through the built binary", .tags(.cli))
struct ShardMergeCLITests {
    static let sp500 = CLI.data("sp500_skfolio_daily.csv")
    /// 5 units of 4096 (the last one cut short).
    static let basket = ["--assets", "AAPL,JPM,XOM,KO", "--weights", "AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1",
                         "--value", "1000000", "--window", "750", "--scenarios", "20000", "--seed", "7",
                         "--bins", "40", "--quiet"]

    static func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// summary.json without the two lines that name the command and the directory.
    static func summaryWithoutCommand(_ dir: URL) throws -> String { withoutCommand(try read(dir, "summary.json")) }

    static func withoutCommand(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"command\":") && !$0.contains("\"directory\":") }.joined(separator: "\n")
    }

    /// Runs the shards `indices` of `count` into `root/shard-i`; returns their directories.
    static func shards(_ prices: String, _ extra: [String], count: Int, indices: [Int]? = nil, root: URL) throws -> [String] {
        try (indices ?? Array(1...count)).map { i in
            let dir = root.appendingPathComponent("shard-\(i)-of-\(count)").path
            let r = try CLI.run(["simulate", prices] + basket + extra + ["--shard", "\(i)/\(count)", "--out", dir])
            #expect(r.status == 0, "\(r.stderr)")
            return dir
        }
    }

    @Test(arguments: [[String](), ["--dist", "t", "--df", "4", "--horizon", "3"], ["--dist", "bootstrap", "--pnl", "linear"],
                      ["--variance-reduction", "importance", "--confidence", "0.999"]])
    func mergedShardsWriteTheBytesOfOneRun(extra: [String]) throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("one")
        let single = try CLI.run(["simulate", Self.sp500] + Self.basket + extra + ["--out", one.path, "--format", "json"])
        #expect(single.status == 0, "\(single.stderr)")
        // 3 shards of 5 units, and 7 shards (two of them empty) given in reverse order.
        for count in [3, 7] {
            var dirs = try Self.shards(Self.sp500, extra, count: count, root: root)
            if count == 7 { dirs.reverse() }
            let merged = root.appendingPathComponent("merged-\(count)")
            let m = try CLI.run(["merge"] + dirs + ["--out", merged.path, "--format", "json"])
            #expect(m.status == 0, "\(m.stderr)")
            #expect(try Self.read(merged, "tail.csv") == Self.read(one, "tail.csv"))
            #expect(try Self.read(merged, "histogram.csv") == Self.read(one, "histogram.csv"))
            #expect(try Self.summaryWithoutCommand(merged) == Self.summaryWithoutCommand(one))
            // The merge prints what the recorded command prints (here JSON), from the same numbers.
            #expect(Self.withoutCommand(m.stdout) == Self.withoutCommand(single.stdout))
        }
        let header = try CLI.json(Self.read(root.appendingPathComponent("shard-1-of-7"), "shard.json"))
        #expect((header["units"] as? [String: Any])?["total"] as? Int == 5)
        #expect((header["units"] as? [String: Any])?["end"] as? Int == 0)  // ⌊5/7⌋ = 0: an empty shard
        #expect((header["scenarios"] as? [String: Any])?["shard"] as? Int == 0)
    }

    @Test func shardErrorsAreClearAndNameTheFile() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dirs = try Self.shards(Self.sp500, [], count: 3, root: root)
        let out = root.appendingPathComponent("merged").path
        func merge(_ shards: [String]) throws -> CLI.Result {
            let r = try CLI.run(["merge"] + shards + ["--out", out])
            #expect(r.status != 0 && !r.signalled)
            #expect(r.stderr.hasPrefix("error: "))
            #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
            return r
        }
        // Missing, duplicated.
        #expect(try merge([dirs[0], dirs[2]]).stderr.contains("shard 2/3 missing"))
        #expect(try merge(dirs + [dirs[1]]).stderr.contains("\(dirs[1]): shard 2/3 again"))
        // Foreign: another seed, another split.
        let seed = try Self.shards(Self.sp500, ["--seed", "8"], count: 3, indices: [2], root: root.appendingPathComponent("seed8"))
        let r1 = try merge([dirs[0], seed[0], dirs[2]])
        #expect(r1.stderr.contains(seed[0]) && r1.stderr.contains("another run"))
        let split = try Self.shards(Self.sp500, [], count: 2, indices: [2], root: root)
        let r2 = try merge([dirs[0], dirs[1], split[0]])
        #expect(r2.stderr.contains(split[0]) && r2.stderr.contains("another split"))
        // Not a shard directory.
        #expect(try merge([dirs[0], root.path, dirs[2]]).stderr.contains("\(root.path)/shard.json"))
        // A truncated and a corrupted accumulator.
        let bin = URL(fileURLWithPath: dirs[1]).appendingPathComponent("shard.bin")
        let good = try Data(contentsOf: bin)
        try good.prefix(good.count - 50).write(to: bin)
        let r3 = try merge(dirs)
        #expect(r3.stderr.contains(bin.path) && r3.stderr.contains("truncated"))
        var bad = good
        bad[good.count / 2] ^= 0x01
        try bad.write(to: bin)
        let r4 = try merge(dirs)
        #expect(r4.stderr.contains(bin.path) && r4.stderr.contains("checksum"))
        try good.write(to: bin)
        let ok = try CLI.run(["merge"] + dirs + ["--out", out])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func aChangedInputIsRefused() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let prices = root.appendingPathComponent("prices.csv")
        try FileManager.default.copyItem(atPath: Self.sp500, toPath: prices.path)
        let dirs = try Self.shards(prices.path, [], count: 2, root: root)
        let handle = try FileHandle(forWritingTo: prices)
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        let r = try CLI.run(["merge"] + dirs + ["--out", root.appendingPathComponent("merged").path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(prices.path): changed since the shards were made"), "\(r.stderr)")
    }

    @Test func shardFlagsAreChecked() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("s").path
        for (flags, message) in [(["--shard", "0/3", "--out", out], "--shard"),
                                 (["--shard", "4/3", "--out", out], "--shard"),
                                 (["--shard", "2"], "--shard"),
                                 (["--shard", "1/2"], "--out"),
                                 (["--shard", "1/2", "--out", out, "--target-precision", "1%"], "--target-precision")] {
            let r = try CLI.run(["simulate", Self.sp500] + Self.basket + flags)
            #expect(r.status != 0 && !r.signalled)
            #expect(r.stderr.contains(message), "\(flags): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
