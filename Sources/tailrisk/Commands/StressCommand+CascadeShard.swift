import Foundation
import TailRisk

/// `tailrisk stress PRICES --accounts BOOK --monte-carlo --shard i/N --out DIR`:
/// one shard of the cascade Monte Carlo (the engine's units
/// `[⌊(i−1)U/N⌋, ⌊iU/N⌋)`, `CascadeAnalysis.Request.units`) written as
/// `DIR/shard.bin` (`TailAccumulator`, with the cascade's unit records) and
/// `DIR/shard.json` (`ShardHeader`), for `tailrisk merge`, which reruns the
/// command on the merged accumulator and writes the single process's bytes.
/// The settings are exactly those of the unsharded run.
extension StressCommand {
    func writeCascadeShard(_ spec: ShardSpec, analysis: CascadeAnalysis, table: PriceTable, bookPath: String,
                           policy: HaircutPolicy, totalUnits: Int) throws {
        let out = haircut.shared.output.out!
        let directory = try OutputDirectory(path: out)
        guard analysis.accumulators.count == 1, let accumulator = analysis.accumulators.first,
              let settings = analysis.monteCarloSettings else {
            throw CLIError("--shard: the cascade has \(analysis.accumulators.count) Monte Carlo runs; a shard holds one")
        }
        let units = MonteCarloEngine.shardUnits(spec.index, of: spec.count, units: totalUnits)
        let bytes = accumulator.encoded()
        var inputs = table.files.map { ShardHeader.Input(option: "prices", file: $0.source, sha256: $0.sha256) }
        var files = [("--accounts", bookPath)]
        if let path = haircut.haircut.policy { files.append(("--policy", path)) }
        if let path = policy.liquidity { files.append(("--liquidity", path)) }
        for (option, file) in files {
            inputs.append(ShardHeader.Input(option: option, file: file, sha256: SHA256.hex(try InputFile.read(path: file))))
        }
        let header = ShardHeader(
            arguments: ShardHeader.runArguments(RunFileArguments.echo()?.arguments ?? Array(CommandLine.arguments.dropFirst())),
            workingDirectory: FileManager.default.currentDirectoryPath, inputs: inputs,
            model: "cascade, \(analysis.lawName), horizon \(policy.horizon), \(analysis.mean.rawValue) mean",
            seed: settings.seed, scenarios: settings.shocks, index: spec.index, count: spec.count,
            firstUnit: units.lowerBound, endUnit: units.upperBound, totalUnits: totalUnits,
            shardScenarios: accumulator.scenarios, kernel: accumulator.kernel,
            fingerprint: accumulator.fingerprintHex, accumulatorBytes: bytes.count,
            accumulatorSHA256: SHA256.hex(bytes))
        try header.write(bytes, to: directory, named: out, format: haircut.shared.output.format, drawn: "shocks")
    }
}
