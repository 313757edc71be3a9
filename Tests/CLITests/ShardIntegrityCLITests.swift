import Foundation
import Testing
import TailRisk

/// `merge` on shard files edited after `simulate --shard` wrote them (issue 21 item 13):
/// every edit is refused with one line naming the file, never a trap, an allocation sized
/// by a header field or a changed VaR. Edits come in two kinds: naive ones, which the
/// checksums catch, and deliberate ones with every checksum recomputed, which the
/// bounds and the regeneration check catch.
@Suite("merge refuses edited shard files", .serialized, .tags(.cli))
struct ShardIntegrityCLITests {
    /// A shard directory's two files, edited in memory and written back.
    struct Shard {
        let dir: URL
        var bin: [UInt8]
        var json: String

        init(_ path: String) throws {
            dir = URL(fileURLWithPath: path)
            bin = [UInt8](try Data(contentsOf: dir.appendingPathComponent("shard.bin")))
            json = try String(contentsOf: dir.appendingPathComponent("shard.json"), encoding: .utf8)
        }

        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bin[at + $1]) << (8 * $1) } }
        mutating func put(_ x: UInt64, at: Int, bytes: Int = 8) {
            for i in 0..<bytes { bin[at + i] = UInt8(truncatingIfNeeded: x >> (8 * UInt64(i))) }
        }

        /// Offset of the portfolio tail's first entry (loss, then index): past the header,
        /// kernel, unit ranges, histogram and the tail's entry count.
        var firstEntry: Int {
            let histogram = u32(12) & 1 == 1 ? 32 + 8 * u32(76) : 0
            return 80 + u32(68) + 16 * u32(72) + histogram + 8
        }

        /// Writes both files; with `reseal`, first recomputes the CRC of `shard.bin`, the
        /// accumulator's SHA-256 in `shard.json` and the header's own `header_sha256`.
        func write(reseal: Bool) throws {
            var bin = self.bin, json = self.json
            if reseal {
                bin = Shard.withCRC(bin)
                json = json.replacingOccurrences(of: #"("bytes": [0-9]+,\n *"sha256": ")[0-9a-f]{64}"#,
                                                 with: "$1\(SHA256.hex(bin))", options: .regularExpression)
                json = json.replacingOccurrences(of: #""header_sha256": "[0-9a-f]{64}""#,
                                                 with: "\"header_sha256\": \"\(ShardHeader.unsealed)\"", options: .regularExpression)
                json = ShardHeader.sealed(json)
            }
            try Data(bin).write(to: dir.appendingPathComponent("shard.bin"))
            try Data(json.utf8).write(to: dir.appendingPathComponent("shard.json"))
        }

        static func withCRC(_ bytes: [UInt8]) -> [UInt8] {
            var table = [UInt32](repeating: 0, count: 256)
            for n in 0..<256 {
                var c = UInt32(n)
                for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
                table[n] = c
            }
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes.dropLast(4) { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
            c ^= 0xFFFF_FFFF
            var out = bytes
            for i in 0..<4 { out[out.count - 4 + i] = UInt8(truncatingIfNeeded: c >> (8 * UInt32(i))) }
            return out
        }
    }

    /// Two shards of the CLI basket (5 units: shard 1 holds units 0…1), the merged
    /// directory of the untouched shards and a place for further merges.
    static func twoShards() throws -> (root: URL, dirs: [String], reference: String) {
        let root = try CLI.temporaryDirectory()
        let dirs = try ShardMergeCLITests.shards(ShardMergeCLITests.sp500, [], count: 2, root: root)
        let reference = root.appendingPathComponent("reference")
        let r = try CLI.run(["merge"] + dirs + ["--out", reference.path])
        #expect(r.status == 0, "\(r.stderr)")
        return (root, dirs, try String(contentsOf: reference.appendingPathComponent("summary.json"), encoding: .utf8))
    }

    /// Runs `merge`, expects a one-line refusal that names `file` and says `reason`, and no output.
    @discardableResult
    static func refused(_ dirs: [String], root: URL, naming file: String, _ reason: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let out = root.appendingPathComponent("merged").path
        let r = try CLI.run(["merge"] + dirs + ["--out", out])
        #expect(r.status == 1 && !r.signalled, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("error: \(file)"), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(reason), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: out), sourceLocation: sourceLocation)
        return r.stderr
    }

    @Test func editedHeaderFieldsAreRefused() throws {
        let (root, dirs, _) = try Self.twoShards()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try Shard(dirs[0])
        let json = dirs[0] + "/shard.json"
        // The reproducers of the issue: index −1 or 1e30, count 0 or −4 (each used to trap).
        for (from, to, reason) in [("\"index\": 1", "\"index\": -1", "shard.index is -1"),
                                   ("\"index\": 1", "\"index\": 1e30", "shard.index is 1e+30"),
                                   ("\"count\": 2", "\"count\": 0", "shard.count is 0"),
                                   ("\"count\": 2", "\"count\": -4", "shard.count is -4"),
                                   ("\"end\": 2", "\"end\": 5", "units 0..<5 are not those of shard 1/2"),
                                   ("\"shard\": 8192", "\"shard\": 9000", "scenarios.shard is not 8192")] {
            var s = original
            s.json = original.json.replacingOccurrences(of: from, with: to)
            #expect(s.json != original.json)
            try s.write(reseal: false)
            try Self.refused(dirs, root: root, naming: json, "header_sha256 does not match")
            try s.write(reseal: true)
            try Self.refused(dirs, root: root, naming: json, reason)
        }
        // A format-1 header (before the checksums) is still read, range-checked, with a warning.
        var legacy = original
        legacy.json = original.json.replacingOccurrences(of: "tailrisk-shard 2", with: "tailrisk-shard 1")
            .replacingOccurrences(of: #",\n  "header_sha256": "[0-9a-f]{64}""#, with: "", options: .regularExpression)
        #expect(!legacy.json.contains("header_sha256"))
        try legacy.write(reseal: false)
        let ok = try CLI.run(["merge"] + dirs + ["--out", root.appendingPathComponent("legacy").path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("warning: \(json) is an older tailrisk-shard 1 header without checksums"))
        legacy.json = legacy.json.replacingOccurrences(of: "\"count\": 2", with: "\"count\": 0")
        try legacy.write(reseal: false)
        try Self.refused(dirs, root: root, naming: json, "shard.count is 0")
        try original.write(reseal: false)
    }

    @Test func editedAccumulatorFieldsAreRefused() throws {
        let (root, dirs, reference) = try Self.twoShards()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try Shard(dirs[0])
        let bin = dirs[0] + "/shard.bin"
        let at = original.firstEntry
        let firstIndex = (0..<8).reduce(0) { $0 | Int(original.bin[at + 8 + $1]) << (8 * $1) }
        let secondIndex = (0..<8).reduce(0) { $0 | Int(original.bin[at + 24 + $1]) << (8 * $1) }
        #expect(firstIndex < 8192 && secondIndex < 8192 && firstIndex != secondIndex)
        let firstLoss = Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(original.bin[at + $1]) << (8 * UInt64($1)) })
        let edits: [(String, (inout Shard) -> Void, String)] = [
            // capacity 2^62 (a trap in 2·capacity), 0xFFFFFFFF asset tails (a 240 GB allocation)
            ("capacity", { $0.put(1 << 62, at: 56) }, "tail capacity 4611686018427387904"),
            ("assets", { $0.put(0xFFFF_FFFF, at: 64, bytes: 4) }, "4294967295 asset tails beyond the file"),
            ("scenarios", { $0.put(1 << 40, at: 48) }, "scenario count 1099511627776"),
            // A NaN loss, a duplicate index and an index outside the shard's units 0…1 (scenarios 0..<8192).
            ("NaN loss", { $0.put(Double.nan.bitPattern, at: at) }, "non-finite loss"),
            ("duplicate", { $0.put(UInt64(firstIndex), at: at + 24) }, "scenario \(firstIndex) appears twice"),
            ("outside", { $0.put(19_000, at: at + 8) }, "scenario 19000 lies outside the units covered"),
        ]
        for (name, edit, reason) in edits {
            var s = original
            edit(&s)
            try s.write(reseal: false)
            try Self.refused(dirs, root: root, naming: bin, "checksum mismatch")
            try s.write(reseal: true)
            let message = try Self.refused(dirs, root: root, naming: bin, reason)
            #expect(!message.isEmpty, "\(name)")
        }
        // A larger top loss, still in tail order: every check of the file passes, but the
        // scenario regenerates to its true loss.
        var raised = original
        raised.put((firstLoss * 1.01).bitPattern, at: at)
        try raised.write(reseal: true)
        let mismatch = try Self.refused(dirs, root: root, naming: bin, "scenario \(firstIndex) (rank ")
        #expect(mismatch.contains("of the merged tail) holds loss") && mismatch.contains("the file was altered"))
        // Restored, the merge gives the reference again.
        try original.write(reseal: false)
        let again = root.appendingPathComponent("again")
        #expect(try CLI.run(["merge"] + dirs + ["--out", again.path]).status == 0)
        #expect(try ShardMergeCLITests.summaryWithoutCommand(again) == ShardMergeCLITests.withoutCommand(reference))
    }

    /// `merge S/s1 S/s2 --out S/s1` used to replace shard 1 with the merged files (item 16).
    @Test func anOutputThatIsContainsOrLiesInAShardIsRefused() throws {
        let (root, dirs, _) = try Self.twoShards()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try dirs.map { try Shard($0) }
        let link = root.appendingPathComponent("link-to-2").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dirs[1])
        for (out, relation) in [(dirs[0], "is the shard directory \(dirs[0])"),
                                (dirs[0] + "/", "is the shard directory \(dirs[0])"),
                                (root.path + "/./" + URL(fileURLWithPath: dirs[1]).lastPathComponent, "is the shard directory \(dirs[1])"),
                                (link, "is the shard directory \(dirs[1])"),
                                (root.path, "contains the shard directory \(dirs[0])"),
                                (dirs[1] + "/sub/merged", "lies inside the shard directory \(dirs[1])")] {
            let r = try CLI.run(["merge"] + dirs + ["--out", out])
            #expect(r.status == 1 && !r.signalled, "\(out): \(r.stderr)")
            #expect(r.stderr == "error: --out: \(out) \(relation), which merge would replace or change; give a directory apart from the shards\n")
        }
        // Both shards are as simulate wrote them, and nothing was created inside them.
        for (dir, shard) in zip(dirs, before) {
            let now = try Shard(dir)
            #expect(now.bin == shard.bin && now.json == shard.json)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".tailrisk", "shard.bin", "shard.json"])
        }
        // A sibling whose name extends a shard's is not inside it.
        let sibling = dirs[1] + "-merged"
        #expect(try CLI.run(["merge"] + dirs + ["--out", sibling]).status == 0)
    }
}
