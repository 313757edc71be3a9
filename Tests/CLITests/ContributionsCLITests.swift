import Foundation
import Testing

/// `var --contributions`: Euler contributions per asset in the table and the CSV,
/// for every method with scenarios and for normal (issue 12).
@Suite(.tags(.cli)) struct ContributionsCLITests {
    static func number(_ s: String?) -> Double? { s.flatMap(Double.init) }

    @Test func contributionsSumToTheESForEveryMethod() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A", "B", "C"], sigmas: [0.01, 0.02, 0.03], days: 800)
        let args = ["var", path, "--positions", "A=10,B=-3,C=5", "--method", "historical,normal,fhs,monte-carlo,cornish-fisher",
                    "--scenarios", "20000", "--contributions"]
        let r = try CLI.run(args + ["--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = UnusableRowCLITests.csvRows(r.stdout)
        #expect(rows.count == 10)
        for row in rows {
            let method = row["method"] ?? "?"
            let es = try #require(Self.number(row["es"]))
            let c = ["A", "B", "C"].compactMap { Self.number(row["es_contribution_\($0)"]) }
            if method == "cornish-fisher" {
                #expect(c.isEmpty && row["es_contribution_A"] == "")
                continue
            }
            #expect(c.count == 3, "\(method)")
            #expect(abs(c.reduce(0, +) - es) <= 1e-9 * abs(es), "\(method) \(row["confidence"] ?? "")")
            let shares = ["A", "B", "C"].compactMap { Self.number(row["es_share_\($0)"]) }
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9, "\(method)")
            // C, the largest risk (5 · 100 at 3% a day), contributes most for every method.
            #expect(c[2] > c[0] && c[2] > c[1], "\(method)")
            let v = ["A", "B", "C"].compactMap { Self.number(row["var_contribution_\($0)"]) }
            if method == "normal" {
                let valueAtRisk = try #require(Self.number(row["var"]))
                #expect(v.count == 3 && abs(v.reduce(0, +) - valueAtRisk) <= 1e-9 * valueAtRisk)
            } else {
                #expect(v.isEmpty, "\(method)")
            }
        }
        let table = try CLI.run(args)
        #expect(table.stdout.contains("Euler contributions per asset"), "\(table.stdout)")
        let normalVaR = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("normal") && $0.contains(" VaR ") })
        #expect(normalVaR.contains("%)"))
        #expect(table.stdout.contains("no contributions for cornish-fisher"))
        // Without the flag: no table, no share columns, but the amounts stay in the CSV (parity with the JSON).
        let plain = try CLI.run(Array(args.dropLast()) + ["--format", "csv"])
        let header = try #require(plain.stdout.split(separator: "\n").first)
        #expect(header.contains("es_contribution_A") && !header.contains("es_share_A"))
        let json = try CLI.json(try CLI.run(Array(args.dropLast()) + ["--format", "json"]).stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        let normal = try #require(results.first { $0["method"] as? String == "normal" })
        #expect((normal["var_contributions"] as? [String: Double])?.count == 3)
    }
}
