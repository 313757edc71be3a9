import Foundation
import Testing
@testable import TailRisk

/// Every subcommand that measures risk takes every model flag the same way
/// (the shared option groups of Sources/tailrisk/Options), and haircut sets
/// haircuts from FHS.
@Suite(.tags(.cli)) struct SharedOptionsCLITests {
    /// Two assets over 320 seeded lognormal days (daily σ 1% and 2%, ρ 0.5).
    static func pricesFile() throws -> String {
        var rng = Xoshiro256PlusPlus(seed: 21, unit: 0)
        var a = 100.0, b = 50.0
        var lines = ["date,A,B"]
        let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch
        for t in 0..<320 {
            if t > 0 {
                let z1 = Normal.quantile(rng.nextUniformPositive()), z2 = Normal.quantile(rng.nextUniformPositive())
                a *= exp(0.01 * z1)
                b *= exp(0.02 * (0.5 * z1 + 0.75.squareRoot() * z2))
            }
            lines.append("\(Day(daysSinceEpoch: start + t)),\(a),\(b)")
        }
        let path = try CLI.temporaryDirectory().appendingPathComponent("ab.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Each command's basket flags.
    static let basket: [String: [String]] = [
        "var": ["--weights", "A=0.5,B=0.5", "--value", "1000", "--method", "normal,fhs,monte-carlo"],
        "simulate": ["--weights", "A=0.5,B=0.5", "--value", "1000"],
        "haircut": ["--collateral", "A=1,B=1"],
        "backtest": ["--positions", "A=1,B=1", "--method", "normal,fhs,monte-carlo"],
    ]

    static let common = ["--estimator", "ewma", "--lambda", "0.9", "--zero-mean", "--confidence", "0.99",
                         "--pnl", "linear", "--scenarios", "3000", "--seed", "7", "--threads", "1", "--format", "json"]

    /// A law and what it shows in the JSON: the method id, and the filter echoed.
    struct Law: Sendable, CustomTestStringConvertible {
        let flags: [String]
        let methodID: String
        let filterLambda: Double?
        var testDescription: String { flags.joined(separator: " ") }
    }

    static let laws = [
        Law(flags: ["--dist", "t", "--df", "4"], methodID: "monte-carlo-t", filterLambda: nil),
        Law(flags: ["--dist", "fhs", "--filter", "ewma", "--filter-lambda", "0.9"], methodID: "monte-carlo-fhs",
            filterLambda: 0.9),
    ]

    /// --estimator, --lambda, --zero-mean, --confidence, --dist, --df, --filter,
    /// --filter-lambda, --scenarios, --seed, --threads and --pnl, accepted by
    /// each command and each seen in its JSON.
    @Test(arguments: ["var", "simulate", "haircut", "backtest"], laws)
    func everyCommandTakesEveryModelFlag(command: String, law: Law) throws {
        let r = try CLI.run([command, try Self.pricesFile()] + Self.basket[command]! + Self.common + law.flags)
        #expect(r.status == 0, "\(command): \(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["estimator"] as? String == "ewma", "\(command)")
        #expect(json["lambda"] as? Double == 0.9, "\(command)")
        // fhs has no mean parameter: a run of it alone says so (issue 21), the others' normal reads the zero mean.
        let noMean = law.methodID == "monte-carlo-fhs" && (command == "simulate" || command == "haircut")
        #expect(json["mean"] as? String == (noMean ? "none" : "zero"), "\(command)")
        #expect(json["pnl"] as? String == "linear", "\(command)")
        let sim = command == "haircut" ? try #require(json["simulation"] as? [String: Any]) : json
        #expect(sim["seed"] as? String == "7", "\(command)")
        #expect(sim[command == "backtest" ? "scenarios_per_day" : "scenarios"] as? Int == 3000, "\(command)")
        let rows: [[String: Any]]
        switch command {
        case "haircut":
            #expect(json["confidence"] as? Double == 0.99)
            #expect(json["method"] as? String == law.methodID)
            let policy = try #require(json["policy"] as? [String: Any])
            #expect(policy["dist"] as? String == law.flags[1])
            if law.flags[1] == "t" { #expect(policy["df"] as? Double == 4) }
            rows = []
        case "backtest":
            rows = try #require(json["tests"] as? [[String: Any]])
            #expect((json["methods"] as? [String])?.contains(law.methodID) == true, "\(json["methods"] ?? "")")
        default:
            rows = try #require(json["results"] as? [[String: Any]])
            #expect(rows.contains { $0["method"] as? String == law.methodID })
        }
        #expect(rows.allSatisfy { $0["confidence"] as? Double == 0.99 })
        if command != "haircut", law.flags[1] == "t" {
            #expect(json["distribution"] as? String == "t(4.00)", "\(command)")
        }
        let filter = json["filter"] as? [String: Any]
        if let lambda = law.filterLambda {
            #expect(filter?["name"] as? String == "ewma" && filter?["lambda"] as? Double == lambda, "\(command)")
        } else if command == "simulate" || command == "haircut" {
            #expect(json["filter"] is NSNull, "\(command): the t law reads no filter")
        }
    }

    /// A protocol sets haircuts from FHS: `--dist fhs --filter garch`, from flags or the policy file alike.
    @Test func haircutRunsFHSWithTheGARCHFilter() throws {
        let prices = try Self.pricesFile()
        let args = ["haircut", prices, "--collateral", "A=1,B=2", "--scenarios", "20000"]
        let r = try CLI.run(args + ["--dist", "fhs", "--filter", "garch", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["method"] as? String == "monte-carlo-fhs")
        let filter = try #require(json["filter"] as? [String: Any])
        #expect(filter["name"] as? String == "garch" && filter["lambda"] is NSNull)
        let policy = try #require(json["policy"] as? [String: Any])
        #expect(policy["dist"] as? String == "fhs" && policy["filter"] as? String == "garch")
        let es = try #require((json["simulation"] as? [String: Any])?["portfolio_es"] as? Double)

        let file = URL(fileURLWithPath: prices).deletingLastPathComponent().appendingPathComponent("fhs.yaml").path
        try "dist: fhs\nfilter: garch\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try CLI.run(args + ["--policy", file, "--format", "json"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect((try CLI.json(fromFile.stdout)["simulation"] as? [String: Any])?["portfolio_es"] as? Double == es)

        // The default filter under fhs is echoed: ewma with λ 0.94; GARCH and EWMA give different haircuts.
        let ewma = try CLI.json(try CLI.run(args + ["--dist", "fhs", "--format", "json"]).stdout)
        let echo = try #require(ewma["policy"] as? [String: Any])
        #expect(echo["filter"] as? String == "ewma" && echo["filter-lambda"] as? Double == 0.94)
        #expect((ewma["simulation"] as? [String: Any])?["portfolio_es"] as? Double != es)

        let table = try CLI.run(args + ["--dist", "fhs", "--filter", "garch"])
        #expect(table.stdout.contains("fhs scenarios (garch filter)"), "\(table.stdout)")
    }

    @Test func haircutFilterErrorsNameTheFlagOrTheLine() throws {
        let prices = try Self.pricesFile()
        let dir = URL(fileURLWithPath: prices).deletingLastPathComponent()
        let base = ["haircut", prices, "--collateral", "A=1", "--scenarios", "2000"]
        let cases: [([String], String)] = [
            (["--filter", "garch"], "error: --filter: garch applies to --dist fhs and the copulas only; the normal law reads no filter"),
            (["--dist", "fhs", "--filter", "none"], "error: --filter: fhs with the filter none resamples the raw history"),
            (["--dist", "fhs", "--filter", "arch"], "--filter: \"arch\" is not one of none, ewma, garch"),
            (["--dist", "fhs", "--filter", "garch", "--filter-lambda", "0.9"], "--filter-lambda: goes with the filter ewma, not garch"),
            (["--dist", "fhs", "--stress-window", "2022-03-01:2022-06-01"],
             "error: --stress-window: needs --dist normal or t (fhs resamples history and has no covariance to blend)"),
        ]
        for (flags, message) in cases {
            let r = try CLI.run(base + flags)
            #expect(r.status != 0 && r.stdout.isEmpty, "\(flags)")
            #expect(r.stderr.contains(message), "\(flags): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count <= 2)
        }
        let policy = dir.appendingPathComponent("bad-filter.yaml").path
        try "dist: fhs\nfilter: arch\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let r = try CLI.run(base + ["--policy", policy])
        #expect(r.stderr.contains("\(policy):2:1: filter: \"arch\" is not one of none, ewma, garch"), "\(r.stderr)")
        // A flag overrides the file's filter before it is checked.
        let fixed = try CLI.run(base + ["--policy", policy, "--filter", "ewma", "--format", "json"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect((try CLI.json(fixed.stdout)["policy"] as? [String: Any])?["filter"] as? String == "ewma")
        try "filter-lambda: 0.97\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let normal = try CLI.run(base + ["--policy", policy])
        #expect(normal.stderr.contains("\(policy):1:1: filter-lambda: ewma applies to --dist fhs and the copulas only"), "\(normal.stderr)")
    }

    /// haircut takes one confidence level; backtest's --window is its rolling window (default 250).
    @Test func perCommandDefaultsAndLimits() throws {
        let prices = try Self.pricesFile()
        let two = try CLI.run(["haircut", prices, "--collateral", "A=1", "--confidence", "0.99,0.975"])
        #expect(two.status != 0 && two.stderr.contains("--confidence: haircut takes one level, got 0.99, 0.975"), "\(two.stderr)")
        let bt = try CLI.json(try CLI.run(["backtest", prices, "--positions", "A=1", "--method", "historical",
                                           "--format", "json"]).stdout)
        #expect(bt["window"] as? Int == 250 && bt["forecast_days"] as? Int == 319 - 250)
        let bt100 = try CLI.json(try CLI.run(["backtest", prices, "--positions", "A=1", "--method", "historical",
                                              "--window", "100", "--format", "json"]).stdout)
        #expect(bt100["window"] as? Int == 100 && bt100["forecast_days"] as? Int == 219)
        let v = try CLI.json(try CLI.run(["var", prices, "--positions", "A=1", "--method", "historical", "--window", "100",
                                          "--format", "json"]).stdout)
        #expect(v["observations"] as? Int == 100)
    }
}
