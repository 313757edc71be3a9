import Foundation
import Testing

/// The t and Gaussian copula laws through `var --dist` (methods.md §8, issue 13).
@Suite struct CopulaCLITests {
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
}
