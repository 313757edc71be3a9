import Foundation
import TailRisk

/// How the CLI writes and finds `DIR/shard.json` (`ShardHeader`, read and checked in the library).
extension ShardHeader {
    /// The rendering, with `header_sha256` still the placeholder (`sealedText` fills it in).
    var json: JSONValue {
        .object([
            ("format", .string(Self.format)),
            ("tool", "tailrisk"),
            ("version", .string(TailRiskVersion.string)),
            ("shard", .object([("index", .integer(index)), ("count", .integer(count))])),
            ("units", .object([("first", .integer(firstUnit)), ("end", .integer(endUnit)), ("total", .integer(totalUnits)),
                               ("stream_unit", .integer(MonteCarloEngine.streamUnit))])),
            ("scenarios", .object([("run", .integer(scenarios)), ("shard", .integer(shardScenarios))])),
            ("seed", .string(String(seed))),
            ("model", .string(model)),
            ("blas_kernel", .string(kernel)),
            ("fingerprint", .string(fingerprint)),
            ("inputs", .array(inputs.map { .object([("option", .string($0.option)), ("file", .string($0.file)),
                                                    ("sha256", .string($0.sha256))]) })),
            ("arguments", .strings(arguments)),
            ("working_directory", .string(workingDirectory)),
            ("accumulator", .object([("file", .string(Self.binName)), ("bytes", .integer(accumulatorBytes)),
                                     ("sha256", .string(accumulatorSHA256 ?? ""))])),
            (Self.checksumKey, .string(Self.unsealed)),
        ])
    }

    /// The text of `shard.json`: `json` rendered, its own SHA-256 filled in.
    var sealedText: String { Self.sealed(json.rendered() + "\n") }

    /// Reads and checks `DIR/shard.json`; errors name the file.
    static func read(directory: String) throws -> ShardHeader {
        let path = directory + "/" + jsonName
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path: path, maximumBytes: maximumBytes) } catch {
            var reason = TailRiskError.reason(of: error)
            if case let .file(_, _, _, message)? = error as? TailRiskError { reason = message }
            throw CLIError("\(path): no readable shard header (\(reason)); is \(directory) a directory written by simulate --shard?")
        }
        do { return try parse(bytes) } catch {
            throw CLIError("\(path): not a usable shard header: \(error)")
        }
    }

    /// The arguments of a `simulate` command line without `--shard` and `--out` (and their values).
    static func runArguments(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for a in arguments {
            if skipNext { skipNext = false; continue }
            if a == "--shard" || a == "--out" { skipNext = true; continue }
            if a.hasPrefix("--shard=") || a.hasPrefix("--out=") { continue }
            kept.append(a)
        }
        return kept
    }
}

/// `--shard i/N`: the i-th of N contiguous unit ranges, 1 ≤ i ≤ N.
struct ShardSpec: Equatable {
    let index: Int
    let count: Int
    static let maxShards = ShardHeader.maxShards

    static func parse(_ text: String) throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i),
              n <= ShardSpec.maxShards else {
            throw CLIError("--shard: \(ErrorQuoting.quoted(text)) is not i/N with 1 ≤ i ≤ N ≤ \(ShardSpec.maxShards) (e.g. 2/8)")
        }
        return ShardSpec(index: i, count: n)
    }
}

extension ShardHeader {
    /// Commits `DIR/shard.bin` (`bytes`) and `DIR/shard.json` (this header) as one set, then
    /// prints the header (`--format json`) or one line naming the files, the units and how
    /// many scenarios (`drawn`: "scenarios" or "shocks") the shard holds.
    func write(_ bytes: [UInt8], to directory: OutputDirectory, named out: String, format: OutputFormat,
               drawn: String) throws {
        let text = sealedText
        try directory.commit(data: [(ShardHeader.binName, bytes), (ShardHeader.jsonName, Array(text.utf8))])
        switch format {
        case .json: print(text, terminator: "")
        case .table, .csv:
            print("wrote \(ErrorQuoting.visible(out))/: \(ShardHeader.binName) (shard \(index)/\(count): units "
                + (firstUnit == endUnit ? "none" : "\(firstUnit)…\(endUnit - 1)")
                + " of \(totalUnits), \(shardScenarios) \(drawn), \(bytes.count) bytes), \(ShardHeader.jsonName)")
        }
    }
}
