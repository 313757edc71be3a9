import Foundation
import Testing

@Suite("tailrisk haircut edge cases", .tags(.cli, .realData))
struct HaircutEdgeCaseCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// A "stress" window of stale prices (the Mt.Gox halt) lowers the haircut: the output must say so.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aCalmStressWindowIsFlagged() throws {
        let r = try CLI.run(["haircut", Self.crypto, "--collateral", "BTC=10", "--stress-window", "2011-06-19:2011-06-25",
                             "--scenarios", "20000", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let notes = try #require(CLI.json(r.stdout)["notes"] as? [String])
        #expect(notes.contains { $0.contains("calmer than the current one") })
    }

    /// Floors show in the table where they bind, on both haircuts.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func flooredHaircutsAreWhatTheTableShows() throws {
        let r = try CLI.run(["haircut", Self.crypto, "--collateral", "BTC=10,ETH=1", "--floor", "BTC=0.9",
                             "--scenarios", "20000"])
        #expect(r.status == 0, "\(r.stderr)")
        let btc = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("BTC ") })
        #expect(btc.components(separatedBy: "90.00%*").count == 3, "\(btc)")
    }
}
