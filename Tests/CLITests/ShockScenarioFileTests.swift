import Foundation
import Testing
@testable import TailRisk

/// `tailrisk stress --scenario-file`: named shocks from YAML run exactly as the same `--shock` flags.
@Suite(.tags(.cli, .realData)) struct ShockScenarioFileTests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let basket = ["--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000", "--lt", "BTC=0.8,ETH=0.8,DAI=0.9"]

    @Test func parsesNamedShocksAndTheirConditionalFlag() throws {
        let yaml = "- name: a\n  shock: BTC=-30%\n  conditional: true\n- name: b\n  shock: BTC=-10%,ETH=-20%\n"
        let entries = try ShockScenarioFile.parse(yaml: yaml, source: "s.yaml")
        #expect(entries.map(\.name) == ["a", "b"])
        #expect(entries.map(\.request.text) == ["BTC=-30%", "BTC=-10%,ETH=-20%"])
        #expect(entries.map(\.request.conditional) == [true, false])
    }

    @Test(arguments: [
        ("- name: a\n  shock: BTC\n", "s.yaml:2:10: shock:"),
        ("- name: a\n  shok: BTC=-1%\n", "s.yaml:2:3: unknown key \"shok\""),
        ("- name: a\n  shock: BTC=-1%\n- name: a\n  shock: ETH=-1%\n", "s.yaml:3:9: name \"a\" is given twice"),
        ("- name: a\n  shock: BTC=-1%\n  conditional: maybe\n", "s.yaml:3:16: conditional: expected true or false"),
        ("name: a\n", "s.yaml:1:1: expected a list of shocks"),
    ])
    func refusesBadEntriesAtTheirLine(yaml: String, message: String) {
        do {
            _ = try ShockScenarioFile.parse(yaml: yaml, source: "s.yaml")
            Issue.record("accepted \(yaml)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aScenarioFileEqualsTheSameShockFlags() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("shocks.yaml")
        try "- name: crash\n  shock: BTC=-30%,ETH=-40%\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try CLI.run(["stress", Self.crypto] + Self.basket + ["--scenario-file", file.path, "--format", "json"])
        let fromFlag = try CLI.run(["stress", Self.crypto] + Self.basket + ["--shock", "BTC=-30%,ETH=-40%", "--format", "json"])
        #expect(fromFile.status == 0 && fromFlag.status == 0, "\(fromFile.stderr) \(fromFlag.stderr)")
        let a = try #require(try CLI.json(fromFile.stdout)["shocks"] as? [[String: Any]])
        let b = try #require(try CLI.json(fromFlag.stdout)["shocks"] as? [[String: Any]])
        #expect(a.count == 1 && b.count == 1)
        #expect(a.first?["loss"] as? Double == b.first?["loss"] as? Double)
        // The shipped file runs.
        let shipped = try CLI.run(["stress", Self.crypto] + Self.basket + ["--scenario-file", CLI.data("stress_shocks.yaml"),
                                                                          "--format", "json"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect((try CLI.json(shipped.stdout)["shocks"] as? [[String: Any]])?.count == 3)
    }
}
