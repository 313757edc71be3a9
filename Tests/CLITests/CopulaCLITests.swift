import Foundation
import Testing

/// The t and Gaussian copula laws through `var --dist` (methods.md §8, issue 13).
@Suite(.tags(.cli, .realData)) struct CopulaCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    static func run(_ extra: [String]) throws -> CLI.Result {
        try CLI.run(["var", crypto, "--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1000000", "--window", "500",
                     "--scenarios", "20000", "--confidence", "0.99", "--format", "json"] + extra)
    }

    static func monteCarlo(_ r: CLI.Result, method: String) throws -> [String: Any] {
        let results = try #require(try CLI.json(r.stdout)["results"] as? [[String: Any]])
        return try #require(results.first { $0["method"] as? String == method }, "\(results.map { $0["method"] ?? "" })")
    }

    /// `--dist t-copula --df 4` runs, with and without a filter, and the Gaussian copula too,
    /// under the copula method ids, with a positive VaR below the basket value and ES ≥ VaR.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func copulaLawsRunThroughVar() throws {
        for (args, method) in [(["--dist", "t-copula", "--df", "4"], "monte-carlo-t-copula"),
                               (["--dist", "t-copula", "--df", "4", "--filter", "ewma"], "monte-carlo-t-copula"),
                               (["--dist", "gaussian-copula"], "monte-carlo-gaussian-copula")] {
            let r = try Self.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            guard r.status == 0 else { continue }
            let mc = try Self.monteCarlo(r, method: method)
            let v = try #require(mc["var"] as? Double), es = try #require(mc["es"] as? Double)
            #expect(v > 0 && v < 1_000_000 && es >= v, "\(args): VaR \(v), ES \(es)")
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aBadDegreesOfFreedomIsRefused() throws {
        let r = try Self.run(["--dist", "t-copula", "--df", "-1"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("--df"), "\(r.stderr)")
    }
    /// The JSON names the copula (issue 13): family t, ν as given, a symmetric
    /// correlation with unit diagonal and entries in [−1, 1], τ-b with unit diagonal,
    /// empirical marginals per asset; `copula` is null under the normal law.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func theJSONRecordsTheCopula() throws {
        let r = try Self.run(["--dist", "t-copula", "--df", "4"])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let copula = try #require(try CLI.json(r.stdout)["copula"] as? [String: Any])
        #expect(copula["family"] as? String == "t")
        #expect(copula["df"] as? Double == 4)
        #expect(copula["df_fitted"] as? Bool == false)
        let rho = try #require(copula["correlation"] as? [[Double]])
        let tau = try #require(copula["kendall_tau"] as? [[Double]])
        #expect(rho.count == 3 && rho.allSatisfy { $0.count == 3 } && tau.count == 3)
        for i in 0..<rho.count {
            #expect(abs(rho[i][i] - 1) < 1e-12 && abs(tau[i][i] - 1) < 1e-12)
            for j in 0..<rho.count {
                #expect(abs(rho[i][j] - rho[j][i]) < 1e-12 && abs(rho[i][j]) <= 1 + 1e-12)
                #expect(abs(tau[i][j] - tau[j][i]) < 1e-12)
            }
        }
        // The crypto assets move together: every off-diagonal τ-b is positive.
        #expect(tau[0][1] > 0 && tau[0][2] > 0 && tau[1][2] > 0, "\(tau)")
        let marginals = try #require(copula["marginals"] as? [String: [String: Any]])
        #expect(Set(marginals.keys) == ["BTC", "ETH", "LINK"])
        #expect(marginals.values.allSatisfy { $0["tails"] as? String == "empirical" })

        let normal = try Self.run([])
        #expect(normal.status == 0, "\(normal.stderr)")
        if normal.status == 0 { #expect(try CLI.json(normal.stdout)["copula"] is NSNull) }
    }
    /// `--df fit` fits ν (issue 13): the JSON reports it inside the fit's bounds
    /// [1, 100] with `df_fitted: true`; `--df fit` with another law is refused.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func degreesOfFreedomCanBeFitted() throws {
        let r = try Self.run(["--dist", "t-copula", "--df", "fit"])
        #expect(r.status == 0, "\(r.stderr)")
        if r.status == 0 {
            let copula = try #require(try CLI.json(r.stdout)["copula"] as? [String: Any])
            let nu = try #require(copula["df"] as? Double)
            #expect(nu >= 1 && nu <= 100, "\(nu)")
            #expect(copula["df_fitted"] as? Bool == true)
        }
        let bad = try Self.run(["--dist", "t", "--df", "fit"])
        #expect(bad.status != 0 && bad.stdout.isEmpty && bad.stderr.contains("--df"), "\(bad.stderr)")
        let junk = try Self.run(["--dist", "t-copula", "--df", "four"])
        #expect(junk.status != 0 && junk.stderr.contains("--df"), "\(junk.stderr)")
    }

    /// `--tails gpd` gives each marginal two generalized Pareto tails with a positive
    /// scale, the lower threshold below the upper; refused with a non-copula law.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func paretoTailsAreReported() throws {
        let r = try Self.run(["--dist", "gaussian-copula", "--tails", "gpd"])
        #expect(r.status == 0, "\(r.stderr)")
        if r.status == 0 {
            let copula = try #require(try CLI.json(r.stdout)["copula"] as? [String: Any])
            #expect(copula["family"] as? String == "gaussian")
            let marginals = try #require(copula["marginals"] as? [String: [String: Any]])
            #expect(marginals.count == 3)
            for (asset, m) in marginals {
                #expect(m["tails"] as? String == "gpd", "\(asset)")
                let lower = try #require(m["lower"] as? [String: Any]), upper = try #require(m["upper"] as? [String: Any])
                let lo = try #require(lower["threshold"] as? Double), hi = try #require(upper["threshold"] as? Double)
                #expect(lo < hi, "\(asset): \(lo) ≥ \(hi)")
                #expect((lower["beta"] as? Double ?? 0) > 0 && (upper["beta"] as? Double ?? 0) > 0, "\(asset)")
                #expect(lower["xi"] is Double && upper["xi"] is Double)
            }
        }
        let bad = try Self.run(["--dist", "t", "--tails", "gpd"])
        #expect(bad.status != 0 && bad.stdout.isEmpty && bad.stderr.contains("--tails"), "\(bad.stderr)")
    }
}
