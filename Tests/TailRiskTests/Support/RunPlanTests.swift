import Testing
@testable import TailRisk

/// A run file of several analyses (`tailrisk run FILE`, issue 22): shared keys, analyses with a
/// name and a command, and clean one-line errors at the line of what is wrong.
@Suite struct RunPlanTests {
    static let commands = ["backtest", "cov", "haircut", "simulate", "stress", "var"]

    static func parse(_ yaml: String) throws -> RunPlan {
        try RunPlan.parse(Array(yaml.utf8), source: "plan.yaml", commands: commands)
    }

    static let plan = """
        prices: a.csv
        scenarios: 2000
        dist: t
        analyses:
          - name: v
            command: var
            positions: {BTC: 1}
            scenarios: 4000
          - {name: h, command: haircut, collateral: {BTC: 2}}

        """

    @Test func sharedKeysGoWhereTheCommandHasTheFlagAndOwnKeysWin() throws {
        let p = try Self.parse(Self.plan)
        #expect(p.analyses.map(\.name) == ["v", "h"] && p.analyses.map(\.command) == ["var", "haircut"])
        #expect(p.analyses[0].line == 5 && p.shared.map(\.key) == ["prices", "scenarios", "dist"])
        let v = p.runFile(for: p.analyses[0]) { _ in true }
        #expect(v.entries.map(\.key) == ["prices", "dist", "positions", "scenarios"])
        #expect(v.entries.first { $0.key == "scenarios" }?.value == "4000")
        let h = p.runFile(for: p.analyses[1]) { $0 != "dist" }
        #expect(h.entries.map(\.key) == ["prices", "scenarios", "collateral"])
        #expect(v.sha256 == p.sha256 && v.source == "plan.yaml" && p.sha256.count == 64)
    }

    /// Each bad plan: the line of the culprit and a message naming it.
    @Test(arguments: [
        ("prices: a.csv\n", 1, "no analyses"),
        ("analyses: 3\n", 1, "expected a list"),
        ("analyses:\n  - name: a\n    command: var\n  - name: a\n    command: cov\n", 4, "named twice (first on line 2)"),
        ("analyses:\n  - name: a\n    command: vr\n", 2, "\"vr\" is not one of backtest, cov"),
        ("analyses:\n  - name: a\n", 2, "without 'command'"),
        ("analyses:\n  - command: var\n", 2, "without 'name'"),
        ("analyses:\n  - name: ../up\n    command: var\n", 2, "plain directory name"),
        ("analyses:\n  - [var]\n", 2, "each analysis is a mapping"),
        ("analyses:\n  - name: a\n    command: var\n    positions: [{BTC: 1}]\n", 4, "expected plain values"),
        ("analyses:\n  - name: a\n    command: var\n    positions: {BTC: 1}\n    positions: {ETH: 1}\n", 5, "duplicate"),
    ])
    func badPlansNameTheirLine(yaml: String, line: Int, text: String) {
        do {
            _ = try Self.parse(yaml)
            Issue.record("accepted \(yaml)")
        } catch let TailRiskError.file(path, l, _, message) {
            #expect(path == "plan.yaml" && l == line && message.contains(text), "\(String(describing: l)): \(message)")
            #expect(!message.contains("\n"))
        } catch {
            Issue.record("\(error)")
        }
    }

    /// `--config` reads one command's run file and sends a plan to `tailrisk run`.
    @Test func aPlanIsNoConfigFile() {
        #expect(throws: TailRiskError.file(path: "plan.yaml", line: 4, column: 1,
                                           message: "analyses: this run file holds several analyses; run them with `tailrisk run plan.yaml`")) {
            try RunFile.parse(Array(Self.plan.utf8), source: "plan.yaml")
        }
    }

    /// The bounds of every YAML reader hold: size and nesting are refused before composing.
    @Test func boundsHold() {
        let huge = [UInt8](repeating: UInt8(ascii: "#"), count: RunFile.maximumBytes + 1)
        #expect(throws: TailRiskError.self) { try RunPlan.parse(huge, source: "p", commands: Self.commands) }
        let deep = "analyses: " + String(repeating: "[", count: 200)
        #expect(throws: TailRiskError.self) { try Self.parse(deep) }
    }
}
