import Foundation
import Testing

/// Issue 21 item 21: flags and files read alike. Thresholds match names in any case and take
/// `80%`; hex, nan and inf are refused in every typed number; a run file's value starting with
/// `--` stays a value; an unreachable `--target-precision` is refused after the first round;
/// importance sampling needs no n·α ≥ 1 plain scenarios; a variance reduction factor that
/// cannot be measured is said so, not printed as "∞".
@Suite(.tags(.cli)) struct ConsistencyCLITests {
    typealias S = InputSourceCLITests

    /// Each cascade's bad debt and liquidated value, then the thresholds the rules used.
    static func outcome(_ r: CLI.Result) throws -> [Double] {
        let doc = try CLI.json(r.stdout)
        let cascades = try #require(doc["cascades"] as? [[String: Any]], "\(doc.keys)")
        let lts = try #require((doc["rules"] as? [String: Any])?["liquidation_thresholds"] as? [String: Double])
        return cascades.flatMap { c -> [Double] in
            let o = c["cascade"] as? [String: Any]
            return [(o?["bad_debt"] as? Double) ?? .nan, (o?["liquidated_value"] as? Double) ?? .nan]
        } + lts.keys.sorted().map { lts[$0]! }
    }

    /// `--lt eth=80%` and a policy's `lt: {eth: 80%}` are `--lt ETH=0.8`.
    @Test func thresholdsTakeAnyCaseAndPercentages() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try S.prices(in: dir)
        let book = try S.write("account,asset,quantity\na,ETH,100\na,USDC,-3500\nb,BTC,10\nb,USDC,-700\n", "book.csv", in: dir)
        let base = ["stress", prices, "--accounts", book, "--shock", "ETH=-40%,BTC=-30%", "--format", "json"]
        let plain = try CLI.run(base + ["--lt", "ETH=0.8,BTC=0.75"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let policy = try S.write("lt: {eth: 80%, btc: 75%}\n", "policy.yaml", in: dir)
        for variant in [["--lt", "eth=80%,Btc=75%"], ["--policy", policy]] {
            let r = try CLI.run(base + variant)
            #expect(r.status == 0, "\(variant): \(r.stderr)")
            guard r.status == 0, plain.status == 0 else { continue }
            let (a, b) = (try Self.outcome(r), try Self.outcome(plain))
            #expect(a.count == 4 && a == b && a[0] > 0, "\(variant): \(a) vs \(b)")
        }
        let twice = try CLI.run(base + ["--lt", "ETH=0.8,eth=0.7,BTC=0.75"])
        #expect(S.refused(twice) && twice.stderr.contains("--lt"), "\(twice.stderr)")
    }

    /// Hex floats, nan and inf are refused in --confidence, fraction flags, --df and a policy file,
    /// each error naming its source; `--df nan` is refused even where no law reads it.
    @Test func typedNumbersAreDecimal() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try S.prices(in: dir)
        let var_ = ["var", prices, "--positions", "BTC=1", "--method", "historical"]
        for (extra, flag) in [(["--confidence", "0x1.fap-1"], "--confidence"), (["--confidence", "nan"], "--confidence"),
                              (["--df", "nan"], "--df"), (["--df", "0x10"], "--df"), (["--df", "inf"], "--df")] {
            let r = try CLI.run(var_ + extra)
            #expect(S.refused(r) && r.stderr.contains(flag), "\(extra): \(r.stderr)")
        }
        let hc = ["haircut", prices, "--collateral", "BTC=1", "--debt-asset", "USDC", "--scenarios", "2000"]
        let bonus = try CLI.run(hc + ["--liquidation-bonus", "0x1p-4"])
        #expect(S.refused(bonus) && bonus.stderr.contains("--liquidation-bonus"), "\(bonus.stderr)")
        let policy = try S.write("confidence: 0x1.fcp-1\n", "policy.yaml", in: dir)
        let file = try CLI.run(hc + ["--policy", policy])
        #expect(S.refused(file) && file.stderr.contains("policy.yaml:1"), "\(file.stderr)")
        #expect(try CLI.run(var_ + ["--confidence", "0.99"]).status == 0)
    }

    /// A run-file value starting with `--` is the flag's value, refused as a value, never a flag of its own
    /// (`confidence: --zero-mean` was "Missing value for '--confidence'": the value had become a flag).
    @Test func runFileValuesStayValues() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try S.prices(in: dir)
        for (yaml, flag, value) in [("confidence: --zero-mean", "--confidence", "--zero-mean"), ("method: --help", "--method", "--help")] {
            let run = try S.write("positions: {BTC: 1}\n\(yaml)\n", "run.yaml", in: dir)
            let r = try CLI.run(["var", prices, "--config", run])
            #expect(S.refused(r) && r.stderr.hasPrefix("error: \(flag): \"\(value)\"") && !r.stderr.contains("Missing value"),
                    "\(yaml): \(r.stderr)")
        }
        let ok = try S.write("positions: {BTC: 1}\nmethod: historical\nconfidence: 0.99\n", "ok.yaml", in: dir)
        #expect(try CLI.run(["var", prices, "--config", ok]).status == 0)
    }

    /// A target 100 times finer than the first round's SE needs ~10⁴× the scenarios: refused with the
    /// projection, not run to the cap; a reachable target still runs.
    @Test func unreachableTargetPrecisionIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try S.prices(in: dir)
        let base = ["var", prices, "--positions", "BTC=1,ETH=2", "--method", "monte-carlo", "--scenarios", "4096"]
        let r = try CLI.run(base + ["--target-precision", "0.01%", "--max-scenarios", "65536"])
        #expect(S.refused(r) && r.stderr.contains("--target-precision") && r.stderr.contains("out of reach")
                && r.stderr.contains("65536"), "\(r.stderr)")
        let reachable = try CLI.run(base + ["--target-precision", "5%", "--max-scenarios", "65536", "--format", "json"])
        #expect(reachable.status == 0, "\(reachable.stderr)")
    }

    /// Importance sampling at 99.99% with 2,000 scenarios (n·α = 0.2) runs, and its VaR is near the
    /// delta-normal one; plain Monte Carlo still asks for 10,000.
    @Test func importanceSamplingNeedsNoPlainTail() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try S.prices(in: dir)
        let base = ["var", prices, "--positions", "BTC=1,ETH=2", "--confidence", "0.9999", "--scenarios", "2000", "--zero-mean",
                    "--pnl", "linear", "--format", "json"]
        let r = try CLI.run(base + ["--method", "monte-carlo,normal", "--variance-reduction", "importance"])
        #expect(r.status == 0, "\(r.stderr)")
        if r.status == 0 {
            let results = try InputsCLITests.results(r)
            let mc = results.first { ($0["method"] as? String) == "monte-carlo" }?["var"] as? Double
            let normal = results.first { ($0["method"] as? String) == "normal" }?["var"] as? Double
            #expect(mc != nil && normal != nil && abs(mc! / normal! - 1) < 0.1, "\(String(describing: mc)) vs \(String(describing: normal))")
        }
        let plain = try CLI.run(base + ["--method", "monte-carlo"])
        #expect(S.refused(plain) && plain.stderr.contains("10000"), "\(plain.stderr)")
    }

    /// A copula over 20 days caps the tail at the worst day: at 99.99% every batch group's ES is that
    /// loss, SE(ES) is rounding, and the factor is reported not measurable (JSON null), never "∞".
    @Test func unmeasurableVarianceReductionIsSaid() throws {
        let base = ["var", CLI.data("sp500_skfolio_daily.csv"), "--positions", "AAPL=100", "--window", "20",
                    "--method", "monte-carlo", "--dist", "gaussian-copula", "--variance-reduction", "importance",
                    "--confidence", "0.9999", "--scenarios", "10000"]
        let table = try CLI.run(base)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.contains("∞") && table.stdout.contains("variance reduction factor not measurable"), "\(table.stdout)")
        let json = try CLI.run(base + ["--format", "json"])
        let first = try InputsCLITests.results(json).first
        #expect(first?["variance_reduction_factor"] is NSNull, "\(String(describing: first))")
    }
}
