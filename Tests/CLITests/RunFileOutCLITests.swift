import Foundation
import Testing

/// The run file in the outputs that are files (issue 12, "every output format echoes it"):
/// `--out DIR` gets a byte-for-byte copy `config.yaml`, listed in what `--out` wrote; a CSV on
/// stdout stays a plain CSV (no comment line) and is the same table as with the flags typed.
@Suite(.tags(.cli)) struct RunFileOutCLITests {
    typealias F = InputsCLITests

    /// Comments and a typed-over key, so a copy that re-rendered the file would differ from it.
    static let yaml = "# a run file\npositions: {BTC: 1, ETH: 2}   # quantities\nmethod: [historical, normal]\nconfidence: 0.99\nwindow: 40\n"

    @Test func outDirectoryHoldsTheRunFileByteForByte() throws {
        let f = try F.files()
        let path = try F.write("prices: \(f.plain)\n" + Self.yaml, "run.yaml", in: f.dir)
        let out = f.dir.appendingPathComponent("out").path
        let r = try CLI.run(["var", "--config", path, "--window", "30", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote \(out)/: summary.json, pnl.csv, config.yaml\n"), "\(r.stderr)")
        let copy = try Data(contentsOf: URL(fileURLWithPath: out + "/config.yaml"))
        #expect(copy == (try Data(contentsOf: URL(fileURLWithPath: path))))
        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        let config = try #require(try CLI.json(summary)["config"] as? [String: Any])
        #expect(config["sha256"] as? String == (try F.sha256sum(out + "/config.yaml")))
        // The typed override is in the JSON's arguments, not in the copy.
        #expect((try CLI.json(summary)["command"] as? String)?.contains("--window 30") == true)

        // Another command, the same mechanism.
        let covRun = try F.write("prices: \(f.plain)\nestimator: ewma\nlambda: 0.9\n", "cov.yaml", in: f.dir)
        let covOut = f.dir.appendingPathComponent("cov-out").path
        let c = try CLI.run(["cov", "--config", covRun, "--out", covOut])
        #expect(c.status == 0 && c.stderr.contains("config.yaml\n"), "\(c.stderr)")
        #expect(FileManager.default.contents(atPath: covOut + "/config.yaml") == FileManager.default.contents(atPath: covRun))
    }

    @Test func withoutARunFileNoCopyIsWritten() throws {
        let f = try F.files()
        let out = f.dir.appendingPathComponent("plain-out").path
        let r = try CLI.run(["var", f.plain, "--positions", "BTC=1", "--method", "historical", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote \(out)/: summary.json, pnl.csv\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/config.yaml"))
    }

    @Test func csvOnStdoutIsThePlainTable() throws {
        let f = try F.files()
        let path = try F.write("prices: \(f.plain)\n" + Self.yaml, "run.yaml", in: f.dir)
        let fromFile = try CLI.run(["var", "--config", path, "--format", "csv"])
        let typed = try CLI.run(["var", f.plain, "--positions", "BTC=1,ETH=2", "--method", "historical,normal",
                                 "--confidence", "0.99", "--window", "40", "--format", "csv"])
        #expect(fromFile.status == 0 && typed.status == 0, "\(fromFile.stderr) \(typed.stderr)")
        #expect(fromFile.stdout.hasPrefix("method,"), "\(fromFile.stdout.prefix(80))")
        #expect(!fromFile.stdout.contains("#") && !fromFile.stdout.contains("run.yaml"))
        #expect(fromFile.stdout == typed.stdout)
    }
}
