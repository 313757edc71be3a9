import Foundation
import Testing

/// Inputs people have (issue 12): quoted and semicolon CSV, pandas' index, long-file
/// aliases in any row order, names in any case, several files, returns and P&L files.
@Suite(.tags(.cli, .realData)) struct InputsCLITests {
    /// Three assets' prices over 60 days, from a fixed recurrence, with 4 decimals.
    static let prices: [[Double]] = (0..<60).map { t in
        let x = Double(t)
        return [11_000 + 400 * sin(x / 3) + 7 * x, 1_500 + 90 * cos(x / 4), 40 + 3 * sin(x / 2 + 1)]
            .map { ($0 * 10_000).rounded() / 10_000 }
    }
    static let assets = ["BTC", "ETH", "SOL"]
    static let days: [String] = (0..<60).map { t in
        let start = 19_783  // 2024-03-01
        let d = Date(timeIntervalSince1970: Double(start + t) * 86_400)
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `"11,004.2100"` in a `,` file; `11.004,2100` in a `;` file.
    static func grouped(_ v: Double, comma: Bool) -> String {
        let plain = String(format: "%.4f", v)
        let parts = plain.split(separator: ".")
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 { groups.insert(String(integer.suffix(3)), at: 0); integer.removeLast(3) }
        groups.insert(integer, at: 0)
        return comma ? groups.joined(separator: ".") + "," + parts[1] : groups.joined(separator: ",") + "." + parts[1]
    }

    static func files() throws -> (plain: String, quoted: String, semicolon: String, pandas: String, long: String, dir: URL) {
        let dir = try CLI.temporaryDirectory()
        var plain = ["date,BTC,ETH,SOL"], quoted = ["\"date\",\"BTC\",\"ETH\",\"SOL\""], semi = ["date;BTC;ETH;SOL"]
        var pandas = [",date,BTC,ETH,SOL"], long = ["timestamp,ticker,close,adj_close"]
        for (t, row) in prices.enumerated() {
            let d = days[t]
            plain.append(([d] + row.map { String(format: "%.4f", $0) }).joined(separator: ","))
            quoted.append((["\"\(d)\""] + row.map { "\"\(grouped($0, comma: false))\"" }).joined(separator: ","))
            semi.append(([d] + row.map { grouped($0, comma: true) }).joined(separator: ";"))
            pandas.append(([String(t), d] + row.map { String(format: "%.4f", $0) }).joined(separator: ","))
        }
        // Long, grouped by asset, latest first; close is a decoy the adjusted close wins over.
        for (j, name) in assets.enumerated() {
            for t in (0..<prices.count).reversed() {
                long.append("\(days[t]) 00:00:00,\(name.lowercased() == "eth" ? "eth" : name),999,\(String(format: "%.4f", prices[t][j]))")
            }
        }
        func w(_ lines: [String], _ name: String, crlf: Bool = false) throws -> String {
            try write(lines.joined(separator: crlf ? "\r\n" : "\n") + "\n", name, in: dir)
        }
        return (try w(plain, "plain.csv"), try w(quoted, "quoted.csv", crlf: true), try w(semi, "semi.csv"),
                try w(pandas, "pandas.csv"), try w(long, "long.csv"), dir)
    }

    static let basket = ["--positions", "BTC=1,ETH=2,SOL=10", "--method", "historical,normal", "--format", "json"]

    static func results(_ r: CLI.Result) throws -> [[String: Any]] {
        try #require(try CLI.json(r.stdout)["results"] as? [[String: Any]])
    }

    @Test func everyDialectGivesThePlainFilesNumbers() throws {
        let f = try Self.files()
        let reference = try CLI.run(["var", f.plain] + Self.basket)
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try Self.results(reference).map { $0["var"] as? Double }
        for path in [f.quoted, f.semicolon, f.pandas] {
            let r = try CLI.run(["var", path] + Self.basket)
            #expect(r.status == 0, "\(path): \(r.stderr)")
            #expect(try Self.results(r).map { $0["var"] as? Double } == expected, "\(path)")
        }
        // The long file names ETH in lower case: positions find it in any case.
        let long = try CLI.run(["var", f.long, "--positions", "btc=1,ETH=2,sol=10", "--method", "historical,normal", "--format", "json"])
        #expect(long.status == 0, "\(long.stderr)")
        #expect(try Self.results(long).map { $0["var"] as? Double } == expected)
        let inputs = try #require(try CLI.json(long.stdout)["inputs"] as? [[String: Any]])
        #expect(inputs.first?["value_column"] as? String == "adj_close" && inputs.first?["layout"] as? String == "long")
        #expect(inputs.first?["ignored_columns"] as? [String] == ["close (adj_close preferred)"])
    }

    @Test func theTableSaysHowEachFileWasRead() throws {
        let f = try Self.files()
        let semi = try CLI.run(["var", f.semicolon, "--positions", "BTC=1", "--method", "historical"])
        #expect(semi.stdout.contains("read \(f.semicolon): wide, \";\"-separated, \",\" decimals\n"), "\(semi.stdout)")
        let json = try CLI.json(try CLI.run(["var", f.semicolon, "--positions", "BTC=1", "--method", "historical", "--format", "json"]).stdout)
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.first?["numbers"] as? String == "decimal-comma" && inputs.first?["delimiter"] as? String == ";")
        let pandas = try CLI.run(["var", f.pandas, "--positions", "BTC=1", "--method", "historical"])
        #expect(pandas.stdout.contains("read \(f.pandas): wide, \",\"-separated, \".\" decimals; ignored: column 1 (unnamed index)\n"))
        let long = try CLI.run(["var", f.long, "--positions", "BTC=1", "--method", "historical"])
        #expect(long.stdout.contains("read \(f.long): long, \",\"-separated, \".\" decimals, prices from adj_close, "
                                     + "dates from timestamp; ignored: close (adj_close preferred)\n"), "\(long.stdout)")
    }

    @Test func errorsNameFileLineColumnAndHint() throws {
        let dir = try CLI.temporaryDirectory()
        let comma = try Self.write("date,BTC\n2024-01-01,\"1,5\"\n2024-01-02,2\n", "c.csv", in: dir)
        let r = try CLI.run(["var", comma, "--positions", "BTC=1"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr == "error: \(comma):2:2: price \"1,5\" for BTC is not a number; a \",\"-separated file writes decimals "
            + "with \".\" and \",\" only between thousands in groups of three (\"11,004.21\"); a decimal comma looks "
            + "semicolon-separated: write the file with ; between fields\n")
        let f = try Self.files()
        let unknown = try CLI.run(["var", f.plain, "--positions", "BTX=1,ETH=1"])
        #expect(unknown.status != 0 && unknown.stderr == "error: --positions: unknown asset \"BTX\" (did you mean \"BTC\"?)\n")
        let assets = try CLI.run(["cov", f.plain, "--assets", "BTC,SLO"])
        #expect(assets.status != 0 && assets.stderr == "error: --assets: unknown asset \"SLO\" (did you mean \"SOL\"?)\n")
    }

    @Test func severalFilesAreJoinedByDate() throws {
        let f = try Self.files()
        let dir = f.dir
        // BTC alone in one file, ETH and SOL (semicolon, from day 10 on) in another.
        var a = ["date,BTC"], b = ["date;ETH;SOL"]
        for (t, row) in Self.prices.enumerated() {
            a.append("\(Self.days[t]),\(String(format: "%.4f", row[0]))")
            if t >= 10 { b.append("\(Self.days[t]);\(Self.grouped(row[1], comma: true));\(Self.grouped(row[2], comma: true))") }
        }
        let pa = try Self.write(a.joined(separator: "\n") + "\n", "a.csv", in: dir)
        let pb = try Self.write(b.joined(separator: "\n") + "\n", "b.csv", in: dir)
        let two = try CLI.run(["var", pa, pb] + Self.basket + ["--from", Self.days[10]])
        let one = try CLI.run(["var", f.plain] + Self.basket + ["--from", Self.days[10]])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(try Self.results(two).map { $0["var"] as? Double } == (try Self.results(one).map { $0["var"] as? Double }))
        let inputs = try #require(try CLI.json(two.stdout)["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["file"] as? String } == [pa, pb])
        for (entry, path) in zip(inputs, [pa, pb]) { #expect(entry["sha256"] as? String == (try Self.sha256sum(path))) }
        let table = try CLI.run(["var", pa, pb, "--positions", "BTC=1,ETH=2", "--method", "historical"])
        #expect(table.stdout.contains("\nsample limited by ETH (first price \(Self.days[10])); dates lost to alignment: BTC 10\n"),
                "\(table.stdout)")
        let twice = try CLI.run(["var", pa, f.plain, "--positions", "BTC=1"])
        #expect(twice.status != 0 && twice.stderr == "error: \(f.plain):1: asset \"BTC\" is also in \(pa); "
            + "each asset must come from one file (rename or drop one column)\n")
    }

    /// The real files: BTC (7 days a week) with AAPL (5), from two files.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func cryptoAndEquityFiles() throws {
        let r = try CLI.run(["var", CLI.shared("crypto_coinmetrics_daily.csv"), CLI.shared("equity_sp500_skfolio_daily.csv"),
                             "--positions", "BTC=1,AAPL=100", "--from", "2019-01-01", "--method", "historical"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("dates lost to alignment: BTC "))
        #expect(!r.stdout.contains("AAPL 0") && r.stdout.contains("2 assets"))
    }

    static func sha256sum(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
