import Foundation
import Testing

/// `dist: t-copula`, `df: fit|N` and `tails: empirical|gpd` as haircut policy keys and flags (issue 13).
@Suite(.tags(.cli, .realData)) struct CopulaHaircutPolicyCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    static func run(policy: String, _ extra: [String] = []) throws -> (CLI.Result, [String: Any]) {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("policy.yaml")
        try ("collateral: {BTC: 10, ETH: 120}\ndebt-asset: USDC\ndebt: 100000\nscenarios: 20000\n" + policy)
            .write(to: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["haircut", crypto, "--policy", path.path, "--window", "400", "--format", "json"] + extra)
        return (r, r.status == 0 ? try CLI.json(r.stdout) : [:])
    }

    static func portfolioHaircut(_ doc: [String: Any]) -> Double? {
        (doc["basket"] as? [String: Any])?["haircut_portfolio"] as? Double
    }

    /// The keys reach the model: the echo repeats them, the method is the t-copula's, and gpd tails
    /// and the fitted ν each move the portfolio haircut away from the empirical, ν = 4 run (same seed).
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func policyKeysReachTheModel() throws {
        let (fit, fitDoc) = try Self.run(policy: "dist: t-copula\ndf: fit\ntails: gpd\n")
        #expect(fit.status == 0, "\(fit.stderr)")
        let echo = try #require(fitDoc["policy"] as? [String: Any])
        #expect(echo["df"] as? String == "fit" && echo["tails"] as? String == "gpd")
        #expect(fitDoc["method"] as? String == "monte-carlo-t-copula")
        let (given, givenDoc) = try Self.run(policy: "dist: t-copula\ndf: 4\n")
        #expect(given.status == 0, "\(given.stderr)")
        let (gpd4, gpd4Doc) = try Self.run(policy: "dist: t-copula\ndf: 4\ntails: gpd\n")
        #expect(gpd4.status == 0, "\(gpd4.stderr)")
        let h4 = try #require(Self.portfolioHaircut(givenDoc)), hg = try #require(Self.portfolioHaircut(gpd4Doc))
        let hf = try #require(Self.portfolioHaircut(fitDoc))
        #expect(h4 != hg && hg != hf, "H_p: ν 4 empirical \(h4), ν 4 gpd \(hg), fit gpd \(hf)")
        // The flags override the file: --df 4 --tails empirical on the fit/gpd policy is the ν = 4 empirical run.
        let (flags, flagsDoc) = try Self.run(policy: "dist: t-copula\ndf: fit\ntails: gpd\n", ["--df", "4", "--tails", "empirical"])
        #expect(flags.status == 0, "\(flags.stderr)")
        #expect(Self.portfolioHaircut(flagsDoc) == h4)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func badCopulaKeysNameTheirLine() throws {
        let (r, _) = try Self.run(policy: "dist: t\ndf: fit\n")
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("policy.yaml:6:") && r.stderr.contains("df: fit is only for --dist t-copula"), "\(r.stderr)")
    }
}
