import Foundation
import Testing

/// `tailrisk cov --tail-dependence` (issue 13): table, JSON and CSV on the sample S&P file.
@Suite(.tags(.cli)) struct TailDependenceCLITests {
    static let sp500 = CLI.data("sp500_skfolio_daily.csv")
    static let base = ["cov", sp500, "--assets", "AAPL,JPM,XOM", "--window", "500", "--tail-dependence"]

    /// JSON: the cov document keeps its keys and gains `tail_dependence` with the estimator stated,
    /// ν as given, and one entry per pair whose figures obey their definitions: empirical =
    /// joint days/(T u), the t-copula above the Gaussian at each u, λ_L in (0, 1).
    @Test func jsonHasOneEntryPerPair() throws {
        let r = try CLI.run(Self.base + ["--df", "4", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let doc = try CLI.json(r.stdout)
        #expect(doc["covariance"] != nil)
        let td = try #require(doc["tail_dependence"] as? [String: Any])
        #expect((td["estimator"] as? String)?.contains("C_n(u,u)/u") == true)
        #expect(td["df"] as? Double == 4 && td["df_fitted"] as? Bool == false)
        let levels = try #require(td["levels"] as? [Double])
        #expect(levels == [0.05, 0.01])
        let t = try #require(td["observations"] as? Int)
        let pairs = try #require(td["pairs"] as? [[String: Any]])
        #expect(pairs.count == 3)
        for p in pairs {
            let counts = try #require(p["joint_days"] as? [Int]), emp = try #require(p["empirical"] as? [Double])
            let tc = try #require(p["t_copula"] as? [Double]), gc = try #require(p["gaussian_copula"] as? [Double])
            let lambda = try #require(p["t_copula_lambda"] as? Double)
            for k in 0..<2 {
                #expect(abs(emp[k] - Double(counts[k]) / (Double(t) * levels[k])) < 1e-12)
                #expect(gc[k] < tc[k])
            }
            #expect(lambda > 0 && lambda < 1)
        }
    }

    /// Table after the covariance, naming the estimator; CSV one row per pair and level; --df fit
    /// says fitted; pairwise and a bad --df are refused naming the flag.
    @Test func tableCSVAndErrors() throws {
        let table = try CLI.run(Self.base)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("covariance of daily log returns"))
        #expect(table.stdout.contains("lower tail dependence over 500 days; t-copula ν"))
        #expect(table.stdout.contains("fitted by pseudo-likelihood"))
        #expect(table.stdout.contains("AAPL-JPM") && table.stdout.contains("JPM-XOM"))
        #expect(table.stdout.contains("C_n(u,u)/u"))
        let csv = try CLI.run(Self.base + ["--df", "5", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("asset1,asset2,kendall_tau,correlation,df,u,joint_days,empirical") == true)
        #expect(lines.count == 1 + 3 * 2)
        let pairwise = try CLI.run(Self.base + ["--estimator", "pairwise"])
        #expect(pairwise.status != 0 && pairwise.stderr.contains("--tail-dependence"), "\(pairwise.stderr)")
        let bad = try CLI.run(Self.base + ["--df", "-2"])
        #expect(bad.status != 0 && bad.stderr.contains("--df") && bad.stdout.isEmpty, "\(bad.stderr)")
        let stray = try CLI.run(["cov", Self.sp500, "--df", "4"])
        #expect(stray.status != 0 && stray.stderr.contains("--df"))
    }
}
