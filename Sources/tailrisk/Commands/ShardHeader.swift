import Foundation
import TailRisk

/// `DIR/shard.json`, the small header beside a shard's accumulator
/// (`DIR/shard.bin`, `TailAccumulator.encoded()`): what `tailrisk merge` needs
/// to re-run the simulation's inputs and to check that shards belong together.
///
/// It records the `simulate` arguments without `--shard` and `--out` (merge
/// parses them again), each input file with its SHA-256, the model, seed and
/// scenario count, the shard's place (`i` of `N`, units `[first, end)` of
/// `total`), the BLAS kernel, the run fingerprint and the accumulator's size.
struct ShardHeader {
    static let jsonName = "shard.json"
    static let binName = "shard.bin"
    static let format = "tailrisk-shard 1"

    struct Input: Equatable {
        var option: String
        var file: String
        var sha256: String
    }

    var arguments: [String]
    var workingDirectory: String
    var inputs: [Input]
    var model: String
    var seed: UInt64
    var scenarios: Int
    var index: Int
    var count: Int
    var firstUnit: Int
    var endUnit: Int
    var totalUnits: Int
    var shardScenarios: Int
    var kernel: String
    var fingerprint: String
    var accumulatorBytes: Int

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
            ("accumulator", .object([("file", .string(Self.binName)), ("bytes", .integer(accumulatorBytes))])),
        ])
    }

    /// Reads `DIR/shard.json`; errors name the file.
    static func read(directory: String) throws -> ShardHeader {
        let path = directory + "/" + jsonName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): no shard header (is \(directory) a directory written by simulate --shard?)")
        }
        func bad(_ what: String) -> CLIError { CLIError("\(path): not a shard header: \(what)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw bad("not a JSON object") }
        guard object["format"] as? String == format else { throw bad("format is not \(format)") }
        func int(_ o: [String: Any]?, _ key: String) throws -> Int {
            guard let n = o?[key] as? NSNumber else { throw bad("no integer \(key)") }
            return n.intValue
        }
        let shard = object["shard"] as? [String: Any], units = object["units"] as? [String: Any]
        let scenarios = object["scenarios"] as? [String: Any]
        guard let arguments = object["arguments"] as? [String], let model = object["model"] as? String,
              let seedText = object["seed"] as? String, let seed = UInt64(seedText),
              let kernel = object["blas_kernel"] as? String, let fingerprint = object["fingerprint"] as? String,
              let cwd = object["working_directory"] as? String,
              let inputList = object["inputs"] as? [[String: Any]] else { throw bad("a field is missing") }
        let inputs = try inputList.map { o -> Input in
            guard let option = o["option"] as? String, let file = o["file"] as? String, let sha = o["sha256"] as? String else {
                throw bad("an input lacks option, file or sha256")
            }
            return Input(option: option, file: file, sha256: sha)
        }
        let accumulator = object["accumulator"] as? [String: Any]
        return ShardHeader(arguments: arguments, workingDirectory: cwd, inputs: inputs, model: model, seed: seed,
                           scenarios: try int(scenarios, "run"), index: try int(shard, "index"),
                           count: try int(shard, "count"), firstUnit: try int(units, "first"),
                           endUnit: try int(units, "end"), totalUnits: try int(units, "total"),
                           shardScenarios: try int(scenarios, "shard"), kernel: kernel, fingerprint: fingerprint,
                           accumulatorBytes: try int(accumulator, "bytes"))
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
    /// More shards than this would be mostly empty (a unit is 4096 scenarios).
    static let maxShards = 1_000_000

    static func parse(_ text: String) throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i),
              n <= ShardSpec.maxShards else {
            throw CLIError("--shard: \(ErrorQuoting.quoted(text)) is not i/N with 1 ≤ i ≤ N ≤ \(ShardSpec.maxShards) (e.g. 2/8)")
        }
        return ShardSpec(index: i, count: n)
    }
}
