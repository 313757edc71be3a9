import Foundation
import Testing

/// One report writer (issue 22): a report's row fields are declared once (`ReportColumn`) and the
/// table, CSV, JSON and `--out` files render from that. What a user can see of it: a CSV row and
/// the JSON object of the same row hold the same values under the same names, and every CSV file
/// goes through one quoting rule (the cascade's outcome file used to join names raw).
@Suite(.tags(.cli, .realData)) struct ReportWriterCLITests {
    /// The CSV records of `text` as dictionaries keyed by the header.
    static func records(_ text: String) -> [[String: String]] {
        let rows = CSVQuotingCLITests.parse(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    /// Every CSV column that is also a key of the JSON rows holds the same value, row for row:
    /// numbers equal as parsed doubles (both print the shortest round-trip text of one `Double`; to
    /// 1e-13 relative, as the test's JSON reader rounds),
    /// booleans and texts as written, JSON null as an empty cell. Returns how many cells were compared.
    @discardableResult
    static func expectSameRows(csv: String, json: [[String: Any]], _ comment: String) -> Int {
        let rows = records(csv)
        #expect(rows.count == json.count, "\(comment): \(rows.count) CSV rows, \(json.count) JSON rows")
        var compared = 0
        for (i, (row, object)) in zip(rows, json).enumerated() {
            for (key, cell) in row {
                guard let value = object[key] else { continue }
                compared += 1
                if value is NSNull {
                    #expect(cell == "", "\(comment) row \(i) \(key): \(cell) vs null")
                } else if let s = value as? String {
                    #expect(cell == s, "\(comment) row \(i) \(key): \(cell) vs \(s)")
                } else if let a = value as? [String] {
                    #expect(cell == a.joined(separator: " | "), "\(comment) row \(i) \(key)")
                } else if cell == "true" || cell == "false" {
                    #expect((value as? Bool) == (cell == "true"), "\(comment) row \(i) \(key): \(cell) vs \(value)")
                } else if let n = value as? NSNumber {
                    // Foundation's JSON reader on Linux is not correctly rounded (last 1–3 ulps): 1e-13 relative.
                    let x = Double(cell) ?? .nan, y = n.doubleValue
                    #expect(x == y || abs(x - y) <= 1e-13 * max(abs(x), abs(y)), "\(comment) row \(i) \(key): \(cell) vs \(n)")
                } else {
                    Issue.record("\(comment) row \(i) \(key): unexpected JSON value \(value)")
                }
            }
        }
        return compared
    }

    static func prices(_ dir: URL) throws -> String {
        try SyntheticPrices.write(in: dir, assets: ["A", "B", "U"], sigmas: [0.02, 0.03, 0.0005], days: 400)
    }

    @Test("var: the CSV rows are the JSON's results, with the contribution columns of its objects")
    func varRows() throws {
        let path = try Self.prices(try CLI.temporaryDirectory())
        let base = ["var", path, "--positions", "A=1,B=2", "--method", "historical,normal,monte-carlo", "--scenarios", "4000",
                    "--contributions"]
        let csv = try CLI.run(base + ["--format", "csv"]), json = try CLI.run(base + ["--format", "json"])
        #expect(csv.status == 0 && json.status == 0, "\(csv.stderr)\(json.stderr)")
        let results = try #require(try CLI.json(json.stdout)["results"] as? [[String: Any]])
        #expect(Self.expectSameRows(csv: csv.stdout, json: results, "var") >= 3 * 8)
        // The per-asset columns are the JSON's objects, and the shares their ratio to the ES.
        for (row, object) in zip(Self.records(csv.stdout), results) {
            guard let c = object["es_contributions"] as? [String: Double], let es = object["es"] as? Double else { continue }
            for (asset, x) in c {
                let cell = Double(row["es_contribution_\(asset)"] ?? "") ?? .nan
                let share = Double(row["es_share_\(asset)"] ?? "") ?? .nan
                #expect(abs(cell - x) <= 1e-13 * abs(x), "\(asset): \(cell) vs \(x)")
                #expect(abs(share - x / es) <= 1e-12 * abs(x / es), "\(asset): \(share) vs \(x / es)")
            }
        }
    }

    @Test("backtest, haircut and stress: the CSV rows are the JSON's rows")
    func collateralAndBacktestRows() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.prices(dir)
        let backtest = ["backtest", path, "--positions", "A=1,B=2", "--method", "historical,normal", "--window", "250"]
        let bj = try CLI.json(try CLI.run(backtest + ["--format", "json"]).stdout)
        Self.expectSameRows(csv: try CLI.run(backtest + ["--format", "csv"]).stdout,
                            json: try #require(bj["tests"] as? [[String: Any]]), "backtest")

        let haircut = ["haircut", path, "--collateral", "A=10,B=20", "--debt", "U=500", "--scenarios", "2000"]
        let hj = try CLI.json(try CLI.run(haircut + ["--format", "json"]).stdout)
        #expect(Self.expectSameRows(csv: try CLI.run(haircut + ["--format", "csv"]).stdout,
                                    json: try #require(hj["assets"] as? [[String: Any]]), "haircut") >= 2 * 12)

        let catalogue = dir.appendingPathComponent("windows.yaml").path
        try "- name: first, with a comma\n  from: 2020-03-01\n  to: 2020-04-15\n- name: second\n  from: 2020-06-01\n  to: 2020-07-01\n"
            .write(toFile: catalogue, atomically: true, encoding: .utf8)
        let stress = ["stress", path, "--collateral", "A=10,B=20", "--debt", "U=500", "--lt", "A=0.8,B=0.8",
                      "--catalogue", catalogue]
        let sr = try CLI.run(stress + ["--format", "json"])
        #expect(sr.status == 0, "\(sr.stderr)")
        let replays = try #require(try CLI.json(sr.stdout)["replays"] as? [[String: Any]])
        #expect(Self.expectSameRows(csv: try CLI.run(stress + ["--format", "csv"]).stdout, json: replays, "stress") >= 2 * 14)
    }

    @Test("cascade_outcomes.csv keeps a shock name with a comma in its column")
    func cascadeOutcomesQuoteNames() throws {
        let f = try CSVQuotingCLITests.files()
        let c = f.dir.appendingPathComponent("cascade").path
        let r = try CLI.run(["stress", f.prices, "--accounts", f.book, "--policy", f.ltPolicy, "--catalogue", f.catalogue,
                             "--out", c])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let outcomes = try CSVQuotingCLITests.rectangular(c + "/cascade_outcomes.csv", "cascade_outcomes.csv")
        #expect(outcomes.first?.first == "shock" && outcomes.count >= 2)
        #expect(outcomes.dropFirst().allSatisfy { $0[0] == "cat,one \"q\" \u{1B}[31mred" }, "\(outcomes)")
    }
}
