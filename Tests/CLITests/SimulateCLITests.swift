import Foundation
import Testing

@Suite("tailrisk simulate through the built binary", .tags(.cli))
struct SimulateCLITests {
    static let sp500 = CLI.data("sp500_skfolio_daily.csv")
    static let basket = ["--assets", "AAPL,JPM,XOM,KO", "--weights", "AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1",
                         "--value", "1000000", "--window", "750", "--scenarios", "40000", "--seed", "7"]

    static func rows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func outWritesThreeConsistentFiles() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["simulate", Self.sp500] + Self.basket + ["--bins", "50", "--quiet", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("monte-carlo"))
        #expect(r.stdout.contains("tail.csv (1000 largest losses × 4 assets)"))
        #expect(r.stderr.isEmpty)

        // histogram.csv: contiguous bins whose counts (with under/overflow) sum to the scenario count.
        let histogram = try Self.rows(dir.appendingPathComponent("histogram.csv"))
        #expect(histogram[0] == ["bin_lower", "bin_upper", "count"])
        let bins = histogram.dropFirst()
        #expect(bins.count == 52)
        #expect(bins.first?[0] == "-inf" && bins.last?[1] == "inf")
        #expect(bins.compactMap { Int($0[2]) }.reduce(0, +) == 40000)
        let edges = bins.map { (Double($0[0])!, Double($0[1])!) }
        for (a, b) in zip(edges, edges.dropFirst()) { #expect(abs(a.1 - b.0) <= 1e-9 * max(1, abs(a.1))) }

        // tail.csv: ranks 1…K, losses descending, each row's P&L sums to −loss.
        let tail = try Self.rows(dir.appendingPathComponent("tail.csv"))
        #expect(tail[0] == ["rank", "scenario", "loss", "AAPL", "JPM", "XOM", "KO"])
        let body = tail.dropFirst()
        #expect(body.count == 1000)  // 2.5% of 40,000: beyond VaR at both levels
        var previous = Double.infinity
        for (i, row) in body.enumerated() {
            #expect(Int(row[0]) == i + 1)
            let loss = try #require(Double(row[2]))
            #expect(loss <= previous)
            previous = loss
            let pnl = row[3...].compactMap(Double.init)
            #expect(pnl.count == 4)
            #expect(abs(pnl.reduce(0, +) + loss) <= 1e-9 * 1_000_000)
        }
        #expect(Set(body.map { $0[1] }).count == 1000)

        // summary.json: the results of `var --method monte-carlo` for the same seed, plus the files.
        let summary = try CLI.json(String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8))
        let files = try #require(summary["files"] as? [String: Any])
        #expect((files["tail"] as? [String: Any])?["scenarios"] as? Int == 1000)
        #expect((files["histogram"] as? [String: Any])?["bins"] as? Int == 50)
        let v = try CLI.run(["var", Self.sp500] + Self.basket + ["--method", "monte-carlo", "--format", "json"])
        #expect(v.status == 0, "\(v.stderr)")
        let expected = try CLI.json(v.stdout)
        let mine = try #require(summary["results"] as? [[String: Any]])
        let theirs = try #require(expected["results"] as? [[String: Any]])
        #expect(mine.count == 2)
        #expect(NSArray(array: mine).isEqual(to: theirs))
        #expect(summary["scenarios"] as? Int == 40000 && summary["seed"] as? String == "7")
        // The 99% VaR lies between the 400th and 401st largest losses (order statistic, up to rounding).
        let var99 = try #require(mine.first { $0["confidence"] as? Double == 0.99 }?["var"] as? Double)
        let largest = body.compactMap { Double($0[2]) }
        #expect(var99 <= largest[398] && var99 >= largest[399] * 0.999)
    }

    @Test func jsonOnStdoutWithoutOutWritesNothingElse() throws {
        let r = try CLI.run(["simulate", Self.sp500] + Self.basket + ["--format", "json", "--confidence", "0.95"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["files"] == nil)
        #expect((json["results"] as? [[String: Any]])?.count == 1)
    }

    @Test func badFlagsFailWithOneLine() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (flags, message) in [(["--bins", "0"], "--bins: must be at least 1, got 0"),
                                 (["--tail=-3"], "--tail: must be at least 0, got -3"),
                                 // Sizes that would overflow or exhaust memory are refused up front.
                                 (["--bins", "9223372036854775807"], "--bins: must be at most 1000000"),
                                 (["--scenarios", "9223372036854775807"], "--scenarios: must be at most 1000000000"),
                                 (["--threads", "9223372036854775807"], "--threads: must be at most 1024"),
                                 (["--horizon", "9223372036854775807"], "--horizon: must be at most 10000"),
                                 (["--estimator", "pairwise"], "--estimator")] {
            let r = try CLI.run(["simulate", Self.sp500] + Self.basket + flags + ["--out", dir.path])
            #expect(r.status != 0)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
