import Foundation
import Testing

/// Issue 21 item 14: the t-copula at huge ν. Before, `--df 1e15` gave VaR = ES at 3.4× the
/// Gaussian copula's and `cov --tail-dependence` a C(u,u)/u of 95. Now ν above 10⁶ is refused
/// naming the bound and the Gaussian copula, and at 10⁶ the t-copula is the Gaussian copula.
@Suite(.tags(.cli)) struct LargeDegreesOfFreedomCLITests {
    static let sp500 = CLI.data("sp500_skfolio_daily.csv")
    static let cov = ["cov", sp500, "--assets", "AAPL,JPM,XOM", "--window", "500", "--tail-dependence"]
    static let var_ = ["var", sp500, "--positions-file", CLI.data("positions.csv"), "--window", "500",
                       "--method", "monte-carlo", "--scenarios", "4000", "--format", "json"]

    @Test func covTailDependenceIsBoundedAndRefusesHugeDegreesOfFreedom() throws {
        for huge in ["1e15", "1e300", "inf", "nan"] {
            let r = try CLI.run(Self.cov + ["--df", huge])
            #expect(r.status != 0 && r.stdout.isEmpty && r.stderr.contains("--df"), "\(huge): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal") && r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
        }
        let r = try CLI.run(Self.cov + ["--df", "1e6", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let pairs = try #require((try CLI.json(r.stdout)["tail_dependence"] as? [String: Any])?["pairs"] as? [[String: Any]])
        for p in pairs {
            let tc = try #require(p["t_copula"] as? [Double]), gc = try #require(p["gaussian_copula"] as? [Double])
            for k in tc.indices {
                #expect(tc[k] <= 1 && abs(tc[k] - gc[k]) <= 1e-3 * max(gc[k], 1e-3), "\(tc) vs \(gc)")
            }
            #expect((p["t_copula_lambda"] as? Double ?? 1) < 1e-6)
        }
    }

    /// The t-copula's Monte Carlo VaR and ES tend to the Gaussian copula's as ν grows (same seed):
    /// at ν = 10⁶ within 1%; ES above VaR; ν = 10¹⁵ refused.
    @Test func tCopulaVaRTendsToTheGaussianCopulas() throws {
        func figures(_ extra: [String]) throws -> [Double] {
            let r = try CLI.run(Self.var_ + extra)
            #expect(r.status == 0, "\(extra): \(r.stderr)")
            return try InputsCLITests.results(r).flatMap { [($0["var"] as? Double) ?? .nan, ($0["es"] as? Double) ?? .nan] }
        }
        let gauss = try figures(["--dist", "gaussian-copula"])
        let near = try figures(["--dist", "t-copula", "--df", "1e6"])
        let heavy = try figures(["--dist", "t-copula", "--df", "3"])
        #expect(gauss.count == 4 && near.count == 4 && heavy.count == 4)
        guard gauss.count == 4, near.count == 4 else { return }
        for k in 0..<4 { #expect(abs(near[k] / gauss[k] - 1) < 0.01, "\(near) vs \(gauss)") }
        #expect(near[1] > near[0] && near[3] > near[2])
        #expect(abs(heavy[0] / gauss[0] - 1) > abs(near[0] / gauss[0] - 1))
        let refused = try CLI.run(Self.var_ + ["--dist", "t-copula", "--df", "1e15"])
        #expect(refused.status != 0 && refused.stdout.isEmpty && refused.stderr.contains("10⁶")
                && refused.stderr.contains("gaussian-copula"), "\(refused.stderr)")
    }
}
