import Foundation
import Testing

@Suite("tailrisk backtest edge cases", .tags(.cli, .realData))
struct BacktestEdgeCaseCLITests {
    /// BTC's six identical prices of the Mt.Gox halt (2011-06-20..25) make some 5-day windows constant:
    /// Cornish–Fisher cannot forecast those days, which are left out of its tests and counted, not fatal.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func staleWindowsAreLeftOutAndCounted() throws {
        let r = try CLI.run(["backtest", CLI.shared("crypto_coinmetrics_daily.csv"), "--positions", "BTC=1", "--window", "5",
                             "--from", "2011-06-10", "--to", "2011-07-10", "--method", "historical,cornish-fisher",
                             "--confidence", "0.99", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let tests = try #require(CLI.json(r.stdout)["tests"] as? [[String: Any]])
        let cf = try #require(tests.first { $0["method"] as? String == "cornish-fisher" })
        let hist = try #require(tests.first { $0["method"] as? String == "historical" })
        #expect(cf["skipped_days"] as? Int == 2)
        #expect((cf["first_skipped"] as? String)?.hasPrefix("cannot forecast 2011-06-25 from the window 2011-06-19") == true)
        #expect(hist["skipped_days"] as? Int == 0)
        #expect((cf["observations"] as? Int ?? 0) + 2 == hist["observations"] as? Int)
    }
}
