import Foundation
import Testing

/// JSON results load with one `pandas.json_normalize` call (README): checked by
/// `scripts/check_json_normalize.py` where pandas is installed, and by the
/// shape pandas needs (records of scalars, scalar arrays and objects of them) everywhere.
@Suite(.tags(.cli)) struct JSONNormalizeCLITests {
    static let pandasAvailable: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import pandas"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Whether a value is a scalar, or an array or object nesting only those.
    static func flat(_ v: Any, depth: Int = 0) -> Bool {
        if let o = v as? [String: Any] { return depth < 3 && o.values.allSatisfy { flat($0, depth: depth + 1) } }
        if let a = v as? [Any] { return depth < 3 && a.allSatisfy { !($0 is [String: Any]) && flat($0, depth: depth + 1) } }
        return true
    }

    static func check(_ json: String, key: String, columns: [String]) throws {
        let doc = try CLI.json(json)
        let records = try #require(doc[key] as? [[String: Any]], "no \(key) array")
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { flat($0) }, "\(key) records nest deeper than json_normalize flattens usefully")
        guard pandasAvailable else { return }
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("result.json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.repositoryRoot.appendingPathComponent("scripts/check_json_normalize.py").path,
                       key, file.path] + columns
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.hasPrefix("ok "), "\(text)")
    }

    @Test func varResultsLoadInOneCall() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A", "B"], sigmas: [0.01, 0.02], days: 600)
        let r = try CLI.run(["var", path, "--positions", "A=10,B=5", "--scenarios", "20000", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.check(r.stdout, key: "results",
                       columns: ["method", "confidence", "var", "es", "es_contributions.A", "var_contributions.B", "unusable"])
    }

    @Test func backtestTestsLoadInOneCall() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A"], sigmas: [0.02], days: 400)
        let r = try CLI.run(["backtest", path, "--positions", "A=1", "--method", "historical,normal", "--window", "250",
                             "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.check(r.stdout, key: "tests", columns: ["method", "exceedances", "expected_exceedances", "var_pass", "es_pass"])
    }

    @Test func haircutAssetsLoadInOneCall() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A", "B"], sigmas: [0.01, 0.02], days: 400)
        let r = try CLI.run(["haircut", path, "--collateral", "A=1,B=2", "--scenarios", "20000", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.check(r.stdout, key: "assets", columns: ["asset", "standalone_haircut", "allocated_haircut_floored", "ltv"])
    }
}
