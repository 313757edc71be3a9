import Foundation
import Testing
@testable import TailRisk

/// `tailrisk haircut --floor`: the basket figures follow the floors-on-both-sides
/// rule, recomputed here from the per-asset rows the JSON prints.
@Suite(.tags(.cli)) struct HaircutFloorCLITests {
    /// Two correlated lognormal assets (daily σ 3% and 5%, ρ ≈ 0.6), seeded.
    static func twoAssetFile(in dir: URL) throws -> String {
        var rng = Xoshiro256PlusPlus(seed: 7, unit: 0)
        var a = 100.0, b = 50.0
        var lines = ["date,AAA,BBB"]
        let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch
        for t in 0..<400 {
            if t > 0 {
                let z1 = Normal.quantile(rng.nextUniformPositive()), z2 = Normal.quantile(rng.nextUniformPositive())
                a *= exp(0.03 * z1)
                b *= exp(0.05 * (0.6 * z1 + 0.8 * z2))
            }
            lines.append("\(Day(daysSinceEpoch: start + t)),\(a),\(b)")
        }
        let path = dir.appendingPathComponent("ab.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func floorsEnterBothSidesOfTheBenefit() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.twoAssetFile(in: dir)
        // AAA's floor of 40% is far above both its haircuts (daily ES of a 3% asset is about 8%).
        let r = try CLI.run(["haircut", path, "--collateral", "AAA=1,BBB=2", "--floor", "AAA=0.4",
                             "--scenarios", "50000", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let rows = try #require(json["assets"] as? [[String: Any]])
        let basket = try #require(json["basket"] as? [String: Any])
        func d(_ o: [String: Any], _ k: String) -> Double { o[k] as? Double ?? .nan }
        let a = rows.map { d($0, "weight") }
        let hSum = zip(a, rows).reduce(0) { $0 + $1.0 * max(d($1.1, "standalone_haircut"), d($1.1, "floor").isNaN ? -1 : d($1.1, "floor")) }
        let hpFloored = zip(a, rows).reduce(0) { $0 + $1.0 * max(d($1.1, "allocated_haircut"), d($1.1, "floor").isNaN ? -1 : d($1.1, "floor")) }
        #expect(rows[0]["allocated_floor_binds"] as? Bool == true && rows[0]["standalone_floor_binds"] as? Bool == true)
        #expect(abs(d(basket, "haircut_sum") - hSum) < 1e-12)
        #expect(abs(d(basket, "haircut_portfolio_floored") - hpFloored) < 1e-12)
        #expect(d(basket, "haircut_portfolio_floored") > d(basket, "haircut_portfolio"))
        #expect(abs(d(basket, "diversification_benefit") - (1 - hpFloored / hSum)) < 1e-12)
        let kappa = 0.8
        #expect(abs(d(basket, "credited_haircut") - max(hSum - kappa * (hSum - hpFloored), hpFloored)) < 1e-12)
        // The old rule's benefit, 1 − H_p/H_sum, is larger: the floor no longer inflates it.
        #expect(1 - d(basket, "haircut_portfolio") / hSum > d(basket, "diversification_benefit"))
        // The table says the floored portfolio haircut.
        let table = try CLI.run(["haircut", path, "--collateral", "AAA=1,BBB=2", "--floor", "AAA=0.4", "--scenarios", "50000"])
        #expect(table.stdout.contains("floored H_p'"), "\(table.stdout)")
    }

    /// Daily σ 20% scaled by √100: the haircut exceeds 100%, is capped and marked in its cell.
    @Test func aCappedHaircutIsMarkedInItsRow() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A"], sigmas: [0.2], days: 300)
        let r = try CLI.run(["haircut", path, "--collateral", "A=1", "--horizon", "100", "--horizon-method", "sqrt",
                             "--scenarios", "1e4"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("A ") })
        #expect(row.contains("100.00%‡"), "\(row)")
        #expect(r.stdout.contains("‡ UNUSABLE as measured: capped at 100%"))
        let calm = try CLI.run(["haircut", path, "--collateral", "A=1", "--scenarios", "1e4"])
        #expect(!calm.stdout.contains("‡"))
    }
}
