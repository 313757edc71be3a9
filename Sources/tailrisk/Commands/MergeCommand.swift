import ArgumentParser
import Foundation
import TailRisk

/// `tailrisk merge DIR… --out DIR`: the shards of one `simulate --shard i/N`
/// run (or of one `stress --accounts --monte-carlo --shard i/N` cascade run)
/// merged into exactly what the unsharded run's `--out` writes.
///
/// Each shard directory holds `shard.json` (`ShardHeader`) and `shard.bin`
/// (`TailAccumulator`). Merge checks that every shard belongs to the same run
/// (arguments, input hashes, seed, kernel, fingerprint), that shards 1…N are
/// each there once and that their units are disjoint and complete (every field
/// of both files bounded and checksummed first: `ShardHeader.parse`,
/// `TailAccumulator(encoded:)`), and that `--out` is none of the shards, holds
/// none and lies in none; it then
/// re-reads the inputs (refusing a changed file), fits the model again and
/// runs `simulate` with the merged accumulator as its backend, so the tail
/// scenarios are regenerated from the model and every file matches the
/// single-process run byte for byte (apart from the echoed command line);
/// a regenerated scenario that is not its stored tail entry is refused, naming its shard.
/// Cost: reading the shards (`16 B × capacity × (1 + assets)` each) plus one
/// model fit and the tail regeneration; no scenario is simulated again.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard directories of `simulate --shard i/N` into what one simulate --out writes.")

    @Argument(help: "Shard directories (each with shard.json and shard.bin), every shard 1…N once, in any order.")
    var shards: [String] = []

    @Option(help: "Directory for summary.json, tail.csv and histogram.csv (written as a set).")
    var out: String

    @Option(help: "Output format: table, json or csv (default: that of the shards' command).")
    var format: OutputFormat?

    @Flag(help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give the shard directories to merge") }
    }

    func run() throws {
        let loaded = try shards.map(Self.load)
        // Before anything is written: --out must not replace, hold or sit in a shard.
        try Self.checkOutput(out, apartFrom: shards)
        let first = loaded[0]
        for s in loaded.dropFirst() { try Self.sameRun(s.header, s.dir, as: first.header, first.dir) }
        var seen: [Int: String] = [:]
        for s in loaded {
            if let other = seen[s.header.index] {
                throw CLIError("\(s.dir): shard \(s.header.index)/\(s.header.count) again (also \(other))")
            }
            seen[s.header.index] = s.dir
        }
        let missing = (1...first.header.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let listed = missing.prefix(10).map { "\($0)/\(first.header.count)" }.joined(separator: ", ")
            throw CLIError("shard\(missing.count > 1 ? "s" : "") \(listed)\(missing.count > 10 ? " and \(missing.count - 10) more" : "") missing: "
                + "give every shard directory of the run (\(first.header.count) in all)")
        }
        var merged = loaded.sorted { $0.header.index < $1.header.index }[0].accumulator
        for s in loaded.sorted(by: { $0.header.index < $1.header.index }).dropFirst() {
            do { try merged.merge(s.accumulator) } catch { throw CLIError("\(s.dir)/\(ShardHeader.binName): \(error)") }
        }
        guard merged.covers(exactly: 0..<first.header.totalUnits) else {
            throw CLIError("the shards cover units \(merged.units), not 0..<\(first.header.totalUnits)")
        }
        for input in first.header.inputs {
            let bytes: [UInt8]
            do { bytes = try InputFile.read(path: input.file) } catch {
                throw CLIError("\(input.file): cannot re-read the shards' input (\(error)); run merge from \(first.header.workingDirectory)")
            }
            let sha = SHA256.hex(bytes)
            guard sha == input.sha256 else {
                throw CLIError("\(input.file): changed since the shards were made (sha256 \(sha), the shards recorded \(input.sha256))")
            }
        }
        if first.header.arguments.first == "stress" {
            // A cascade Monte Carlo's shards (`stress --accounts --monte-carlo --shard`): rerun stress on them.
            var stress: StressCommand
            do {
                stress = try StressCommand.parse(Array(first.header.arguments.dropFirst()) + ["--out", out])
            } catch {
                throw CLIError("\(first.dir)/\(ShardHeader.jsonName): its arguments no longer parse: \(StressCommand.message(for: error))")
            }
            if let format { stress.haircut.shared.output.format = format }
            do { try stress.runCascade(backend: PrecomputedBackend(merged)) } catch let error as TailAccumulator.MergeError {
                throw CLIError("the shards (\(first.dir), …) \(error) — the inputs or the machine differ from the shards' run")
            }
            return
        }
        var command: SimulateCommand
        do {
            command = try SimulateCommand.parse(Array(first.header.arguments.dropFirst()) + ["--out", out])
        } catch {
            throw CLIError("\(first.dir)/\(ShardHeader.jsonName): its arguments no longer parse: \(SimulateCommand.message(for: error))")
        }
        for s in loaded where !s.header.checksummed {
            FileHandle.standardError.write(Data(("warning: \(s.dir)/\(ShardHeader.jsonName) is an older \(ShardHeader.legacyFormat) "
                + "header without checksums: its fields were range-checked, not verified\n").utf8))
        }
        if quiet { command.quiet = true }
        if let format { command.shared.output.format = format }
        do { try command.execute(backend: PrecomputedBackend(merged)) } catch let error as TailAccumulator.MergeError {
            throw CLIError("the shards (\(first.dir), …) \(error) — the inputs or the machine differ from the shards' run")
        } catch let error as TailAccumulator.RegenerationMismatch {
            let unit = error.entry.index / MonteCarloEngine.streamUnit
            let dir = loaded.first { $0.header.units.contains(unit) }?.dir ?? first.dir
            throw CLIError("\(dir)/\(ShardHeader.binName): \(error): the file was altered after simulate wrote it")
        }
    }

    /// A shard directory read and checked: `shard.json` (`ShardHeader.parse`), then
    /// `shard.bin` of exactly the size it announces (`TailAccumulator(encoded:)`), then the two against each other.
    static func load(_ dir: String) throws -> (dir: String, header: ShardHeader, accumulator: TailAccumulator) {
        let header = try ShardHeader.read(directory: dir)
        let path = dir + "/" + ShardHeader.binName
        // Tie the read to the size the header announces, before reading.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value != Int64(header.accumulatorBytes) {
            throw CLIError("\(path): " + (size.int64Value < Int64(header.accumulatorBytes)
                ? "truncated: \(size) of the \(header.accumulatorBytes) bytes its \(ShardHeader.jsonName) announces"
                : "\(size) bytes, more than the \(header.accumulatorBytes) its \(ShardHeader.jsonName) announces"))
        }
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path: path, maximumBytes: header.accumulatorBytes) } catch {
            throw CLIError("\(path): cannot read the shard's accumulator (\(TailRiskError.reason(of: error)))")
        }
        do {
            let accumulator = try TailAccumulator(encoded: bytes)
            try header.check(accumulator, bytes: bytes)
            return (dir, header, accumulator)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// Refuses a shard of another run, naming it.
    static func sameRun(_ h: ShardHeader, _ dir: String, as reference: ShardHeader, _ referenceDir: String) throws {
        let what: String?
        if h.arguments != reference.arguments {
            what = "other arguments (\(h.arguments.joined(separator: " ")))"
        } else if h.inputs != reference.inputs {
            what = "other inputs (\(h.inputs.map { "\($0.file) \($0.sha256.prefix(12))" }.joined(separator: ", ")))"
        } else if h.seed != reference.seed || h.model != reference.model || h.scenarios != reference.scenarios {
            what = "another model, seed or scenario count"
        } else if h.count != reference.count || h.totalUnits != reference.totalUnits {
            what = "another split (\(h.index)/\(h.count), not of \(reference.count))"
        } else if h.kernel != reference.kernel {
            what = "another BLAS kernel (\(h.kernel), not \(reference.kernel); last bits could differ)"
        } else if h.fingerprint != reference.fingerprint {
            what = "another run fingerprint"
        } else {
            what = nil
        }
        if let what { throw CLIError("\(dir): a shard of another run than \(referenceDir): \(what)") }
    }
}
