import Foundation
import Testing

/// Writes past `ulimit -f` (issue 21 item 17): the CLI ignores SIGXFSZ, so the write
/// fails with EFBIG and becomes a one-line error and a non-zero exit, with `--out`
/// left as it was; before, SIGXFSZ killed the process without a word.
@Suite("tailrisk under a file-size limit", .tags(.cli))
struct FileSizeLimitCLITests {
    static let basket = ["--assets", "AAPL,JPM,XOM,KO", "--weights", "AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1",
                         "--value", "1000000", "--scenarios", "5000", "--seed", "3", "--quiet"]

    /// Runs the binary through `/bin/sh -c 'ulimit -f 1; exec …'` (a limit of 512 or
    /// 1024 bytes, by the shell), in `directory`, stdout to `stdoutFile` when given.
    static func limited(_ arguments: [String], in directory: URL, stdoutFile: String? = nil) throws -> CLI.Result {
        let redirect = stdoutFile == nil ? "" : " > \"$OUT\""
        return try CLI.run(executable: URL(fileURLWithPath: "/bin/sh"),
                           ["-c", "ulimit -f 1; exec \"$0\" \"$@\"" + redirect, CLI.binary.path] + arguments,
                           environment: stdoutFile.map { ["OUT": $0] } ?? [:], directory: directory)
    }

    @Test func anOutputDirectoryPastTheLimitIsAnErrorAndLeftAsItWas() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        // A new directory: nothing is left behind, not even the temporary one.
        let r = try Self.limited(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--out", out.path], in: root)
        #expect(r.status == 1 && !r.signalled, "status \(r.status), signalled \(r.signalled): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: --out: cannot write \(out.path)/") && r.stderr.contains("File too large"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        // An existing directory of an earlier run keeps its files, byte for byte.
        let first = try CLI.run(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let again = try Self.limited(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--seed", "4", "--out", out.path], in: root)
        #expect(again.status == 1 && !again.signalled, "\(again.stderr)")
        #expect(again.stderr.contains("File too large") && again.stderr.contains("was left as it was"), "\(again.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["run"])
        // A shard directory too.
        let shard = try Self.limited(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--shard", "1/2", "--out", "s1"], in: root)
        #expect(shard.status == 1 && !shard.signalled && shard.stderr.contains("File too large"), "\(shard.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("s1").path))
    }

    @Test func aReportPastTheLimitOnStdoutIsAnError() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = root.appendingPathComponent("report.json").path
        let r = try Self.limited(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--format", "json"], in: root,
                                 stdoutFile: report)
        #expect(r.status == 1 && !r.signalled, "status \(r.status), signalled \(r.signalled): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: cannot write the report to standard output"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        // Within the limit the same command exits 0.
        let small = try Self.limited(["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--format", "json"], in: root)
        #expect(small.status == 0 && small.stdout.hasPrefix("{"), "\(small.stderr)")
    }

    /// `--out S/run` with a missing one-letter parent used to trap in Foundation's
    /// `deletingLastPathComponent`; the parent is now made like any other.
    @Test func aMissingOneLetterParentIsCreated() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["simulate", ShardMergeCLITests.sp500] + Self.basket + ["--out", "S/run"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("S/run/summary.json").path))
    }
}
