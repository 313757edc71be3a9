import Foundation
import Testing

/// Results do not depend on the BLAS library's threading (`BLAS.configured`):
/// OpenBLAS runs on one thread whatever `OPENBLAS_NUM_THREADS` says, so the
/// JSON of `cov` (with a repair), `var` (every method) and `haircut` is the
/// same byte for byte under 1, 2 and 8 BLAS threads, apart from the run time
/// and the echoed command line. The kernel OpenBLAS chose is recorded.
@Suite(.tags(.cli, .realData)) struct BLASThreadingCLITests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")

    /// The JSON output of `arguments` under `OPENBLAS_NUM_THREADS=threads`,
    /// without the lines that may differ by design (`seconds`, `command`).
    static func stableJSON(_ arguments: [String], threads: String) throws -> String {
        let r = try CLI.run(arguments, environment: ["OPENBLAS_NUM_THREADS": threads])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n")
            .filter { !$0.contains("\"seconds\"") && !$0.contains("\"command\"") }
            .joined(separator: "\n")
    }

    static func expectSameBytes(_ arguments: [String]) throws -> String {
        let one = try stableJSON(arguments, threads: "1")
        for threads in ["2", "8"] {
            let other = try stableJSON(arguments, threads: threads)
            #expect(other == one, "\(arguments.prefix(2)) differs under OPENBLAS_NUM_THREADS=\(threads)")
        }
        return one
    }

    /// The case the issue reported: the pairwise covariance of the whole crypto
    /// file, whose smallest eigenvalue changed in its last digits with the threads.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func pairwiseCovarianceOfTheCryptoFileIsTheSameForAnyBLASThreads() throws {
        _ = try Self.expectSameBytes(["cov", Self.crypto, "--estimator", "pairwise", "--format", "json"])
    }

    /// 120 assets seen on a random 60% of 150 dates each: the pairwise matrix
    /// is indefinite, so the eigen-decompositions of the repair run on a matrix
    /// large enough for OpenBLAS to split it across threads if it were allowed to.
    @Test func repairedPairwiseCovarianceIsTheSameForAnyBLASThreads() throws {
        var state: UInt64 = 2024
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let assets = 120, dates = 150
        var prices = [Double](repeating: 100, count: assets)
        var rows = ["date," + (0..<assets).map { "A\($0)" }.joined(separator: ",")]
        for t in 0..<dates {
            let common = 0.02 * (uniform() - 0.5)
            var cells: [String] = []
            for a in 0..<assets {
                prices[a] *= exp(common + 0.01 * (uniform() - 0.5))
                cells.append(uniform() < 0.6 || t == 0 ? "\(prices[a])" : "")
            }
            rows.append(String(format: "%04d-%02d-%02d", 2000 + t / 300, 1 + (t / 28) % 12, 1 + t % 28) + ","
                        + cells.joined(separator: ","))
        }
        let file = try CLI.temporaryDirectory().appendingPathComponent("gappy.csv")
        try (rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = try Self.expectSameBytes(["cov", file.path, "--estimator", "pairwise", "--format", "json"])
        let json = try CLI.json(out.isEmpty ? "{}" : out)
        let repair = try #require(json["repair"] as? [String: Any])
        // Only meaningful when LAPACK really repaired something.
        #expect(repair["method"] as? String != "none", "\(repair)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func everyVarMethodIsTheSameForAnyBLASThreads() throws {
        let out = try Self.expectSameBytes(["var", Self.crypto, "--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1e6",
                                            "--estimator", "ledoit-wolf", "--scenarios", "20000", "--format", "json"])
        #expect(out.contains("\"cornish-fisher\"") && out.contains("\"monte-carlo\""))
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func haircutIsTheSameForAnyBLASThreads() throws {
        _ = try Self.expectSameBytes(["haircut", Self.crypto, "--collateral", "BTC=2,ETH=20", "--debt", "USDT=30000",
                                      "--scenarios", "20000", "--format", "json"])
    }

    /// The provenance names the BLAS kernel and the one-thread rule.
    @Test func provenanceRecordsTheBLASKernel() throws {
        let r = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--positions", "AAPL=1,MSFT=1",
                             "--method", "normal", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let blas = try #require(json["blas"] as? [String: Any], "\(json.keys)")
        #expect(blas["threads"] as? Int == 1)
        let kernel = try #require(blas["kernel"] as? String)
        #expect(!kernel.isEmpty && kernel != "unknown")
    }
}
