import Foundation
import Testing

/// `tailrisk run FILE [--out DIR]` (issue 22): several analyses of one market in one run file,
/// each giving what it gives run alone; a policy file and its run-file form give one haircut;
/// bad plans fail in one or two lines naming file, line and key, before anything is written.
@Suite(.tags(.cli)) struct RunPlanCLITests {
    typealias F = InputsCLITests

    /// Keys that name the run rather than its result (golden.py's, plus the run-file echo).
    static let dropped: Set<String> = ["seconds", "elapsed", "elapsed_seconds", "time", "wall_seconds", "version",
                                       "command", "command_line", "blas", "out", "output", "written", "files", "config"]

    static func comparable(_ data: Data) throws -> Data {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] { return object.filter { !dropped.contains($0.key) }.mapValues(strip) }
            if let list = value as? [Any] { return list.map(strip) }
            return value
        }
        let json = try JSONSerialization.jsonObject(with: data)
        return try JSONSerialization.data(withJSONObject: strip(json), options: [.sortedKeys])
    }

    /// Each analysis: its keys in the plan and the same flags typed.
    static let analyses: [(name: String, command: String, yaml: String, typed: [String])] = [
        ("risk", "var", "    positions: {BTC: 1, ETH: 2}\n    method: [historical, normal, monte-carlo]\n",
         ["--positions", "BTC=1,ETH=2", "--method", "historical,normal,monte-carlo"]),
        ("haircuts", "haircut", "    collateral: {BTC: 1, SOL: 5}\n    debt-asset: ETH\n    dist: t\n    df: 6\n",
         ["--collateral", "BTC=1,SOL=5", "--debt-asset", "ETH", "--dist", "t", "--df", "6"]),
        ("shock", "stress", "    collateral: {BTC: 1}\n    debt-asset: ETH\n    shock: BTC=-0.3\n",
         ["--collateral", "BTC=1", "--debt-asset", "ETH", "--shock", "BTC=-0.3"]),
        ("bt", "backtest", "    positions: {BTC: 1}\n    window: 30\n    method: historical\n",
         ["--positions", "BTC=1", "--window", "30", "--method", "historical"]),
    ]

    @Test func eachAnalysisGivesWhatItGivesAlone() throws {
        let f = try F.files()
        var yaml = "prices: \(f.plain)\nscenarios: 2000\nseed: 11\nthreads: 2\nanalyses:\n"
        for a in Self.analyses { yaml += "  - name: \(a.name)\n    command: \(a.command)\n" + a.yaml }
        let plan = try F.write(yaml, "plan.yaml", in: f.dir)
        let out = f.dir.appendingPathComponent("out")
        let r = try CLI.run(["run", plan, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        for a in Self.analyses {
            #expect(r.stdout.contains("== \(a.name): tailrisk \(a.command) =="))
            let alone = f.dir.appendingPathComponent("alone-\(a.name)")
            let typed = try CLI.run([a.command, f.plain] + a.typed
                + ["--scenarios", "2000", "--seed", "11", "--threads", "2", "--out", alone.path])
            #expect(typed.status == 0, "\(a.name): \(typed.stderr)")
            let dir = out.appendingPathComponent(a.name)
            let names = try FileManager.default.contentsOfDirectory(atPath: alone.path).filter { !$0.hasPrefix(".") }
            for name in names {
                let mine = try Data(contentsOf: dir.appendingPathComponent(name))
                let theirs = try Data(contentsOf: alone.appendingPathComponent(name))
                if name.hasSuffix(".json") {
                    #expect(try Self.comparable(mine) == Self.comparable(theirs), "\(a.name)/\(name)")
                } else {
                    #expect(mine == theirs, "\(a.name)/\(name): not the same bytes")
                }
            }
            // Provenance: the plan's path, SHA-256 and the analysis; the plan itself beside the outputs.
            let summary = try CLI.json(String(decoding: try Data(contentsOf: dir.appendingPathComponent("summary.json")), as: UTF8.self))
            let config = try #require(summary["config"] as? [String: Any], "\(a.name)")
            let digest = try F.sha256sum(plan)
            #expect(config["file"] as? String == plan && config["sha256"] as? String == digest)
            #expect(config["analysis"] as? String == a.name)
            #expect(try String(contentsOf: dir.appendingPathComponent("config.yaml"), encoding: .utf8) == yaml)
        }
    }

    /// A policy file's keys are run-file keys: `--policy` and `--config` give the same haircut.
    @Test func aPolicyFileAndItsRunFileGiveTheSameHaircut() throws {
        let f = try F.files()
        let policy = """
            confidence: 0.975
            measure: var
            horizon: 2
            liquidation-bonus: 0.075
            floor: {BTC: 0.1}
            dist: t
            df: 6
            scenarios: 3000
            seed: 9
            collateral: {BTC: 1, SOL: 5}
            debt-asset: ETH
            debt: 2

            """
        let p = try F.write(policy, "policy.yaml", in: f.dir)
        let run = try F.write("prices: \(f.plain)\n" + policy, "run.yaml", in: f.dir)
        let old = try CLI.run(["haircut", f.plain, "--policy", p, "--format", "json"])
        let new = try CLI.run(["haircut", "--config", run, "--format", "json"])
        #expect(old.status == 0 && new.status == 0, "\(old.stderr) \(new.stderr)")
        guard old.status == 0 && new.status == 0 else { return }
        #expect(try Self.comparable(Data(old.stdout.utf8)) == Self.comparable(Data(new.stdout.utf8)))
        let echo = try #require(try CLI.json(new.stdout)["policy"] as? [String: Any])
        #expect(echo["debt"] as? Double == 2 && echo["dist"] as? String == "t" && echo["df"] as? Double == 6)
    }

    /// Bad plans: one or two lines naming the file, the line and the key; nothing written.
    @Test func badPlansFailCleanly() throws {
        let f = try F.files()
        let head = "prices: \(f.plain)\nanalyses:\n  - name: a\n    command: var\n    positions: {BTC: 1}\n"
        let cases: [(yaml: String, text: String)] = [
            (head + "    positons: {BTC: 1}\n", ":6: positons: unknown key for a (tailrisk var has no flag --positons)"),
            ("colateral: {BTC: 1}\n" + head, ":1: colateral: unknown key: no flag --colateral in var"),
            (head + "    scenarios: lots\n", "(from PLAN:6: scenarios)"),
            (head + "  - name: b\n    command: hairkut\n", ":6:5: command: \"hairkut\" is not one of backtest, cov, haircut"),
            (head + "  - name: a\n    command: cov\n", ":6:5: name: analysis \"a\" is named twice (first on line 3)"),
            (head + "    out: elsewhere\n", ":6: out: is given by tailrisk run (--out DIR)"),
        ]
        for (k, c) in cases.enumerated() {
            let plan = try F.write(c.yaml, "bad\(k).yaml", in: f.dir)
            let out = f.dir.appendingPathComponent("out\(k)")
            let r = try CLI.run(["run", plan, "--out", out.path])
            let text = c.text.replacingOccurrences(of: "PLAN", with: plan)
            #expect(r.status != 0 && r.stdout.isEmpty, "\(k): \(r.stdout)")
            #expect(r.stderr.contains(text) && r.stderr.hasPrefix("error: "), "\(k): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count <= 2, "\(k): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(k): wrote \(out.path)")
        }
    }
}
