import Foundation
import Testing
import TailRisk

/// Issue 21 item 15: one CSV quoting rule (RFC 4180) for every CSV the CLI writes, and one
/// escaping rule for names and paths printed in tables and messages. The names below hold a
/// comma, a double quote, a backslash and a non-ASCII letter (the price reader refuses control
/// characters in names); a catalogue name holds a comma, quotes and an escape sequence.
@Suite(.tags(.cli)) struct CSVQuotingCLITests {
    static let assets = ["A,1", "B\"x", "C d\\E é", "U"]

    /// A price file of 120 days (random walks; U a stablecoin near 1), a policy, a catalogue,
    /// an account book whose account names hold a comma and a quote, and a policy with `lt:`.
    static func files() throws -> (prices: String, policy: String, catalogue: String, book: String, ltPolicy: String, dir: URL) {
        let dir = try CLI.temporaryDirectory()
        func write(_ text: String, _ name: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        var rows = ["date," + assets.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")]
        var rng = SystemRandomNumberGenerator.Seeded(seed: 7)
        var p = [100.0, 50.0, 20.0, 1.0]
        let vols = [0.03, 0.04, 0.02, 0.0005]
        for t in 0..<120 {
            let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: t, to: Date(timeIntervalSince1970: 1_641_168_000))!
            let text = ISO8601DateFormatter.string(from: day, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            rows.append(([text] + p.map { String(format: "%.6f", $0) }).joined(separator: ","))
            p = zip(p, vols).map { $0 * exp($1 * rng.normal()) }
        }
        let prices = try write(rows.joined(separator: "\n") + "\n", "odd prices.csv")
        let policy = try write("collateral: {\"A,1\": 10, \"B\\\"x\": 30, \"C d\\\\E é\": 5}\ndebt: 500\ndebt-asset: U\n", "policy.yaml")
        let catalogue = try write("- name: \"cat,one \\\"q\\\" \\e[31mred\"\n  from: 2022-01-20\n  to: 2022-02-20\n", "catalogue.yaml")
        let book = try write("account,asset,quantity\n\"acc,1\",\"A,1\",10\n\"acc,1\",U,-700\n\"acc\"\"2\",\"B\"\"x\",30\n\"acc\"\"2\",U,-1100\n",
                             "book.csv")
        let ltPolicy = try write("lt: {\"A,1\": 0.8, \"B\\\"x\": 75%}\ndebt-asset: U\n", "lt.yaml")
        return (prices, policy, catalogue, book, ltPolicy, dir)
    }

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, atStart = true
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count && s[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""; atStart = true; i += 1; continue
            } else if c == "\n" {
                record.append(field); records.append(record); record = []; field = ""; atStart = true; i += 1; continue
            } else { field.unicodeScalars.append(c) }
            atStart = false
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// Every record has the header's width; returns the records.
    @discardableResult
    static func rectangular(_ path: String, _ comment: String) throws -> [[String]] {
        let records = parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(records.count >= 2, "\(comment): \(records)")
        let width = records.first?.count ?? 0
        for r in records { #expect(r.count == width, "\(comment): \(r.count) fields, header \(width): \(r)") }
        return records
    }

    @Test func covFilesKeepTheNamesInTheirColumns() throws {
        let f = try Self.files()
        let out = f.dir.appendingPathComponent("cov").path
        let r = try CLI.run(["cov", f.prices, "--correlation", "--tail-dependence", "--df", "5", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["covariance.csv", "correlation.csv"] {
            let m = try Self.rectangular(out + "/" + name, name)
            #expect(m.first == ["asset"] + Self.assets)
            #expect(m.dropFirst().map { $0[0] } == Self.assets)
        }
        let td = try Self.rectangular(out + "/tail_dependence.csv", "tail_dependence.csv")
        #expect(Set(td.dropFirst().flatMap { [$0[0], $0[1]] }) == Set(Self.assets))
        let stdout = try CLI.run(["cov", f.prices, "--correlation", "--format", "csv"])
        let records = Self.parse(stdout.stdout)
        #expect(records.first == ["matrix", "asset"] + Self.assets && records.allSatisfy { $0.count == 2 + Self.assets.count })
        // The table prints the names and the path as they are (nothing to escape in them).
        #expect(r.stdout.contains("odd prices.csv: 4 assets") && r.stdout.contains("C d\\E é"))
    }

    @Test func haircutAndStressFilesKeepTheNamesInTheirColumns() throws {
        let f = try Self.files()
        let h = f.dir.appendingPathComponent("haircut").path
        let hr = try CLI.run(["haircut", f.prices, "--policy", f.policy, "--grid", "--scenarios", "2000", "--out", h])
        #expect(hr.status == 0, "\(hr.stderr)")
        let grid = try Self.rectangular(h + "/grid.csv", "grid.csv")
        #expect(Set(grid.dropFirst().map { $0[0] }) == Set(Self.assets.prefix(3)))
        let assets = try Self.rectangular(h + "/assets.csv", "assets.csv")
        #expect(assets.dropFirst().map { $0[0] } == Array(Self.assets.prefix(3)))

        let s = f.dir.appendingPathComponent("stress").path
        let sr = try CLI.run(["stress", f.prices, "--policy", f.policy, "--catalogue", f.catalogue, "--out", s])
        #expect(sr.status == 0, "\(sr.stderr)")
        let replays = try Self.rectangular(s + "/replays.csv", "replays.csv")
        #expect(replays.count == 2 && replays[1][0] == "cat,one \"q\" \u{1B}[31mred")
        // The table escapes the catalogue name's control character: no raw escape sequence reaches the terminal.
        #expect(!sr.stdout.unicodeScalars.contains("\u{1B}") && sr.stdout.contains("cat,one \"q\" \\x1B[31mred"), "\(sr.stdout)")
    }

    @Test func cascadeFilesKeepTheNamesInTheirColumns() throws {
        let f = try Self.files()
        let c = f.dir.appendingPathComponent("cascade").path
        let r = try CLI.run(["stress", f.prices, "--accounts", f.book, "--policy", f.ltPolicy, "--catalogue", f.catalogue,
                             "--recommend-lt", "--lt-grid", "0.6:0.8:0.1", "--scenarios", "100", "--out", c])
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let rounds = try Self.rectangular(c + "/cascade_rounds.csv", "cascade_rounds.csv")
        #expect(rounds.first?.contains("price_A,1") == true && rounds.first?.contains("sold_B\"x") == true, "\(rounds.first ?? [])")
        #expect(rounds.dropFirst().allSatisfy { $0[0] == "cat,one \"q\" \u{1B}[31mred" })
        let accounts = try Self.rectangular(c + "/cascade_accounts.csv", "cascade_accounts.csv")
        #expect(Set(accounts.dropFirst().map { $0[1] }) == ["acc,1", "acc\"2"])
        let scan = try Self.rectangular(c + "/lt_scan.csv", "lt_scan.csv")
        #expect(Set(scan.dropFirst().map { $0[0] }) == ["A,1", "B\"x"])
        #expect(!r.stdout.unicodeScalars.contains("\u{1B}"))
    }
}

extension SystemRandomNumberGenerator {
    /// A small seeded generator (SplitMix64) with Box–Muller normals, for reproducible test files.
    struct Seeded {
        var generator: SplitMix64
        init(seed: UInt64) { generator = SplitMix64(state: seed) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    }
}
