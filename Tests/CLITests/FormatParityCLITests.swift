import Foundation
import Testing

/// Format parity and forgiving numbers (issue 12).
@Suite(.tags(.cli)) struct FormatParityCLITests {
    static func file(_ dir: URL, assets: [String] = ["A", "B"], days: Int = 400) throws -> String {
        try SyntheticPrices.write(in: dir, assets: assets, sigmas: assets.map { _ in 0.02 }, days: days)
    }

    @Test func scenarioCountsInExponentAndGroupedForm() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir)
        for (text, n) in [("2e4", 20000), ("20_000", 20000), ("2.5e4", 25000)] {
            let r = try CLI.run(["var", path, "--positions", "A=1", "--method", "monte-carlo", "--scenarios", text,
                                 "--format", "json"])
            #expect(r.status == 0, "\(text): \(r.stderr)")
            #expect(try CLI.json(r.stdout)["scenarios"] as? Int == n, "\(text)")
        }
        let bad = try CLI.run(["var", path, "--positions", "A=1", "--scenarios", "1.5e0"])
        #expect(bad.status != 0 && bad.stderr.contains("--scenarios: \"1.5e0\" is not a whole number"), "\(bad.stderr)")
    }

    @Test func targetPrecisionBareFractionPercentAndAmbiguous() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir)
        let base = ["var", path, "--positions", "A=1", "--method", "monte-carlo", "--scenarios", "1e4", "--format", "json"]
        let percent = try CLI.json(try CLI.run(base + ["--target-precision", "5%"]).stdout)
        let bare = try CLI.json(try CLI.run(base + ["--target-precision", "0.05"]).stdout)
        #expect(percent["target_precision"] as? Double == 0.05 && bare["target_precision"] as? Double == 0.05)
        let ambiguous = try CLI.run(base + ["--target-precision", "0.5"])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("--target-precision: \"0.5\" is ambiguous") && ambiguous.stderr.contains("0.5%"),
                "\(ambiguous.stderr)")
    }

    @Test func everyOutSaysWhatItWrote() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir)
        let runs: [(args: [String], files: String)] = [
            (["var", path, "--positions", "A=1", "--method", "historical"], "summary.json, pnl.csv"),
            (["cov", path], "summary.json, covariance.csv, correlation.csv"),
            (["haircut", path, "--collateral", "A=1", "--scenarios", "1e4"], "summary.json, assets.csv"),
            (["backtest", path, "--positions", "A=1", "--method", "historical", "--window", "250"], "summary.json, exceedances.csv"),
        ]
        for (i, run) in runs.enumerated() {
            let out = dir.appendingPathComponent("out\(i)").path
            let r = try CLI.run(run.args + ["--out", out])
            #expect(r.status == 0, "\(run.args[0]): \(r.stderr)")
            #expect(r.stderr.contains("wrote \(out)/: \(run.files)"), "\(run.args[0]): \(r.stderr)")
        }
    }

    @Test func flagsThatDoNothingAreWarnings() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir)
        let lambda = try CLI.run(["var", path, "--positions", "A=1", "--method", "normal", "--lambda", "0.9"])
        #expect(lambda.status == 0)
        #expect(lambda.stderr.contains("warning: --lambda does nothing here: it is the decay of --estimator ewma (the estimator is sample)"),
                "\(lambda.stderr)")
        let used = try CLI.run(["var", path, "--positions", "A=1", "--method", "normal", "--estimator", "ewma", "--lambda", "0.9"])
        #expect(!used.stderr.contains("warning"), "\(used.stderr)")
        let mc = try CLI.run(["var", path, "--positions", "A=1", "--method", "historical", "--scenarios", "1e4", "--seed", "3"])
        #expect(mc.stderr.contains("warning: --scenarios, --seed do nothing without --method monte-carlo"), "\(mc.stderr)")
    }

    @Test func covCSVCarriesTheCorrelation() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir, assets: ["A", "B", "C"])
        let r = try CLI.run(["cov", path, "--format", "csv", "--correlation"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.first == ["matrix", "asset", "A", "B", "C"])
        #expect(rows.count == 7 && rows[1...3].allSatisfy { $0[0] == "covariance" } && rows[4...6].allSatisfy { $0[0] == "correlation" })
        for i in 0..<3 { #expect(abs((Double(rows[4 + i][2 + i]) ?? 0) - 1) < 1e-12) }
        // A covariance entry over the two variances gives the correlation entry.
        let c = { (i: Int, j: Int) in Double(rows[1 + i][2 + j])! }
        #expect(abs(c(0, 1) / (c(0, 0) * c(1, 1)).squareRoot() - Double(rows[4][3])!) < 1e-12)
        let plain = try CLI.run(["cov", path, "--format", "csv"])
        #expect(plain.stdout.hasPrefix("asset,A,B,C\n"))
    }

    @Test func backtestCSVHasTheVerdictsAndExpectedCounts() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir, assets: ["A"])
        let args = ["backtest", path, "--positions", "A=1", "--method", "historical,normal", "--window", "250"]
        let csv = try CLI.run(args + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = UnusableRowCLITests.csvRows(csv.stdout)
        let tests = try #require(try CLI.json(try CLI.run(args + ["--format", "json"]).stdout)["tests"] as? [[String: Any]])
        #expect(rows.count == tests.count && rows.count == 4)
        for (row, t) in zip(rows, tests) {
            #expect(row["var_pass"] == "\(t["var_pass"] as? Bool ?? false)")
            #expect(row["es_pass"] == (t["es_pass"] as? Bool).map { "\($0)" } ?? "")
            let expected = Double(row["expected_exceedances"] ?? "") ?? .nan
            #expect(abs(expected - (t["expected_exceedances"] as? Double ?? .nan)) < 1e-9)
            #expect(row["skipped_days"] == "\(t["skipped_days"] as? Int ?? -1)")
        }
    }

    @Test func haircutCSVCarriesTheBasket() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.file(dir)
        let args = ["haircut", path, "--collateral", "A=1,B=2", "--floor", "A=0.3", "--scenarios", "1e4"]
        let rows = UnusableRowCLITests.csvRows(try CLI.run(args + ["--format", "csv"]).stdout)
        let basket = try #require(try CLI.json(try CLI.run(args + ["--format", "json"]).stdout)["basket"] as? [String: Any])
        #expect(rows.count == 2 && rows[0]["floor"] == "0.3" && rows[1]["floor"] == "")
        for key in ["haircut_sum", "haircut_portfolio", "haircut_portfolio_floored", "diversification_benefit", "credited_haircut"] {
            // Foundation's JSON reader may round the last bit differently from Double(String).
            let csv = Double(rows[0][key] ?? "") ?? .nan, json = basket[key] as? Double ?? .nan
            #expect(abs(csv - json) <= 1e-14 * abs(json), "\(key): \(csv) vs \(json)")
        }
    }
}
