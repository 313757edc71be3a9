import Foundation
import Testing

/// The haircut JSON records the copula model as `var` does (issue 13), and `--df fit` /
/// `--tails gpd` are judged against the law in force after the policy overlay.
@Suite(.tags(.cli, .realData)) struct CopulaHaircutJSONCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// A haircut of BTC, ETH and LINK in the price currency (plain returns, as `var` reads them).
    static func haircut(_ extra: [String], policy: String? = nil) throws -> CLI.Result {
        var args = ["haircut", crypto, "--collateral", "BTC=10,ETH=120,LINK=1000", "--window", "500",
                    "--scenarios", "2000", "--format", "json"]
        guard let policy else { return try CLI.run(args + extra) }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("policy.yaml")
        try policy.write(to: path, atomically: true, encoding: .utf8)
        args += ["--policy", path.path]
        return try CLI.run(args + extra)
    }

    static func copula(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try CLI.json(r.stdout)["copula"] as? [String: Any], "\(r.stdout.prefix(300))")
    }

    /// `haircut --dist t-copula --df fit --tails gpd` fits the same ν as `var` on the same
    /// window and assets (the same returns), and reports each asset's two Pareto tails.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func haircutReportsTheFittedCopulaAsVarDoes() throws {
        let h = try Self.haircut(["--dist", "t-copula", "--df", "fit", "--tails", "gpd"])
        #expect(h.status == 0, "\(h.stderr)")
        let v = try CLI.run(["var", Self.crypto, "--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1000000",
                             "--window", "500", "--scenarios", "2000", "--format", "json",
                             "--dist", "t-copula", "--df", "fit", "--tails", "gpd"])
        #expect(v.status == 0, "\(v.stderr)")
        guard h.status == 0, v.status == 0 else { return }
        let hc = try Self.copula(h), vc = try Self.copula(v)
        #expect(hc["family"] as? String == "t" && hc["df_fitted"] as? Bool == true)
        let hnu = try #require(hc["df"] as? Double), vnu = try #require(vc["df"] as? Double)
        #expect(abs(hnu - vnu) <= 1e-9 * vnu, "haircut ν \(hnu), var ν \(vnu)")
        #expect(hc["assets"] as? [String] == ["BTC", "ETH", "LINK"])
        let tau = try #require(hc["kendall_tau"] as? [[Double]]), rho = try #require(hc["correlation"] as? [[Double]])
        #expect(tau.count == 3 && rho.count == 3 && tau.allSatisfy { $0.count == 3 })
        let marginals = try #require(hc["marginals"] as? [String: [String: Any]])
        let vm = try #require(vc["marginals"] as? [String: [String: Any]])
        #expect(Set(marginals.keys) == ["BTC", "ETH", "LINK"])
        for (asset, m) in marginals {
            #expect(m["tails"] as? String == "gpd", "\(asset)")
            for side in ["lower", "upper"] {
                let t = try #require(m[side] as? [String: Any], "\(asset) \(side)")
                let beta = try #require(t["beta"] as? Double), xi = try #require(t["xi"] as? Double)
                let threshold = try #require(t["threshold"] as? Double)
                #expect(beta > 0 && xi.isFinite, "\(asset) \(side): β \(beta), ξ \(xi)")
                let other = try #require(vm[asset]?[side] as? [String: Any])
                #expect(abs(threshold - (other["threshold"] as? Double ?? .nan)) <= 1e-12, "\(asset) \(side)")
            }
        }
    }

    /// A law that is no copula writes `copula: null`.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func otherLawsWriteNull() throws {
        let r = try Self.haircut(["--dist", "t", "--df", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        if r.status == 0 { #expect(try CLI.json(r.stdout)["copula"] is NSNull) }
    }

    /// `dist: t-copula` in the policy lets `--df fit` and `--tails gpd` be given as flags alone.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func flagsFollowThePolicysLaw() throws {
        let r = try Self.haircut(["--df", "fit", "--tails", "gpd"], policy: "dist: t-copula\n")
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        #expect(try CLI.json(r.stdout)["method"] as? String == "monte-carlo-t-copula")
        let c = try Self.copula(r)
        #expect(c["df_fitted"] as? Bool == true)
        let marginals = try #require(c["marginals"] as? [String: [String: Any]])
        #expect(marginals.values.allSatisfy { $0["tails"] as? String == "gpd" })
    }

    /// Without a copula anywhere, haircut still refuses the flags, naming them; so do var
    /// and simulate without `--dist` (their law is then normal).
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func flagsWithoutACopulaAreRefused() throws {
        let cases: [([String], String)] = [
            (["haircut", Self.crypto, "--collateral", "BTC=10,ETH=120", "--df", "fit"], "--df"),
            (["haircut", Self.crypto, "--collateral", "BTC=10,ETH=120", "--tails", "gpd"], "--tails"),
            (["var", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--df", "fit"], "--df"),
            (["var", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--tails", "gpd"], "--tails"),
            (["simulate", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--df", "fit"], "--df"),
            (["simulate", Self.crypto, "--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--tails", "gpd"], "--tails"),
        ]
        for (args, flag) in cases {
            let r = try CLI.run(args)
            #expect(r.status != 0 && r.stdout.isEmpty, "\(args)")
            #expect(r.stderr.contains(flag) && r.stderr.split(separator: "\n").count <= 2, "\(args): \(r.stderr)")
        }
        let policy = try Self.haircut(["--df", "fit"], policy: "dist: t\n")
        #expect(policy.status != 0 && policy.stderr.contains("fit is only for --dist t-copula"), "\(policy.stderr)")
    }
}
