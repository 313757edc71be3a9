import Foundation
import Testing

/// The copula laws in `backtest` (issue 13): ranked by `--method all`, and recorded in the JSON's
/// `copulas` as var records its `copula`. Modest windows and scenarios: debug builds run these.
@Suite(.tags(.cli, .realData)) struct CopulaBacktestCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let basket = ["--weights", "BTC=0.5,ETH=0.5", "--value", "1000000", "--confidence", "0.99"]

    /// `--method monte-carlo --dist t-copula --df 4`: one `copulas` entry whose last-window copula
    /// is the one `var` fits on the same 120 returns (same τ-b correlation), `df_rule` 4.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func lastWindowCopulaIsVarsCopula() throws {
        let r = try CLI.run(["backtest", Self.crypto, "--window", "120", "--from", "2020-01-01", "--method", "monte-carlo",
                             "--dist", "t-copula", "--df", "4", "--scenarios", "1000", "--format", "json"] + Self.basket)
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let copulas = try #require(try CLI.json(r.stdout)["copulas"] as? [[String: Any]])
        #expect(copulas.count == 1)
        let c = try #require(copulas.first)
        #expect(c["method"] as? String == "monte-carlo-t-copula" && c["df_rule"] as? Double == 4)
        let last = try #require(c["last_window"] as? [String: Any])
        let to = try #require(last["to"] as? String)
        #expect(last["returns"] as? Int == 120)
        let fitted = try #require(c["copula"] as? [String: Any])
        let v = try CLI.run(["var", Self.crypto, "--window", "120", "--to", to, "--method", "monte-carlo", "--dist", "t-copula",
                             "--df", "4", "--scenarios", "1000", "--format", "json"] + Self.basket)
        #expect(v.status == 0, "\(v.stderr)")
        let reference = try #require(try CLI.json(v.stdout)["copula"] as? [String: Any])
        let a = try #require(fitted["correlation"] as? [[Double]]), b = try #require(reference["correlation"] as? [[Double]])
        #expect(a == b, "backtest \(a) vs var \(b)")
        #expect(fitted["kendall_tau"] as? [[Double]] == reference["kendall_tau"] as? [[Double]])
    }

    /// `--method all` backtests and ranks both copulas next to the other variants; the t-copula's ν
    /// is fitted on each window (df_rule "fit", the last window's ν in [1, 100]); a method without a
    /// copula records an empty `copulas`.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func methodAllRanksTheCopulas() throws {
        let r = try CLI.run(["backtest", Self.crypto, "--window", "60", "--from", "2020-04-01", "--method", "all",
                             "--scenarios", "500", "--format", "json"] + Self.basket)
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let doc = try CLI.json(r.stdout)
        let methods = try #require(doc["methods"] as? [String])
        #expect(methods.suffix(2) == ["monte-carlo-t-copula", "monte-carlo-gaussian-copula"], "\(methods)")
        let ranked = try #require(doc["ranking"] as? [[String: Any]]).compactMap { $0["method"] as? String }
        #expect(Set(ranked) == Set(methods))
        let copulas = try #require(doc["copulas"] as? [[String: Any]])
        #expect(copulas.compactMap { $0["method"] as? String } == ["monte-carlo-t-copula", "monte-carlo-gaussian-copula"])
        #expect(copulas[0]["df_rule"] as? String == "fit")
        let nu = try #require((copulas[0]["copula"] as? [String: Any])?["df"] as? Double)
        #expect(nu >= 1 && nu <= 100)
        #expect((copulas[1]["copula"] as? [String: Any])?["family"] as? String == "gaussian")

        let plain = try CLI.run(["backtest", Self.crypto, "--window", "60", "--from", "2020-04-01", "--method", "historical",
                                 "--format", "json"] + Self.basket)
        #expect((try CLI.json(plain.stdout)["copulas"] as? [Any])?.isEmpty == true)
    }
}
