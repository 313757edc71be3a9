import Foundation
import Testing

@Suite struct StressCommandTests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let basket = ["--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000"]

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func replaysTheCatalogueAndWritesThePaths() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("out")
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + [
            "--catalogue", CLI.data("stress_catalogue.yaml"), "--replay", "2020-03-01:2020-04-30",
            "--lt", "BTC=0.8,ETH=0.8,DAI=0.9", "--horizon", "3", "--format", "json", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let replays = try #require(json["replays"] as? [[String: Any]])
        // The explicit window first, then the one catalogue window DAI's history covers.
        #expect(replays.map { $0["from"] as? String } == ["2020-03-01", "2020-03-05"])
        #expect(replays[1]["name"] as? String == "covid-2020")
        for key in ["from", "to", "total_loss", "worst_loss", "worst_start", "worst_end", "liquidated"] {
            #expect(replays.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        #expect(replays[1]["liquidated"] as? Bool == true)
        let notes = try #require(json["notes"] as? [String])
        #expect(notes.contains { $0.contains("skipped") && $0.contains("mt-gox-2014") })
        let path = try String(contentsOf: dir.appendingPathComponent("replay_2020-03-05_2020-03-20.csv"), encoding: .utf8)
        let lines = path.split(separator: "\n")
        #expect(lines.first == "date,value,pnl,hf")
        #expect(lines.count == 1 + 1 + (replays[1]["returns"] as! Int))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.json").path))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing), arguments: [
        (["--replay", "2020-03-20:2020-03-05"], "--replay"),
        (["--replay", "2024-03-01:2024-03-05"], "--replay 2024-03-01:2024-03-05"),
        (["--replay", "2020-03-01:2020-03-05", "--lt", "ETH=0.5"], "--lt"),
        ([String](), "--replay FROM:TO or --catalogue"),
    ])
    func refusesBadScenariosInOneLine(extra: [String], needle: String) throws {
        let r = try CLI.run(["stress", Self.crypto, "--collateral", "BTC=10", "--debt", "USDC=1000"] + extra)
        #expect(r.status != 0 && !r.signalled)
        #expect(r.stderr.contains(needle), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2)
    }
}
