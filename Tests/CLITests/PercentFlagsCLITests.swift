import Foundation
import Testing
@testable import TailRisk

/// Haircut's fraction flags take a percentage as well as the bare fraction (issue 12:
/// "percentages accepted wherever a fraction is"): `7%` is 0.07, and a word is refused naming the flag.
@Suite(.tags(.cli)) struct PercentFlagsCLITests {
    @Test(arguments: [("--liquidation-bonus", "7%", 0.07), ("--ltv-buffer", "2.5%", 0.025),
                      ("--diversification-credit", "60%", 0.6)])
    func aPercentageIsTheFraction(flag: String, percent: String, fraction: Double) throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try HaircutCommandTests.lognormalFile(in: dir)
        let base = [path, "--collateral", "AAA=2", "--scenarios", "20000"]
        let asPercent = try HaircutCommandTests.haircut(base + [flag, percent])
        let asFraction = try HaircutCommandTests.haircut(base + [flag, "\(fraction)"])
        let echo = try #require(asPercent["policy"] as? [String: Any])
        let value = try #require(echo[String(flag.dropFirst(2))] as? Double)
        #expect(abs(value - fraction) < 1e-15)
        #expect(try HaircutCommandTests.rows(asPercent).first?["liquidation_threshold"] as? Double
            == (try HaircutCommandTests.rows(asFraction).first?["liquidation_threshold"] as? Double))
    }

    @Test func aWordIsRefusedNamingTheFlag() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try HaircutCommandTests.lognormalFile(in: dir)
        let r = try CLI.run(["haircut", path, "--collateral", "AAA=2", "--ltv-buffer", "five"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--ltv-buffer") && r.stderr.contains("\"five\" is not a number (e.g. 0.05 or 5%)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
