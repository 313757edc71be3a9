import Foundation
import Testing

/// `cov --format json`: one `observations` key, per-pair counts under `pairwise`.
@Suite(.tags(.cli)) struct CovJSONCLITests {
    /// A: 40 prices; B: the first 30; C: the last 25 (so B and C share 14 returns).
    static func gappyFile(in dir: URL) throws -> String {
        var lines = ["date,A,B,C"]
        var a = 100.0, b = 50.0, c = 20.0
        var state: UInt64 = 99
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        for t in 0..<40 {
            a *= exp(0.02 * noise()); b *= exp(0.03 * noise()); c *= exp(0.04 * noise())
            let day = String(format: "2024-%02d-%02d", 1 + t / 28, 1 + t % 28)
            lines.append("\(day),\(a),\(t < 30 ? "\(b)" : ""),\(t >= 15 ? "\(c)" : "")")
        }
        let path = dir.appendingPathComponent("gappy.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sampleEstimatorPrintsObservationsOnce() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.gappyFile(in: dir)
        let r = try CLI.run(["cov", path, "--assets", "A,B", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(JSONKeyCheck.duplicateKeys(r.stdout).isEmpty, "\(JSONKeyCheck.duplicateKeys(r.stdout))")
        let json = try CLI.json(r.stdout)
        #expect(json["observations"] as? Int == 29)
        #expect(json["pairwise"] == nil)
    }

    @Test func pairwiseReportsEachPairsCount() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.gappyFile(in: dir)
        let r = try CLI.run(["cov", path, "--estimator", "pairwise", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(JSONKeyCheck.duplicateKeys(r.stdout).isEmpty, "\(JSONKeyCheck.duplicateKeys(r.stdout))")
        let json = try CLI.json(r.stdout)
        let pairwise = try #require(json["pairwise"] as? [String: Any])
        let n = try #require(pairwise["common_observations"] as? [[Int]])
        // Returns: A rows 2…40 (39), B rows 2…30 (29), C rows 17…40 (24);
        // A&B 29, A&C 24, B&C rows 17…30 (14).
        #expect(n == [[39, 29, 24], [29, 29, 14], [24, 14, 24]])
        let fewest = try #require(pairwise["fewest"] as? [String: Any])
        #expect(fewest["assets"] as? [String] == ["B", "C"] && fewest["common_observations"] as? Int == 14)
        let table = try CLI.run(["cov", path, "--estimator", "pairwise"])
        #expect(table.stdout.contains("returns each pair has in common"), "\(table.stdout)")
    }

    @Test func keyCheckFindsADuplicate() {
        #expect(JSONKeyCheck.duplicateKeys(#"{"a": 1, "b": {"c": "x\"y", "c": [1, {"d": 2}]}, "a": 3}"#) == ["b.c", "a"])
        #expect(JSONKeyCheck.duplicateKeys(#"{"a": [{"k": 1}, {"k": 2}]}"#).isEmpty)
    }
}
