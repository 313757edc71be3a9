import Foundation
import Testing

/// Edge cases found by a bad-input sweep: each must fail cleanly or succeed sensibly, never crash.
@Suite("tailrisk var edge cases", .tags(.cli))
struct VarEdgeCaseCLITests {
    static func file(_ name: String, _ text: String) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let prices = """
        date,A,B,C
        2020-01-01,100,50,7
        2020-01-02,101,49,7
        2020-01-03,99,51,7
        2020-01-04,102,50.5,7
        2020-01-05,100.5,52,7
        2020-01-06,103,51,7

        """

    func expectCleanFailure(_ r: CLI.Result, startsWith expected: String) {
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect((1...2).contains(r.stderr.split(separator: "\n").count), "\(r.stderr)")
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
    }

    @Test func hugeAmountsPrintInExponentForm() throws {
        let path = try Self.file("p.csv", Self.prices)
        let r = try CLI.run(["var", path, "--weights", "A=0.5,B=0.5", "--value", "1e17", "--method", "historical,normal"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1.000e17"))
    }

    @Test func constantPricesAreNamed() throws {
        let path = try Self.file("p.csv", Self.prices)
        expectCleanFailure(try CLI.run(["var", path, "--positions", "A=1,C=1"]),
                           startsWith: "error: insufficient data: C has constant prices from 2020-01-01 to 2020-01-06")
    }

    @Test func aBasketWorthNothingIsRefused() throws {
        let path = try Self.file("p.csv", Self.prices)
        expectCleanFailure(try CLI.run(["var", path, "--positions", "A=0,B=0"]),
                           startsWith: "error: --positions: every position is worth 0")
    }

    @Test func aWeightsFileNeedsAValue() throws {
        let path = try Self.file("p.csv", Self.prices)
        let weights = try Self.file("w.csv", "asset,weight\nA,0.5\nB,0.5\n")
        expectCleanFailure(try CLI.run(["var", path, "--positions-file", weights]),
                           startsWith: "error: --positions-file: \(weights) lists weights (header asset,weight)")
        let r = try CLI.run(["var", path, "--positions-file", weights, "--value", "1000", "--method", "normal",
                             "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try CLI.json(r.stdout)["basket"] as? [String: Any])?["value"] as? Double == 1000)
    }

    @Test func aShortBookIsMeasuredAgainstItsGrossExposure() throws {
        let path = try Self.file("p.csv", Self.prices)
        let r = try CLI.run(["var", path, "--positions", "A=-1", "--method", "normal", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let basket = try #require(json["basket"] as? [String: Any])
        #expect((basket["fractions_of"] as? String)?.hasPrefix("gross exposure") == true)
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        let v = try #require(result["var"] as? Double), f = try #require(result["var_fraction"] as? Double)
        #expect(abs(f - v / 103) < 1e-12)
    }

    @Test func subnormalPricesAreRefusedWhereTheyStand() throws {
        let path = try Self.file("p.csv", "date,A\n2020-01-01,1e-320\n2020-01-02,1\n2020-01-03,2\n")
        expectCleanFailure(try CLI.run(["var", path, "--positions", "A=1"]),
                           startsWith: "error: \(path):2:2: price \"1e-320\" for A is too small to take log returns of")
    }

    @Test func anUnwritableOutputLeavesStdoutEmpty() throws {
        let path = try Self.file("p.csv", Self.prices)
        expectCleanFailure(try CLI.run(["var", path, "--positions", "A=1", "--method", "normal", "--out", "/proc/tailrisk-x"]),
                           startsWith: "error: --out: cannot create directory /proc/tailrisk-x")
    }
}
