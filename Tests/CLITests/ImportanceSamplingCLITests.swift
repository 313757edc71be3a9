import Foundation
import Testing

@Suite("--variance-reduction importance through the built binary", .tags(.cli))
struct ImportanceSamplingCLITests {
    static let args = ["var", CLI.data("sp500_skfolio_daily.csv"), "--assets", "AAPL,JPM,XOM,KO",
                       "--weights", "AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1", "--value", "1000000", "--window", "750",
                       "--method", "monte-carlo", "--confidence", "0.99,0.999", "--scenarios", "20000",
                       "--variance-reduction", "importance", "--format", "json"]

    @Test func sameBytesForAnyThreadCountAndTheFactorIsRecorded() throws {
        let one = try CLI.run(Self.args + ["--threads", "1"])
        let two = try CLI.run(Self.args + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        // Identical bytes but for the line echoing the command (which names --threads).
        func body(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"command\":") }.joined(separator: "\n") }
        #expect(body(one.stdout) == body(two.stdout))
        let json = try CLI.json(one.stdout)
        #expect(one.stdout.contains("\"variance_reduction\": \"importance\""))
        let results = try #require(json["results"] as? [[String: Any]])
        let factors = results.compactMap { $0["variance_reduction_factor"] as? Double }
        #expect(factors.count == 2)
        #expect(factors.allSatisfy { $0 > 3 })
        // Plain runs record the method and no factor.
        let plain = try CLI.run(Self.args.map { $0 == "importance" ? "none" : $0 })
        #expect(plain.status == 0 && plain.stdout.contains("\"variance_reduction\": \"none\""))
        #expect(!plain.stdout.contains("variance_reduction_factor"))
    }

    @Test func refusalsAreOneLineAndNameTheFlag() throws {
        for (extra, message) in [(["--antithetic"], "--antithetic conflicts")] {
            let r = try CLI.run(Self.args + extra)
            #expect(r.status != 0)
            #expect(r.stderr.contains("--variance-reduction") || r.stderr.contains("--antithetic"), "\(r.stderr)")
            #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
        }
        let bad = try CLI.run(Self.args.map { $0 == "importance" ? "tilted" : $0 })
        #expect(bad.status != 0 && bad.stderr.contains("not one of none, antithetic, importance"))
    }

    @Test func haircutsRefuseImportanceSampling() throws {
        let r = try CLI.run(["haircut", CLI.data("sp500_skfolio_daily.csv"), "--collateral", "AAPL=100",
                             "--scenarios", "20000", "--variance-reduction", "importance"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("standalone"), "\(r.stderr)")
    }
}

extension ImportanceSamplingCLITests {
    /// The day-drawing laws tilt their day selection (DayTilt): bootstrap over one
    /// day and FHS under the garch filter over five, with the factor of each level
    /// recorded, the same bytes for one and two threads, and an ES near a plain run's.
    @Test func bootstrapAndFHSTiltTheirDays() throws {
        for extra in [["--dist", "bootstrap"], ["--dist", "fhs", "--filter", "garch", "--horizon", "5"]] {
            let one = try CLI.run(Self.args + extra + ["--threads", "1"])
            let two = try CLI.run(Self.args + extra + ["--threads", "2"])
            #expect(one.status == 0 && two.status == 0, "\(extra): \(one.stderr)\(two.stderr)")
            func body(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"command\":") }.joined(separator: "\n") }
            #expect(body(one.stdout) == body(two.stdout), "\(extra)")
            let results = try #require(try CLI.json(one.stdout)["results"] as? [[String: Any]])
            // A factor above 1 at each level, or none (JSON null) where the batch-means SE is rounding
            // (bootstrap at 99.9% over 750 days: every group's ES is the worst day's loss, SE 1e-11 on 122,021).
            for r in results {
                let factor = r["variance_reduction_factor"] as? Double
                let (es, se) = ((r["es"] as? Double) ?? .nan, (r["es_se"] as? Double) ?? .nan)
                #expect(se > 1e-12 * es ? (factor ?? 0) > 1 : r["variance_reduction_factor"] is NSNull, "\(extra): \(r)")
            }
            #expect(results.count == 2 && results.first?["variance_reduction_factor"] is Double, "\(extra)")
            // Against a plain run five times larger: the ES at 99% within 4 combined SEs.
            let plain = try CLI.run((Self.args + extra).map { $0 == "importance" ? "none" : ($0 == "20000" ? "100000" : $0) })
            #expect(plain.status == 0, "\(plain.stderr)")
            let p = try #require(try CLI.json(plain.stdout)["results"] as? [[String: Any]])
            func es(_ r: [String: Any]) -> (Double, Double)? {
                guard let e = r["es"] as? Double, let se = r["es_se"] as? Double else { return nil }
                return (e, se)
            }
            let (we, wse) = try #require(es(results[0]), "\(results[0].keys.sorted())")
            let (pe, pse) = try #require(es(p[0]))
            #expect(abs(we - pe) < 4 * (wse * wse + pse * pse).squareRoot(), "\(extra): ES \(we) ± \(wse) vs \(pe) ± \(pse)")
        }
    }
}
