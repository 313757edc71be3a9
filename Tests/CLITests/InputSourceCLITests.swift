import Foundation
import Testing

/// Issue 21 items 19 and 20: `cov --input returns` applies `var`'s return bound, and errors
/// name the input the user gave (the flag typed, or the file and line), not a flag nobody typed.
@Suite(.tags(.cli)) struct InputSourceCLITests {
    /// 200 days of BTC, ETH (random walks near 100 and 50) and USDC (near 1).
    static func prices(in dir: URL) throws -> String {
        var rng = SystemRandomNumberGenerator.Seeded(seed: 11)
        var rows = ["date,BTC,ETH,USDC"], p = [100.0, 50.0, 1.0]
        for t in 0..<200 {
            rows.append(([Self.day(t)] + p.map { String(format: "%.6f", $0) }).joined(separator: ","))
            p = zip(p, [0.03, 0.04, 0.0005]).map { $0 * exp($1 * rng.normal()) }
        }
        return try write(rows.joined(separator: "\n") + "\n", "prices.csv", in: dir)
    }

    static func day(_ t: Int) -> String {
        let d = Calendar(identifier: .gregorian).date(byAdding: .day, value: t, to: Date(timeIntervalSince1970: 1_577_836_800))!
        return ISO8601DateFormatter.string(from: d, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func refused(_ r: CLI.Result) -> Bool {
        r.status != 0 && !r.signalled && r.stdout.isEmpty && r.stderr.hasPrefix("error: ")
    }

    /// Item 19: a log return of 16 (×8.9 million in a day) in a returns file is refused by cov as by var.
    @Test func covAppliesTheReturnBound() throws {
        let dir = try CLI.temporaryDirectory()
        var rng = SystemRandomNumberGenerator.Seeded(seed: 5)
        var rows = ["date,BTC,ETH"]
        for t in 0..<60 { rows.append("\(Self.day(t)),\(t == 30 ? 16 : 0.03 * rng.normal()),\(0.04 * rng.normal())") }
        let bad = try Self.write(rows.joined(separator: "\n") + "\n", "returns.csv", in: dir)
        let cov = try CLI.run(["cov", bad, "--input", "returns"])
        let var_ = try CLI.run(["var", bad, "--input", "returns", "--weights", "BTC=0.5,ETH=0.5", "--value", "1000", "--method", "normal"])
        for r in [cov, var_] {
            #expect(Self.refused(r) && r.stderr.contains("BTC") && r.stderr.contains(Self.day(30)) && r.stderr.contains("ln 10⁶"),
                    "\(r.stderr)")
        }
        rows[31] = "\(Self.day(30)),0.01,0.02"
        let good = try Self.write(rows.joined(separator: "\n") + "\n", "returns-ok.csv", in: dir)
        #expect(try CLI.run(["cov", good, "--input", "returns"]).status == 0)
    }

    /// Item 20: a `--shock` name in another case than the collateral's is that asset (not "--assets:
    /// listed twice"); an unknown one is blamed on --shock.
    @Test func shockNamesAreTheShocksOwn() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try Self.prices(in: dir)
        let base = ["stress", prices, "--collateral", "BTC=10", "--debt", "USDC=500"]
        let lower = try CLI.run(base + ["--shock", "btc=-30%", "--format", "json"])
        let upper = try CLI.run(base + ["--shock", "BTC=-30%", "--format", "json"])
        #expect(lower.status == 0 && upper.status == 0, "\(lower.stderr)")
        #expect(!lower.stderr.contains("--assets"))
        let lowerShocks = try CLI.json(lower.stdout)["shocks"] as? [[String: Any]]
        let upperShocks = try CLI.json(upper.stdout)["shocks"] as? [[String: Any]]
        #expect(lowerShocks?.first?["loss"] as? Double == upperShocks?.first?["loss"] as? Double && lowerShocks?.first?["loss"] != nil,
                "\(lower.stdout.prefix(600))")
        let unknown = try CLI.run(base + ["--shock", "FOO=-30%", "--conditional"])
        #expect(Self.refused(unknown) && unknown.stderr.hasPrefix("error: --shock: unknown asset \"FOO\""), "\(unknown.stderr)")
    }

    /// Item 20: a scenario file's bad shock is blamed on the file and line, not on --shock.
    @Test func scenarioFileErrorsNameTheFileAndLine() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try Self.prices(in: dir)
        let file = try Self.write("- name: fine\n  shock: ETH=-20%\n- name: typo\n  shock: FOO=-30%\n", "shocks.yaml", in: dir)
        let r = try CLI.run(["stress", prices, "--collateral", "BTC=10", "--debt", "USDC=500", "--scenario-file", file])
        #expect(Self.refused(r) && r.stderr.hasPrefix("error: \(file):4: unknown asset \"FOO\""), "\(r.stderr)")
        #expect(!r.stderr.contains("--shock"))
    }

    /// Item 20: a book whose collateral is worth more than 10¹⁸ is blamed on the book, not --collateral.
    @Test func accountBookErrorsNameTheBook() throws {
        let dir = try CLI.temporaryDirectory()
        let prices = try Self.prices(in: dir)
        let book = try Self.write("account,asset,quantity\nx,BTC,1e17\nx,USDC,-1000\n", "book.csv", in: dir)
        let r = try CLI.run(["stress", prices, "--accounts", book, "--lt", "BTC=0.8", "--shock", "BTC=-10%"])
        #expect(Self.refused(r) && r.stderr.hasPrefix("error: \(book): ") && r.stderr.contains("1e18"), "\(r.stderr)")
        #expect(!r.stderr.contains("--collateral"))
    }

    /// Item 20: a P&L file whose columns reach 10¹⁸ is blamed on the file, not --positions.
    @Test func pnlFileErrorsNameTheFile() throws {
        let dir = try CLI.temporaryDirectory()
        var rng = SystemRandomNumberGenerator.Seeded(seed: 3)
        let rows = ["date,X,Y"] + (0..<60).map { "\(Self.day($0)),\(1e18 * rng.normal()),\(1e3 * rng.normal())" }
        let pnl = try Self.write(rows.joined(separator: "\n") + "\n", "pnl.csv", in: dir)
        for command in [["var", pnl, "--input", "pnl", "--method", "historical"],
                        ["backtest", pnl, "--input", "pnl", "--method", "historical", "--window", "30"]] {
            let r = try CLI.run(command)
            #expect(Self.refused(r) && r.stderr.hasPrefix("error: \(pnl): X:") && !r.stderr.contains("--positions"), "\(r.stderr)")
        }
    }
}
