import Foundation
import Testing
@testable import TailRisk

/// The model-risk note of var and haircut (issue 9): a model whose ES lies
/// below two thirds of the larger of the historical and FHS ES of the same
/// basket is flagged in the table and in the JSON field `model_risk`.
@Suite(.tags(.cli)) struct ModelRiskCLITests {
    /// A stablecoin USDX at its peg (1.0 with daily noise of 0.1%) for 300 days,
    /// then at 0.01 on the last day (a 99% loss), beside a calm asset AAA (σ 1%);
    /// returns the path and USDX's prices as printed.
    static func crashFile(crash: Bool = true) throws -> (path: String, usdx: [Double]) {
        var rng = Xoshiro256PlusPlus(seed: 5, unit: 0)
        var a = 100.0
        var lines = ["date,USDX,AAA"]
        var usdx: [Double] = []
        let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch
        for t in 0...300 {
            let z1 = Normal.quantile(rng.nextUniformPositive()), z2 = Normal.quantile(rng.nextUniformPositive())
            if t > 0 { a *= exp(0.01 * z2) }
            let peg = crash && t == 300 ? 0.01 : exp(0.001 * z1)
            usdx.append(peg)
            lines.append("\(Day(daysSinceEpoch: start + t)),\(peg),\(a)")
        }
        let path = try CLI.temporaryDirectory().appendingPathComponent(crash ? "crash.csv" : "calm.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, usdx)
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLI.run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try CLI.json(r.stdout)
    }

    /// The historical ES at 99% by hand: 300 returns, k = 3, the mean of the three
    /// largest exact losses V(1 − P_t/P_{t−1}) of a position valued V on the last day.
    static func historicalES(_ prices: [Double], value: Double) -> Double {
        let losses = (1..<prices.count).map { value * (1 - exp(log(prices[$0] / prices[$0 - 1]))) }.sorted(by: >)
        return (losses[0] + losses[1] + losses[2]) / 3
    }

    @Test func varFlagsTheNormalModelOfACrashedStablecoin() throws {
        let (path, usdx) = try Self.crashFile()
        let json = try Self.json(["var", path, "--positions", "USDX=1000000", "--method", "historical,fhs,monte-carlo",
                                  "--confidence", "0.99", "--scenarios", "50000"])
        let results = try #require(json["results"] as? [[String: Any]])
        let mc = try #require(results.first { $0["method"] as? String == "monte-carlo" })
        let risk = try #require(mc["model_risk"] as? [String: Any], "\(mc)")
        let fhsES = try #require(results.first { $0["method"] as? String == "fhs" }?["es"] as? Double)
        let histES = try #require(results.first { $0["method"] as? String == "historical" }?["es"] as? Double)
        #expect(risk["reference"] as? String == "fhs")
        #expect(risk["reference_es"] as? Double == fhsES && risk["fhs_es"] as? Double == fhsES)
        #expect(risk["historical_es"] as? Double == histES)
        #expect(abs(histES - Self.historicalES(usdx, value: 1_000_000 * 0.01)) <= 1e-9 * histES)
        let model = try #require(risk["model_es"] as? Double), ratio = try #require(risk["ratio"] as? Double)
        #expect(model == mc["es"] as? Double && abs(ratio - model / fhsES) < 1e-15 && ratio < 2.0 / 3.0)
        #expect((risk["note"] as? String)?.contains("the data contradict this model") == true)
        for row in results where row["method"] as? String != "monte-carlo" { #expect(row["model_risk"] is NSNull) }

        // The same check without the reference methods in the run, and in the table.
        let alone = try Self.json(["var", path, "--positions", "USDX=1000000", "--method", "monte-carlo",
                                   "--confidence", "0.99", "--scenarios", "50000"])
        let again = try #require((alone["results"] as? [[String: Any]])?.first?["model_risk"] as? [String: Any])
        #expect(again["reference_es"] as? Double == fhsES && again["historical_es"] as? Double == histES)
        let table = try CLI.run(["var", path, "--positions", "USDX=1000000", "--method", "monte-carlo",
                                 "--confidence", "0.99", "--scenarios", "50000"])
        #expect(table.stdout.contains("model risk (monte-carlo 0.99): ES "), "\(table.stdout)")
    }

    @Test func haircutFlagsTheNormalModelOfACrashedStablecoin() throws {
        let (path, _) = try Self.crashFile()
        let args = ["haircut", path, "--collateral", "USDX=1000000", "--scenarios", "50000"]
        let json = try Self.json(args)
        let risk = try #require(json["model_risk"] as? [String: Any], "\(json["model_risk"] ?? "")")
        let es = try #require((json["simulation"] as? [String: Any])?["portfolio_es"] as? Double)
        #expect(risk["model_es"] as? Double == es && risk["reference"] as? String == "fhs")
        #expect(try #require(risk["ratio"] as? Double) < 2.0 / 3.0)
        // The FHS ES the check uses is var's --method fhs ES of the same position.
        let v = try Self.json(["var", path, "--positions", "USDX=1000000", "--method", "fhs", "--confidence", "0.99"])
        #expect(risk["fhs_es"] as? Double == (v["results"] as? [[String: Any]])?.first?["es"] as? Double)
        let table = try CLI.run(args)
        #expect(table.stdout.contains("note: model risk (monte-carlo): portfolio ES "), "\(table.stdout)")
    }

    @Test func aCalmSeriesRaisesNoNote() throws {
        let (path, _) = try Self.crashFile(crash: false)
        let v = try Self.json(["var", path, "--positions", "USDX=1000,AAA=10", "--method", "normal,cornish-fisher,monte-carlo",
                               "--scenarios", "50000"])
        for row in try #require(v["results"] as? [[String: Any]]) { #expect(row["model_risk"] is NSNull, "\(row)") }
        let h = try Self.json(["haircut", path, "--collateral", "AAA=10", "--scenarios", "50000"])
        #expect(h["model_risk"] is NSNull)
        let table = try CLI.run(["haircut", path, "--collateral", "AAA=10", "--scenarios", "50000"])
        #expect(!table.stdout.contains("model risk"))
    }
}
