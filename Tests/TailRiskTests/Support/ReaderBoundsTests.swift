import Foundation
import Testing
@testable import TailRisk

/// Each reader bounds what it reads and allocates before it checks the content (issue 21,
/// "Keep it that way": what the fuzz targets of Fuzz/ hold the readers to), and its
/// refusals name the file for what it is.
@Suite struct ReaderBoundsTests {
    /// A file of `size` bytes that takes no disk (a hole): the readers refuse it from its size.
    static func sparseFile(size: Int, name: String) throws -> String {
        let path = try TemporaryFiles.write([UInt8](), name: name)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return path
    }

    static func message(_ body: () throws -> Any) -> String {
        switch TemporaryFiles.error(body) {
        case let .file(_, _, _, message)?: return message
        case let error?: return error.description
        case nil: return "no error"
        }
    }

    @Test func aRunFileIsReadToOneMebibyteAndCalledARunFile() throws {
        let path = try Self.sparseFile(size: 2 << 20, name: "run.yaml")
        let read = Self.message { try RunFile.read(path: path) }
        #expect(read.contains("\(RunFile.maximumBytes) bytes") && !read.contains("policy"), "\(read)")
        // Bytes handed over whole are measured before they are decoded (these are not UTF-8).
        let bytes = [UInt8](repeating: 0xFF, count: RunFile.maximumBytes + 1)
        let parsed = Self.message { try RunFile.parse(bytes, source: "run.yaml") }
        #expect(parsed == "the run file has \(bytes.count) bytes, more than the \(RunFile.maximumBytes) allowed; "
                + "a run file is a few lines")
    }

    @Test func nestingRefusalsDescribeTheFileAtHand() {
        let deep = String(repeating: "[", count: HaircutPolicy.maximumBrackets + 1)
        let cases: [(String, () throws -> Any)] = [
            ("a catalogue is a list of windows", { try StressCatalogue.parse(yaml: deep, source: "c.yaml") }),
            ("a scenario file is a list of shocks", { try ShockScenarioFile.parse(yaml: deep, source: "s.yaml") }),
            ("a run file is a flat mapping of flag names", { try RunFile.parse(Array(deep.utf8), source: "r.yaml") }),
            ("a policy file is a flat mapping", { try HaircutPolicy.parse(yaml: deep, source: "p.yaml") }),
        ]
        for (shape, body) in cases {
            let message = Self.message(body)
            #expect(message.contains(shape), "\(message)")
        }
    }

    @Test func aShockNamesAtMostTheLargestFittedBasket() throws {
        let limit = HypotheticalShock.maximumAssets
        let entries = (0...limit).map { "A\($0)=-1%" }
        #expect(try HypotheticalShock.parse(entries.dropLast().joined(separator: ",")).count == limit)
        #expect(throws: TailRiskError.invalidParameter(
            .shock, message: "\(limit + 1) entries; a shock names at most \(limit) assets, "
                + "the largest basket a covariance is fitted for")) {
            try HypotheticalShock.parse(entries.joined(separator: ","))
        }
        // In a scenario file, at the shock's line.
        let yaml = "- name: x\n  shock: " + entries.joined(separator: ",") + "\n"
        let error = TemporaryFiles.error { try ShockScenarioFile.parse(yaml: yaml, source: "s.yaml") }
        guard case let .file("s.yaml", 2, _, message)? = error else {
            Issue.record("expected an error at s.yaml:2, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("shock: \(limit + 1) entries"))
    }

    @Test func aShockStillFindsARepeatedAssetAmongMany() {
        let entries = (0..<1500).map { "A\($0)=1%" } + ["A7=2%"]
        #expect(throws: TailRiskError.invalidParameter(.shock, message: "A7 is shocked twice")) {
            try HypotheticalShock.parse(entries.joined(separator: ","))
        }
    }

    @Test func liquidityAndPositionsFilesAreReadToSixteenMebibytes() throws {
        #expect(LiquidityTable.maximumFileBytes == 16 << 20 && PositionSpec.maximumFileBytes == 16 << 20)
        let size = (16 << 20) + 1
        let liquidity = try Self.sparseFile(size: size, name: "liquidity.csv")
        let positions = try Self.sparseFile(size: size, name: "positions.csv")
        let refusal = "the file is larger than \(16 << 20) bytes, the most this tool reads"
        #expect(Self.message { try LiquidityTable.read(path: liquidity) } == refusal)
        #expect(Self.message { try PositionSpec.read(path: positions) } == refusal)
    }
}
