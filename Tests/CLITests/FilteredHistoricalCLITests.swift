import Foundation
import Testing

/// Filtered historical simulation through the CLI (methods.md §8, issue 9).
@Suite(.tags(.cli, .realData)) struct FilteredHistoricalCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// The NumPy reference of methods.md §8 (quoted in the issue): BTC/ETH equal
    /// weights, 250-day window, ewma filter λ = 0.94, 99%: 21 exceedances in
    /// 1,565 days, conditional-coverage p 0.25; FHS passes at 99% and 97.5%.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func fhsBacktestOnTheCryptoFileMatchesTheReferenceAndPasses() throws {
        let r = try CLI.run(["backtest", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000000",
                             "--window", "250", "--method", "fhs", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let tests = try #require(try CLI.json(r.stdout)["tests"] as? [[String: Any]])
        let at99 = try #require(tests.first { $0["confidence"] as? Double == 0.99 })
        #expect(at99["method"] as? String == "fhs")
        #expect(at99["observations"] as? Int == 1565)
        #expect(at99["exceedances"] as? Int == 21)
        let cc = try #require(at99["christoffersen_p_cc"] as? Double)
        #expect(abs(cc - 0.25) < 0.01, "cc p \(cc)")
        for t in tests {
            #expect(t["var_pass"] as? Bool == true, "\(t)")
            #expect(t["es_pass"] as? Bool == true, "\(t)")
        }
    }

    /// `--dist fhs` at one step draws the `--method fhs` scenarios with
    /// replacement, so its VaR converges to the deterministic one: the
    /// deterministic VaR lies inside the simulation's 95% interval.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func monteCarloFHSConvergesToTheDeterministicFHS() throws {
        for filter in ["ewma", "garch"] {
            let r = try CLI.run(["var", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000000",
                                 "--window", "250", "--method", "fhs,monte-carlo", "--dist", "fhs", "--filter", filter,
                                 "--scenarios", "200000", "--confidence", "0.975", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let results = try #require(try CLI.json(r.stdout)["results"] as? [[String: Any]])
            let fhs = try #require(results.first { ($0["method"] as? String)?.hasPrefix("fhs") == true })
            let mc = try #require(results.first { $0["method"] as? String == "monte-carlo-fhs" })
            #expect(fhs["method"] as? String == (filter == "garch" ? "fhs-garch" : "fhs"))
            let v = try #require(fhs["var"] as? Double)
            let ci = try #require(mc["var_ci"] as? [Double])
            #expect(ci[0] <= v && v <= ci[1], "\(v) outside \(ci)")
            let es = try #require(fhs["es"] as? Double), esMC = try #require(mc["es"] as? Double)
            #expect(abs(es - esMC) < 0.05 * es)
        }
    }

    /// A filter with methods that read none is an error, not silently ignored.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aFilterWithoutFHSIsRefused() throws {
        let r = try CLI.run(["var", Self.crypto, "--positions", "BTC=1", "--method", "historical,normal",
                             "--filter", "garch"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("--filter: garch applies to --method fhs and --dist fhs only"), "\(r.stderr)")
        let bad = try CLI.run(["var", Self.crypto, "--positions", "BTC=1", "--filter", "arch"])
        #expect(bad.status != 0 && bad.stderr.contains("is not one of none, ewma, garch"), "\(bad.stderr)")
    }
}
