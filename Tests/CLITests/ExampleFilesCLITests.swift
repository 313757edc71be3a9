import Foundation
import Testing

/// The README tour's example files (`Data/examples/`): the quoted CSV reads back the prices of
/// the S&P file it was made from (`scripts/make_quoted_example.py`), thousands separators
/// included, and the run file runs.
@Suite(.tags(.cli, .realData)) struct ExampleFilesCLITests {
    static let quoted = CLI.data("examples/quoted_prices.csv")

    /// The same stocks, same dates, from the quoted file and from the plain source: the same figures.
    @Test func quotedExampleHoldsTheSourcePrices() throws {
        let flags = ["--positions", "AAPL=2000,MSFT=1000,JPM=100,XOM=300", "--method", "historical,normal", "--format", "json"]
        let quoted = try CLI.run(["var", Self.quoted] + flags)
        let plain = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--from", "2021-01-04"] + flags)
        #expect(quoted.status == 0 && plain.status == 0, "\(quoted.stderr) \(plain.stderr)")
        let q = try CLI.json(quoted.stdout), p = try CLI.json(plain.stdout)
        #expect(q["observations"] as? Int == 500 && p["observations"] as? Int == 500)
        let qr = try #require(q["results"] as? [[String: Any]]), pr = try #require(p["results"] as? [[String: Any]])
        #expect(qr.count == pr.count && !qr.isEmpty)
        for (a, b) in zip(qr, pr) {
            let va = try #require(a["var"] as? Double), vb = try #require(b["var"] as? Double)
            let ea = try #require(a["es"] as? Double), eb = try #require(b["es"] as? Double)
            #expect(abs(va - vb) <= 1e-9 * vb && abs(ea - eb) <= 1e-9 * eb, "\(a["method"] ?? "")")
        }
        let input = try #require((q["inputs"] as? [[String: Any]])?.first)
        #expect(input["delimiter"] as? String == ",")
    }

    /// `"14,496.292"` is 14496.292, not 14 or 496.292 (the file's last EW20 price).
    @Test func thousandsSeparatorsInQuotesAreRead() throws {
        let r = try CLI.run(["var", Self.quoted, "--positions", "EW20=1", "--method", "historical", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let value = try #require((try CLI.json(r.stdout)["basket"] as? [String: Any])?["value"] as? Double)
        let text = try String(contentsOfFile: Self.quoted, encoding: .utf8)
        let last = try #require(text.split(separator: "\n").last?.split(separator: ",\"").last)
        let expected = try #require(Double(last.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\"", with: "")))
        #expect(last.contains(",") && abs(value - expected) < 1e-9)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func runFileExampleRunsFromTheRepositoryRoot() throws {
        // The run file's paths are relative to the repository root, where the README runs it:
        // the binary runs there (its own working directory, not this process's).
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["var", "--config", "Data/examples/run.yaml", "--format", "json"]
        process.currentDirectoryURL = CLI.repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let r = CLI.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect((json["inputs"] as? [Any])?.count == 2)
        #expect((json["assets"] as? [String]).map(Set.init) == ["BTC", "ETH", "AAPL", "MSFT", "XOM"])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.allSatisfy { ($0["unusable"] as? Bool) == false }, "\(results.map { $0["unusable_reasons"] ?? "" })")
    }

    /// The README's plan of four analyses runs from the repository root, each into its directory.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func planExampleRunsEveryAnalysis() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan")
        let r = try CLI.run(executable: CLI.binary, ["run", "Data/examples/plan.yaml", "--out", out.path],
                            directory: CLI.repositoryRoot)
        #expect(r.status == 0, "\(r.stderr)")
        for (name, command) in [("risk", "var"), ("haircuts", "haircut"), ("covid", "stress"), ("backtest", "backtest")] {
            #expect(r.stdout.contains("== \(name): tailrisk \(command) =="))
            let summary = out.appendingPathComponent(name).appendingPathComponent("summary.json")
            let json = try CLI.json(String(decoding: try Data(contentsOf: summary), as: UTF8.self))
            #expect((json["config"] as? [String: Any])?["analysis"] as? String == name)
        }
    }
}
