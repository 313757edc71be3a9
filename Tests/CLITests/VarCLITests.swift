import Foundation
import Testing

@Suite("tailrisk var through the built binary", .tags(.cli, .realData))
struct VarCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func jsonHasEveryMethodAndItsProvenance() throws {
        let r = try CLI.run(["var", Self.crypto, "--positions", "BTC=2,ETH=40", "--scenarios", "20000",
                             "--format", "json", "--from", "2019-01-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 10)
        let methods = Set(results.compactMap { $0["method"] as? String })
        #expect(methods == ["historical", "normal", "cornish-fisher", "fhs", "monte-carlo"])
        let basket = try #require(json["basket"] as? [String: Any])
        let value = try #require(basket["value"] as? Double)
        for result in results {
            let v = try #require(result["var"] as? Double), es = try #require(result["es"] as? Double)
            #expect(abs((result["var_fraction"] as? Double ?? .nan) - v / value) < 1e-12)
            #expect(abs((result["es_fraction"] as? Double ?? .nan) - es / value) < 1e-12)
            #expect(es >= v * 0.999 || result["method"] as? String == "cornish-fisher")
            if result["method"] as? String == "monte-carlo" {
                let ci = try #require(result["var_ci"] as? [Double])
                #expect(ci[0] <= v && v <= ci[1])
                #expect((result["es_se"] as? Double ?? -1) > 0)
            }
        }
        // Provenance: what produced the numbers.
        #expect(json["first_date"] as? String == "2019-01-01")
        #expect(json["last_date"] as? String == "2020-07-27")
        #expect(json["observations"] as? Int == 573)
        #expect(json["estimator"] as? String == "sample")
        #expect(json["scenarios"] as? Int == 20000)
        #expect(json["seed"] as? String != nil)
        #expect(json["version"] as? String != nil)
        let input = try #require(json["input"] as? [String: Any])
        #expect(input["sha256"] as? String == "c59214e05a5bdc6f902da56a52744886012d9e055448e109a287aec0abe4f6a3")
        #expect((json["repair"] as? [String: Any])?["method"] as? String == "none")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func sameBytesForOneAndTwoThreads() throws {
        func run(_ threads: String) throws -> String {
            let r = try CLI.run(["var", Self.crypto, "--positions", "BTC=1,ETH=30,LINK=1000", "--scenarios", "30000",
                                 "--method", "monte-carlo", "--format", "json", "--threads", threads])
            #expect(r.status == 0, "\(r.stderr)")
            // The echoed command line differs by the --threads flag itself; everything else must be identical.
            return r.stdout.split(separator: "\n").filter { !$0.contains("\"command\"") }.joined(separator: "\n")
        }
        let one = try run("1"), two = try run("2")
        #expect(one == two)
        #expect(one.contains("\"es_contributions\""))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func outWritesSummaryAndPnLSeries() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["var", Self.crypto, "--positions", "BTC=1", "--method", "historical,normal",
                             "--window", "250", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("historical"))
        let summary = try CLI.json(String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8))
        #expect(summary["observations"] as? Int == 250)
        let pnl = try String(contentsOf: dir.appendingPathComponent("pnl.csv"), encoding: .utf8)
        let lines = pnl.split(separator: "\n")
        #expect(lines.first == "date,pnl")
        #expect(lines.count == 251)
        #expect(lines.last?.hasPrefix("2020-07-27,") == true)
    }

    @Test func sampleBasketRuns() throws {
        let r = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--positions-file", CLI.data("positions.csv"),
                             "--window", "1000", "--scenarios", "20000", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n")
        let header = String(rows.first ?? "")
        #expect(header.hasPrefix("method,confidence,var,es,var_fraction,es_fraction,var_ci_low,var_ci_high,es_se,es_contribution_AAPL,"))
        #expect(header.hasSuffix(",var_contribution_JNJ,unusable,notes"))
        #expect(rows.count == 11)
    }

    /// Bad input: a non-zero exit, one or two lines on stderr that name the problem, nothing on stdout.
    @Test(arguments: [
        (["var", "no-such-file.csv", "--positions", "BTC=1"], "error: no-such-file.csv: no such file"),
        (["var", "CRYPTO", "--positions", "BTC=1,FOO=2"], "error: --positions: unknown asset \"FOO\" (\(VarCLITests.crypto) has: BTC, ETH"),
        (["var", "CRYPTO", "--positions", "BTC=1", "--confidence", "1.5"],
         "error: --confidence: \"1.5\" is not a level between 0 and 1 (e.g. 0.99 or 99%)"),
        (["var", "CRYPTO", "--positions", "BTC=1", "--method", "var-cov"],
         "error: --method: \"var-cov\" is not one of historical, normal, cornish-fisher, fhs, monte-carlo (or all)"),
        (["var", "CRYPTO", "--positions", "ETH=1", "--to", "2015-08-09"],
         "error: insufficient data: ETH: 1 common returns from 2010-07-18 to 2015-08-09"),
        (["var", "CRYPTO", "--weights", "BTC=0.5,ETH=0.6", "--value", "100"], "error: --weights: the weights sum to 1.1, not 1"),
        (["var", "CRYPTO", "--positions", "BTC=1", "--estimator", "shrunk"],
         "error: --estimator: \"shrunk\" is not one of sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc"),
        (["var", "CRYPTO", "--positions", "BTC=1", "--dist", "t", "--df", "2"], "error: --df: must be a finite number greater than 2 (the variance is infinite otherwise), got 2.0"),
        (["cov", "CRYPTO", "--assets", "BTC,NOPE"], "error: --assets: unknown asset \"NOPE\""),
    ])
    func badInputFailsCleanly(arguments: [String], expected: String) throws {
        guard CLI.sharedAvailable || !arguments.contains("CRYPTO") else { return }
        let r = try CLI.run(arguments.map { $0 == "CRYPTO" ? Self.crypto : $0 })
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect((1...2).contains(lines.count), "\(r.stderr)")
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
    }
}

@Suite("tailrisk cov through the built binary", .tags(.cli, .realData))
struct CovCLITests {
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func jsonMatchesScikitLearnShrinkageShape() throws {
        let r = try CLI.run(["cov", CLI.shared("crypto_coinmetrics_daily.csv"), "--assets", "BTC,ETH,LTC,LINK,MKR",
                             "--estimator", "ledoit-wolf", "--format", "json", "--correlation"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["assets"] as? [String] == ["BTC", "ETH", "LTC", "LINK", "MKR"])
        #expect(json["estimator"] as? String == "ledoit-wolf")
        let shrinkage = try #require(json["shrinkage"] as? Double)
        #expect(shrinkage > 0 && shrinkage < 1)
        let cov = try #require(json["covariance"] as? [[Double]])
        let corr = try #require(json["correlation"] as? [[Double]])
        #expect(cov.count == 5 && corr.count == 5)
        for i in 0..<5 {
            #expect(abs(corr[i][i] - 1) < 1e-12)
            for j in 0..<5 { #expect(cov[i][j] == cov[j][i]) }
        }
        #expect(json["observations"] as? Int == 944)
    }

    /// Three assets observed in turn: A,B move together, then B,C, then C against A. Each pair's
    /// correlation is ±1-like on its own dates, so the pairwise matrix is indefinite and must be repaired.
    @Test func pairwiseOfStaggeredAssetsIsRepairedAndReported() throws {
        var state: UInt64 = 12345
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        var rows = ["date,A,B,C"]
        var a = 100.0, b = 100.0, c = 100.0
        for t in 0..<300 {
            let day = 18000 + t  // days since 1970
            let shock = 0.02 * noise()
            let cells: [String]
            switch t {
            case 0..<100: a *= exp(shock); b *= exp(shock + 0.002 * noise()); cells = ["\(a)", "\(b)", ""]
            case 100..<200: b *= exp(shock); c *= exp(shock + 0.002 * noise()); cells = ["", "\(b)", "\(c)"]
            default: a *= exp(shock); c *= exp(-shock + 0.002 * noise()); cells = ["\(a)", "", "\(c)"]
            }
            rows.append("\(isoDate(day)),\(cells.joined(separator: ","))")
        }
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("staggered.csv")
        try (rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["cov", file.path, "--estimator", "pairwise", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let repair = try #require(json["repair"] as? [String: Any])
        #expect(repair["method"] as? String == "eigenvalue-clipping")
        #expect((repair["minimum_eigenvalue_before"] as? Double ?? 1) < 0)
        #expect((repair["minimum_eigenvalue_after"] as? Double ?? -1) > 0)
        #expect((repair["frobenius_distance"] as? Double ?? 0) > 0)
        #expect(json["covariance_before_repair"] != nil)
        let table = try CLI.run(["cov", file.path, "--estimator", "pairwise"])
        #expect(table.stdout.contains("repair: eigenvalue"))
    }

    private func isoDate(_ days: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: Double(days) * 86400))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func pairwiseOfGappyAssetsReportsItsRepair() throws {
        let r = try CLI.run(["cov", CLI.shared("crypto_coinmetrics_daily.csv"), "--assets", "BTC,ETH,USDT,DAI,PAXG,MKR",
                             "--estimator", "pairwise", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let repair = try #require(json["repair"] as? [String: Any])
        let method = try #require(repair["method"] as? String)
        // Whatever the outcome, the report states the smallest eigenvalue after is positive.
        #expect((repair["minimum_eigenvalue_after"] as? Double ?? -1) > 0)
        if method != "none" {
            #expect((repair["minimum_eigenvalue_before"] as? Double ?? 1) <= 0 || method == "ridge")
            #expect(json["covariance_before_repair"] != nil)
        }
    }
}
