import Foundation
import Testing

/// Inputs from a pipe, and hostile inputs: each run either works or fails with one short
/// line that names the problem, never a crash, a trace or a wall of echoed input.
@Suite("hostile inputs", .tags(.cli))
struct HostileInputCLITests {
    /// 300 days of two smooth, deterministic price paths (no fixture needed).
    static let prices: String = {
        var text = "date,A,B\n"
        for (t, date) in days(from: 18_262, count: 300).enumerated() {  // from 2020-01-01
            let a = 100 * exp(0.02 * sin(Double(t) * 1.3) + 0.001 * Double(t))
            let b = 50 * exp(0.03 * cos(Double(t) * 0.7))
            text += "\(date),\(a),\(b)\n"
        }
        return text
    }()

    /// `YYYY-MM-DD` of `count` consecutive days from a day count since 1970-01-01
    /// (Foundation's calendar, not the library's).
    static func days(from start: Int, count: Int) -> [String] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return (0..<count).map { formatter.string(from: Date(timeIntervalSince1970: Double(start + $0) * 86_400)) }
    }

    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs `executable` (the built binary by default) with `input`, if any, written into
    /// its standard input through a pipe.
    static func run(_ arguments: [String], stdin input: [UInt8]? = nil,
                    executable: URL = CLI.binary) throws -> CLI.Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            let writer = Thread {
                inPipe.fileHandleForWriting.write(Data(input))
                try? inPipe.fileHandleForWriting.close()
            }
            writer.start()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The JSON of `value`, keys sorted, for comparing two reports' parts.
    static func canonical(_ value: Any?) throws -> Data {
        try JSONSerialization.data(withJSONObject: try #require(value), options: [.sortedKeys])
    }

    /// A JSON report without what names the run rather than its result.
    static func comparable(_ json: String) throws -> Data {
        var object = try CLI.json(json)
        object["command"] = nil
        object["seconds"] = nil
        var input = object["input"] as? [String: Any] ?? [:]
        input["file"] = nil
        object["input"] = input
        object["inputs"] = (object["inputs"] as? [[String: Any]])?.map { entry -> [String: Any] in
            var entry = entry
            entry["file"] = nil
            return entry
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    func expectCleanFailure(_ r: CLI.Result, startsWith expected: String, sourceFile: String = #filePath, line: Int = #line) {
        let location = SourceLocation(fileID: #fileID, filePath: sourceFile, line: line, column: 1)
        #expect(r.status == 1, "\(r.stderr.prefix(500))", sourceLocation: location)
        #expect(r.stdout.isEmpty, sourceLocation: location)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr.prefix(500))", sourceLocation: location)
        #expect(r.stderr.count < 400, "\(r.stderr.prefix(500))", sourceLocation: location)
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr.prefix(500))", sourceLocation: location)
    }

    @Test func pricesPipedIntoDevStdinGiveTheFilesResults() throws {
        let path = try Self.file("p.csv", Array(Self.prices.utf8))
        let arguments = ["--positions", "A=1,B=2", "--method", "historical,normal,cornish-fisher", "--format", "json"]
        let fromFile = try CLI.run(["var", path] + arguments)
        let fromPipe = try Self.run(["var", "/dev/stdin"] + arguments, stdin: Array(Self.prices.utf8))
        #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromPipe.stderr)")
        #expect(try Self.comparable(fromFile.stdout) == Self.comparable(fromPipe.stdout))
        #expect(try (CLI.json(fromPipe.stdout)["input"] as? [String: Any])?["file"] as? String == "/dev/stdin")
        let cov = try Self.run(["cov", "/dev/stdin", "--format", "json"], stdin: Array(Self.prices.utf8))
        #expect(cov.status == 0, "\(cov.stderr)")
    }

    @Test func aPositionsFileCanBePiped() throws {
        let path = try Self.file("p.csv", Array(Self.prices.utf8))
        let r = try Self.run(["var", path, "--positions-file", "/dev/stdin", "--method", "normal", "--format", "json"],
                             stdin: Array("asset,quantity\nA,1\nB,2\n".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let direct = try CLI.run(["var", path, "--positions", "A=1,B=2", "--method", "normal", "--format", "json"])
        #expect(try Self.canonical(CLI.json(r.stdout)["results"]) == Self.canonical(CLI.json(direct.stdout)["results"]))
    }

    @Test func anEmptyPipeIsAnEmptyFile() throws {
        expectCleanFailure(try Self.run(["var", "/dev/stdin", "--positions", "A=1"], stdin: []),
                           startsWith: "error: /dev/stdin: the file is empty")
    }

    /// A megabyte line and raw binary are quoted in a few dozen characters, escaped.
    @Test func errorsQuoteAShortEscapedPartOfTheField() throws {
        let huge = Array("date,A\n2020-01-01,".utf8) + [UInt8](repeating: UInt8(ascii: "9"), count: 1 << 20) + Array("x\n".utf8)
        expectCleanFailure(try CLI.run(["var", Self.file("huge.csv", huge), "--positions", "A=1"]),
                           startsWith: "error: ")
        let binary = Array("date,A\n2020-01-01,".utf8) + [0, 1, 2, 0xFF, 0x1B, 0x5B, 0x33, 0x31, 0x6D] + Array("\n".utf8)
        let path = try Self.file("binary.csv", binary)
        let r = try CLI.run(["var", path, "--positions", "A=1"])
        expectCleanFailure(r, startsWith: #"error: \#(path):2:2: price "\x00\x01\x02\xFF\x1B[31m" for A is not a number"#)
        #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{0}"))
    }

    /// 10,000 assets: an unknown one is refused with ten of the names.
    @Test func anUnknownAssetAmongManyListsTen() throws {
        let names = (0..<10_000).map { "A\($0)" }
        let text = "date," + names.joined(separator: ",") + "\n2020-01-01," + names.map { _ in "1" }.joined(separator: ",")
            + "\n2020-01-02," + names.map { _ in "2" }.joined(separator: ",") + "\n"
        let path = try Self.file("wide.csv", Array(text.utf8))
        expectCleanFailure(try CLI.run(["var", path, "--positions", "NOPE=1"]),
                           startsWith: "error: --positions: unknown asset \"NOPE\" (\(path) has: "
                               + "A0, A1, A2, A3, A4, A5, A6, A7, A8, A9 and 9990 more)")
    }

    /// No-break spaces and a vertical tab around header names are not part of them.
    @Test func unicodeSpacesInTheHeaderAreTrimmed() throws {
        let text = Self.prices.replacingOccurrences(of: "date,A,B\n", with: "date\u{A0},\u{A0}A\u{3000},\u{0B}B\u{A0}\n")
        let path = try Self.file("nbsp.csv", Array(text.utf8))
        let r = try CLI.run(["var", path, "--positions", "A=1,B=2", "--method", "normal", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try CLI.json(r.stdout)["assets"] as? [String] == ["A", "B"])
    }

    /// The long file that once asked for a 28.8 GB table runs under a 2 GB address-space limit.
    @Test func aDiagonalLongFileRunsInBoundedMemory() throws {
        var text = "date,asset,price\n"
        for (i, date) in Self.days(from: -25_567, count: 60_000).enumerated() { text += "\(date),X\(i),100\n" }  // from 1900-01-01
        let path = try Self.file("diagonal.csv", Array(text.utf8))
        func limited(_ arguments: [String]) throws -> CLI.Result {
            try Self.run(["-c", "ulimit -v 2000000 && exec \"$0\" \"$@\"", CLI.binary.path] + arguments,
                         executable: URL(fileURLWithPath: "/bin/sh"))
        }
        expectCleanFailure(try limited(["var", path, "--positions", "X1=1"]),
                           startsWith: "error: insufficient data: X1: 0 common returns from 1900-01-01 to 2064-04-09")
        // Every asset at once: refused by the covariance's basket limit before any table is built.
        for extra in [[], ["--estimator", "pairwise"]] {
            expectCleanFailure(try limited(["cov", path] + extra),
                               startsWith: "error: --assets: 60000 assets exceed the largest basket a covariance is estimated")
        }
    }

    @Test(arguments: ["0x1p3", "nan", "inf", "1e400"])
    func positionsTakeDecimalNumbersOnly(amount: String) throws {
        let path = try Self.file("p.csv", Array(Self.prices.utf8))
        expectCleanFailure(try CLI.run(["var", path, "--positions", "A=\(amount)"]),
                           startsWith: "error: --positions: amount \"\(amount)\" for A is not")
        expectCleanFailure(try CLI.run(["var", path, "--weights", "A=\(amount),B=0.5", "--value", "100"]),
                           startsWith: "error: --weights: amount \"\(amount)\" for A is not")
    }

    /// The reported policy file (`#`, CR, 5,000 `[`) is refused at its line 2.
    @Test func aPolicyFileHidingItsNestingIsRefused() throws {
        let prices = try Self.file("p.csv", Array(Self.prices.utf8))
        let policy = try Self.file("policy.yaml", Array("#\r".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 5_000))
        expectCleanFailure(try CLI.run(["haircut", prices, "--policy", policy, "--collateral", "A=1"]),
                           startsWith: "error: \(policy):2: nesting deeper than 64 levels")
    }
}
