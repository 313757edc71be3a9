import Foundation
import Testing

@Suite(.tags(.cli, .realData)) struct StressCommandTests {
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

    /// Unshocked assets unchanged: the loss is the shocked asset's value times the shock.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func shocksReportLossAndConditionalRisk() throws {
        let r = try CLI.run(["stress", Self.crypto] + Self.basket + [
            "--lt", "BTC=0.8,ETH=0.8,DAI=0.9", "--shock", "BTC=-30%", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let collateral = try #require(json["collateral"] as? [String: [String: Double]])
        let btc = try #require(collateral["BTC"]?["value"])
        let shock = try #require((json["shocks"] as? [[String: Any]])?.first)
        let loss = try #require(shock["loss"] as? Double)
        #expect(abs(loss - 0.3 * btc) < 1e-9 * btc)
        let c = try CLI.run(["stress", Self.crypto] + Self.basket + [
            "--lt", "BTC=0.8,ETH=0.8,DAI=0.9", "--shock", "BTC=-30%", "--conditional", "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        let cs = try #require((try CLI.json(c.stdout)["shocks"] as? [[String: Any]])?.first)
        let cvar = try #require(cs["conditional_var"] as? Double), ces = try #require(cs["conditional_es"] as? Double)
        let closs = try #require(cs["loss"] as? Double)
        // ETH moves with BTC: the conditional loss exceeds BTC's own, and ES ≥ VaR ≥ the mean loss.
        #expect(closs > loss && ces > cvar && cvar > closs)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing), arguments: [
        (["--replay", "2020-03-20:2020-03-05"], "--replay"),
        (["--replay", "2024-03-01:2024-03-05"], "replay window 2024-03-01:2024-03-05"),
        (["--replay", "2020-03-01:2020-03-05", "--lt", "ETH=0.5"], "--lt"),
        ([String](), "give a scenario"),
        (["--shock", "NOPE=-10%"], "--shock"),
        (["--depeg", "USDC=10%"], "--depeg"),
        (["--set-correlation", "BTC:ETH=0", "--scenarios", "1000"], "--set-correlation"),
        (["--set-correlation", "BTC:ETH=2"], "--set-correlation"),
        (["--depeg", "ETH=-10%@1%", "--scenarios", "1000"], "--depeg"),
        (["--conditional", "--replay", "2020-03-01:2020-03-05"], "--conditional"),
    ])
    func refusesBadScenariosInOneLine(extra: [String], needle: String) throws {
        let r = try CLI.run(["stress", Self.crypto, "--collateral", "BTC=10", "--debt", "USDC=1000"] + extra)
        #expect(r.status != 0 && !r.signalled)
        #expect(r.stderr.contains(needle), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2)
    }
}
