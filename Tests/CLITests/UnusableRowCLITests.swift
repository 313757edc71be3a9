import Foundation
import Testing

/// Rows the tool calls unusable are marked in the table row, carried in the
/// CSV's `unusable,notes` columns and the JSON, and written to stderr (issue 12).
@Suite(.tags(.cli)) struct UnusableRowCLITests {
    static func csvRows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            // Fields here hold no quoted commas except the last (notes): split the first n − 1.
            var fields: [String] = []
            var rest = Substring(line)
            for _ in 0..<(header.count - 1) {
                let i = rest.firstIndex(of: ",") ?? rest.endIndex
                fields.append(String(rest[..<i]))
                rest = i < rest.endIndex ? rest[rest.index(after: i)...] : ""
            }
            fields.append(String(rest))
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    /// 300 daily returns: 3 tail points at 99%, 7.5 at 97.5%.
    @Test func sparseHistoricalTailIsMarkedEverywhere() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A"], sigmas: [0.02], days: 301)
        let args = ["var", path, "--positions", "A=10", "--method", "historical"]
        let csv = try CLI.run(args + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.csvRows(csv.stdout)
        #expect(rows.count == 2)
        #expect(rows[0]["unusable"] == "true" && rows[0]["notes"]?.contains("rests on 3 of 300 losses") == true)
        #expect(rows[1]["unusable"] == "false" && rows[1]["notes"] == "")
        #expect(csv.stderr.contains("warning: unusable (historical 0.99): the ES at 0.99 rests on 3 of 300 losses"), "\(csv.stderr)")
        #expect(!csv.stderr.contains("0.975"))
        let table = try CLI.run(args)
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("historical") && $0.contains("99.0%") })
        #expect(row.hasSuffix("UNUSABLE: sparse-tail"), "\(row)")
        #expect(table.stdout.contains("unusable (historical 0.99): the ES at 0.99 rests on 3"))
        let json = try CLI.json(try CLI.run(args + ["--format", "json"]).stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results[0]["unusable"] as? Bool == true && results[0]["unusable_reasons"] as? [String] == ["sparse-tail"])
        #expect(results[1]["unusable"] as? Bool == false && (results[1]["notes"] as? [String])?.isEmpty == true)
    }

    /// Daily σ 10% over 250 steps: the delta-normal ES is about 2.67 · 1.58 ≈ 4 times the value.
    @Test func linearLossAboveTheBasketValueIsUnusable() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A"], sigmas: [0.10], days: 600)
        let r = try CLI.run(["var", path, "--positions", "A=10", "--method", "normal,historical", "--horizon", "250",
                             "--confidence", "0.9", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.csvRows(r.stdout)
        let normal = try #require(rows.first { $0["method"] == "normal" })
        #expect(normal["unusable"] == "true" && normal["notes"]?.contains("loses more than the long basket's value") == true)
        // Historical under exact P&L cannot lose more than the value, and is not flagged for it.
        let historical = try #require(rows.first { $0["method"] == "historical" })
        #expect(historical["notes"]?.contains("long basket") == false)
        #expect(r.stderr.contains("warning: unusable (normal 0.9)"), "\(r.stderr)")
    }

    /// Long 100·A against short 97·B (both priced 100 on the last day): net 3% of gross.
    @Test func percentagesOfANearZeroNetValueAreUnusable() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try SyntheticPrices.write(in: dir, assets: ["A", "B"], sigmas: [0.02, 0.02], days: 700)
        let r = try CLI.run(["var", path, "--positions", "A=100,B=-97", "--method", "historical", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try #require(try CLI.json(r.stdout)["results"] as? [[String: Any]])
        #expect(results.allSatisfy { ($0["unusable_reasons"] as? [String])?.contains("near-zero-net-value") == true })
        #expect(r.stderr.contains("near-zero-net-value") == false && r.stderr.contains("net value of 1.5% of the gross exposure"),
                "\(r.stderr)")
        let ok = try CLI.run(["var", path, "--positions", "A=100,B=-50", "--method", "historical", "--format", "json"])
        #expect(!ok.stderr.contains("warning"), "\(ok.stderr)")
    }

    @Test func cornishFisherOutOfRangeOnTheSampleBasket() throws {
        let r = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--positions-file", CLI.data("positions.csv"),
                             "--window", "1000", "--method", "cornish-fisher", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.csvRows(r.stdout)
        #expect(rows.count == 2 && rows.allSatisfy { $0["unusable"] == "true" })
        #expect(r.stderr.contains("warning: unusable (cornish-fisher 0.99, 0.975): skewness"), "\(r.stderr)")
        #expect(r.stderr.contains("warning: unusable (cornish-fisher 0.99): the modified ES expansion fell below the modified VaR"))
    }
}
