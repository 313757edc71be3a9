import Foundation
import Testing

/// Issue 21 items 3–5 through the built binary: the filter's fit reported under the
/// copulas and haircut's fhs, what each law does with the mean (and a warning when
/// `--zero-mean` changes nothing), and copulas whose GARCH variance follows the path.
@Suite("filter fits, mean treatment and copula GARCH paths through the built binary", .tags(.cli))
struct FilterMeanReportCLITests {
    static let prices = CLI.data("sp500_skfolio_daily.csv")
    static let varArgs = ["var", prices, "--assets", "AAPL,XOM", "--weights", "AAPL=0.6,XOM=0.4", "--value", "1000",
                          "--window", "500", "--method", "monte-carlo", "--scenarios", "4000", "--seed", "3",
                          "--format", "json"]
    static let haircutArgs = ["haircut", prices, "--collateral", "AAPL=10,XOM=20",
                              "--window", "500", "--scenarios", "4000", "--seed", "3", "--format", "json"]

    /// `filter.garch.<asset>` has ω, α, β, ℓ and the bounds the fit lies on (`α = 0` listed exactly
    /// when α is 0), and `filter.volatility.<asset>` today's σ, for both assets.
    static func checkGARCHFits(_ json: [String: Any], _ context: String) throws {
        let filter = try #require(json["filter"] as? [String: Any], "\(context): filter is \(json["filter"] ?? "absent")")
        #expect(filter["name"] as? String == "garch", "\(context)")
        let garch = try #require(filter["garch"] as? [String: [String: Any]], "\(context): \(filter)")
        let sigma = try #require(filter["volatility"] as? [String: Double], "\(context): \(filter)")
        for asset in ["AAPL", "XOM"] {
            let fit = try #require(garch[asset], "\(context)")
            let g = fit.compactMapValues { $0 as? Double }
            #expect((g["omega"] ?? 0) > 0 && (g["alpha"] ?? -1) >= 0 && (g["beta"] ?? -1) >= 0
                    && (g["alpha"] ?? 1) + (g["beta"] ?? 1) < 1, "\(context): \(g)")
            #expect(g["log_likelihood"]?.isFinite == true, "\(context)")
            let bounds = try #require(fit["active_bounds"] as? [String], "\(context): \(fit)")
            #expect(bounds.contains("alpha = 0") == (g["alpha"] == 0), "\(context): \(fit)")
            #expect((sigma[asset] ?? 0) > 0 && (sigma[asset] ?? 1) < 0.2, "\(context): \(sigma)")
        }
    }

    @Test(arguments: ["gaussian-copula", "t-copula"])
    func copulaRunsReportTheirGARCHFit(dist: String) throws {
        let r = try CLI.run(Self.varArgs + ["--dist", dist, "--filter", "garch"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.checkGARCHFits(try CLI.json(r.stdout), "var --dist \(dist)")
        let h = try CLI.run(Self.haircutArgs + ["--dist", dist, "--filter", "garch"])
        #expect(h.status == 0, "\(h.stderr)")
        try Self.checkGARCHFits(try CLI.json(h.stdout), "haircut --dist \(dist)")
        // Without a filter the copula reads the returns: no filter to report.
        let plain = try CLI.run(Self.varArgs + ["--dist", dist])
        #expect(try CLI.json(plain.stdout)["filter"] is NSNull)
    }

    @Test func haircutFHSReportsItsGARCHFit() throws {
        let r = try CLI.run(Self.haircutArgs + ["--dist", "fhs", "--filter", "garch"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.checkGARCHFits(try CLI.json(r.stdout), "haircut --dist fhs")
    }

    /// The laws without a mean parameter say so, and `--zero-mean` warns for them (and only them).
    @Test(arguments: ["fhs", "bootstrap", "t-copula", "gaussian-copula"])
    func lawsWithoutAMeanSaySoAndWarn(dist: String) throws {
        let id = "monte-carlo-\(dist)"
        let r = try CLI.run(Self.varArgs + ["--dist", dist, "--zero-mean"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("--zero-mean does nothing for \(id)"), "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["mean"] as? String == "none")
        let treatment = try #require(json["mean_treatment"] as? [String: String])
        #expect(treatment[id]?.hasPrefix("none added") == true, "\(treatment)")

        let table = try CLI.run(Self.varArgs.filter { $0 != "json" && $0 != "--format" } + ["--dist", dist])
        #expect(table.stdout.contains("mean: \(id): none added"), "\(table.stdout)")
        #expect(!table.stderr.contains("--zero-mean"))

        let h = try CLI.run(Self.haircutArgs + ["--dist", dist, "--zero-mean"])
        #expect(h.status == 0 && h.stderr.contains("--zero-mean does nothing for \(id)"), "\(h.stderr)")
        let hj = try CLI.json(h.stdout)
        #expect(hj["mean"] as? String == "none" && (hj["mean_treatment"] as? String)?.hasPrefix("none added") == true)
    }

    @Test func lawsWithAMeanTakeZeroMeanSilently() throws {
        for dist in ["normal", "t"] {
            let r = try CLI.run(Self.varArgs + ["--dist", dist, "--zero-mean"])
            #expect(r.status == 0 && !r.stderr.contains("--zero-mean"), "\(dist): \(r.stderr)")
            let json = try CLI.json(r.stdout)
            #expect(json["mean"] as? String == "zero")
            #expect((json["mean_treatment"] as? [String: String])?.values.allSatisfy { $0.hasPrefix("zero") } == true)
            let sample = try CLI.json(try CLI.run(Self.varArgs + ["--dist", dist]).stdout)
            #expect(sample["mean"] as? String == "sample")
        }
    }

    /// Over 10 steps a copula under garch moves each path's variance, says so, and gives
    /// the same bytes for one and two threads.
    @Test(arguments: ["gaussian-copula", "t-copula"])
    func copulaGARCHPathOverTheHorizon(dist: String) throws {
        let args = Self.varArgs + ["--dist", dist, "--filter", "garch", "--horizon", "10"]
        let one = try CLI.run(args + ["--threads", "1"]), two = try CLI.run(args + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        func body(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"command\":") }.joined(separator: "\n") }
        #expect(body(one.stdout) == body(two.stdout))
        let results = try #require(try CLI.json(one.stdout)["results"] as? [[String: Any]])
        #expect(results.allSatisfy { ($0["horizon_treatment"] as? String)?.contains("GARCH variance along each path") == true },
                "\(results.map { $0["horizon_treatment"] ?? "" })")
        let ewma = try CLI.json(try CLI.run(Self.varArgs + ["--dist", dist, "--filter", "ewma", "--horizon", "10"]).stdout)
        let e = try #require(ewma["results"] as? [[String: Any]])
        #expect(e.allSatisfy { ($0["horizon_treatment"] as? String)?.contains("flat σ_{T+1}") == true })
    }
}

extension FilterMeanReportCLITests {
    /// backtest warns too when no method backtested has a mean, and says `mean: none`.
    @Test func backtestWarnsWhenZeroMeanChangesNothing() throws {
        let args = ["backtest", Self.prices, "--positions", "AAPL=10,XOM=20", "--from", "2015-01-01", "--to", "2016-06-30",
                    "--format", "json"]
        let fhs = try CLI.run(args + ["--method", "fhs", "--zero-mean"])
        #expect(fhs.status == 0 && fhs.stderr.contains("--zero-mean does nothing for fhs"), "\(fhs.stderr)")
        #expect(try CLI.json(fhs.stdout)["mean"] as? String == "none")
        let normal = try CLI.run(args + ["--method", "normal,fhs", "--zero-mean"])
        #expect(normal.status == 0 && !normal.stderr.contains("--zero-mean"), "\(normal.stderr)")
        #expect(try CLI.json(normal.stdout)["mean"] as? String == "zero")
    }
}
