import Foundation
import Testing

/// The tilt importance sampling drew from and the weights of the exported tail, through the built binary.
@Suite("importance sampling's tilt and tail weights through the built binary", .tags(.cli))
struct ImportanceTiltCLITests {
    static let args = ["simulate", CLI.data("sp500_skfolio_daily.csv"), "--assets", "AAPL,JPM,XOM,KO",
                       "--weights", "AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1", "--value", "1000000", "--window", "750",
                       "--confidence", "0.99,0.999", "--scenarios", "12000", "--dist", "t", "--df", "5"]

    func tail(_ extra: [String]) throws -> (header: [String], rows: [[Double]], summary: [String: Any]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tilt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(Self.args + extra + ["--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("tail.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let summary = try CLI.json(String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8))
        return (lines[0], lines.dropFirst().map { $0.map { Double($0)! } }, summary)
    }

    @Test func weightedTailsCarryTheirLikelihoodRatios() throws {
        let weighted = try tail(["--variance-reduction", "importance"])
        #expect(weighted.header.prefix(4) == ["rank", "scenario", "loss", "weight"])
        #expect(!weighted.rows.isEmpty)
        // Every weight is a positive likelihood ratio; deep in the tail of the twisted law it is below 1.
        #expect(weighted.rows.allSatisfy { $0[3] > 0 && $0[3].isFinite })
        #expect(weighted.rows.prefix(20).allSatisfy { $0[3] < 1 })
        // Each row's asset P&L still sums to minus its loss.
        for row in weighted.rows.prefix(20) {
            #expect(abs(row[4...].reduce(0, +) + row[2]) < 1e-6 * abs(row[2]))
        }
        let tilt = try #require(weighted.summary["importance_tilt"] as? String)
        #expect(tilt.contains("χ² twist"))
        let plain = try tail([])
        #expect(plain.header.prefix(4) == ["rank", "scenario", "loss", "AAPL"])
        #expect(plain.summary["importance_tilt"] == nil)
    }
}
