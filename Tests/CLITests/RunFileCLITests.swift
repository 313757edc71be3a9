import Foundation
import Testing

/// `--config FILE` (issue 12): every subcommand takes its flags by their own names from a
/// YAML run file, typed flags override it, and the outputs echo it.
@Suite(.tags(.cli)) struct RunFileCLITests {
    typealias F = InputsCLITests

    static func write(_ yaml: String, in dir: URL, _ name: String = "run.yaml") throws -> String {
        try F.write(yaml, name, in: dir)
    }

    /// The JSON without what names the run rather than its result (and timings, at any depth).
    static func comparable(_ text: String) throws -> Data {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !["command", "config", "seconds"].contains($0.key) }.mapValues(strip)
            }
            if let list = value as? [Any] { return list.map(strip) }
            return value
        }
        return try JSONSerialization.data(withJSONObject: strip(try CLI.json(text)), options: [.sortedKeys])
    }

    /// Each command: its run file and the same flags typed.
    static func cases(_ prices: String) -> [(command: String, yaml: String, typed: [String])] {
        [
            ("var", "positions: {BTC: 1, ETH: 2}\nmethod: [historical, normal]\nconfidence: 0.99\nzero-mean: true\nwindow: 40\n",
             ["--positions", "BTC=1,ETH=2", "--method", "historical,normal", "--confidence", "0.99", "--zero-mean", "--window", "40"]),
            ("cov", "estimator: ewma\nlambda: 0.9\nassets: [BTC, SOL]\n", ["--estimator", "ewma", "--lambda", "0.9", "--assets", "BTC,SOL"]),
            ("simulate", "weights: {BTC: 0.5, ETH: 0.5}\nvalue: 1000\nscenarios: 2000\nseed: 4\nthreads: 1\n",
             ["--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--scenarios", "2000", "--seed", "4", "--threads", "1"]),
            ("backtest", "positions: {BTC: 1}\nwindow: 30\nmethod: historical\n", ["--positions", "BTC=1", "--window", "30", "--method", "historical"]),
            ("haircut", "collateral: {BTC: 1}\ndebt-asset: ETH\nwindow: 40\nzero-mean: true\nlambda: 0.9\nscenarios: 2000\nseed: 2\n",
             ["--collateral", "BTC=1", "--debt-asset", "ETH", "--window", "40", "--zero-mean", "--lambda", "0.9", "--scenarios", "2000", "--seed", "2"]),
            ("stress", "collateral: {BTC: 1}\ndebt-asset: ETH\nshock: BTC=-0.3\nscenarios: 2000\n",
             ["--collateral", "BTC=1", "--debt-asset", "ETH", "--shock", "BTC=-0.3", "--scenarios", "2000"]),
        ]
    }

    @Test func everyCommandReadsItsFlagsFromTheFile() throws {
        let f = try F.files()
        for c in Self.cases(f.plain) {
            let path = try Self.write("prices: \(f.plain)\n" + c.yaml, in: f.dir, "\(c.command).yaml")
            let fromFile = try CLI.run([c.command, "--config", path, "--format", "json"])
            let typed = try CLI.run([c.command, f.plain] + c.typed + ["--format", "json"])
            #expect(fromFile.status == 0 && typed.status == 0, "\(c.command): \(fromFile.stderr) \(typed.stderr)")
            guard fromFile.status == 0 && typed.status == 0 else { continue }
            #expect(try Self.comparable(fromFile.stdout) == Self.comparable(typed.stdout), "\(c.command)")
            let config = try #require(try CLI.json(fromFile.stdout)["config"] as? [String: Any], "\(c.command)")
            let digest = try F.sha256sum(path)
            #expect(config["file"] as? String == path && config["sha256"] as? String == digest)
            #expect(config["arguments"] as? [String] == [f.plain] + c.typed, "\(c.command)")
        }
    }

    @Test func typedFlagsOverrideTheFileAndTheTableEchoesIt() throws {
        let f = try F.files()
        let path = try Self.write("prices: \(f.plain)\npositions: {BTC: 1}\nmethod: historical\nwindow: 40\n", in: f.dir)
        let r = try CLI.run(["var", "--config", path, "--window", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(" 20 returns "))
        #expect(r.stdout.contains("\nrun file \(path): \(f.plain) --positions BTC=1 --method historical (typed flags override it)\n"),
                "\(r.stdout)")
        // A file typed first replaces the run file's prices.
        let other = try CLI.run(["var", f.semicolon, "--config", path, "--format", "json"])
        #expect((try CLI.json(other.stdout)["input"] as? [String: Any])?["file"] as? String == f.semicolon)
    }

    @Test func badRunFilesNameTheirLine() throws {
        let dir = try CLI.temporaryDirectory()
        let unknown = try Self.write("positions: {BTC: 1}\nfoo: 1\n", in: dir, "unknown.yaml")
        let r = try CLI.run(["var", "x.csv", "--config", unknown])
        #expect(r.status != 0 && r.stderr.hasPrefix("error: Unknown option '--foo'") && r.stderr.contains("(from \(unknown):2: foo)"),
                "\(r.stderr)")
        let list = try Self.write("- confidence: 0.99\n", in: dir, "list.yaml")
        let l = try CLI.run(["var", "x.csv", "--config", list])
        #expect(l.stderr == "error: \(list):1:1: expected a mapping of flag names to values (confidence: 0.99, positions: {BTC: 1}, …)\n")
        let missing = try CLI.run(["var", "x.csv", "--config"])
        #expect(missing.status != 0 && missing.stderr == "error: --config needs a FILE (a YAML run file)\n")
    }
}
