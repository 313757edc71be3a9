import Foundation
import TailRisk

/// `tailrisk simulate … --shard i/N --out DIR`: one shard's accumulator and its header.
extension SimulateCommand {
    /// Evaluates units `[⌊(i−1)U/N⌋, ⌊iU/N⌋)` and writes `DIR/shard.bin` and `DIR/shard.json`
    /// (as a set, like every `--out`). The settings are exactly those of the unsharded run.
    func runShard(_ spec: ShardSpec) throws {
        let out = shared.output.out!
        let directory = try OutputDirectory(path: out)
        let basket = try LoadedBasket.load(input, positions)
        let engineSettings = try shared.engine.settings(pnl: shared.model.resolvedPnL, tailScenarios: tailCount(levels: try shared.levels.levels()),
                                                 histogramBins: bins, distributed: true)
        let settings = try RiskAnalysis.Settings(methods: [.monteCarlo], levels: shared.levels, horizon: shared.horizon, model: shared.model,
                                                 law: shared.law, simulation: engineSettings)
        let total = MonteCarloEngine.unitCount(scenarios: engineSettings.scenarios)
        let units = MonteCarloEngine.shardUnits(spec.index, of: spec.count, units: total)
        let progress = ProgressBar.forRun(scenarios: units.count * MonteCarloEngine.streamUnit, quiet: quiet)
        let accumulator = try RiskAnalysis.accumulate(series: basket.series, portfolio: basket.portfolio,
                                                      settings: settings, units: units, progress: progress?.update)
        progress?.finish()
        let bytes = accumulator.encoded()
        var inputs = basket.table.files.map { ShardHeader.Input(option: "prices", file: $0.source, sha256: $0.sha256) }
        if let file = positions.positionsFile {
            inputs.append(ShardHeader.Input(option: "--positions-file", file: file,
                                            sha256: SHA256.hex(try InputFile.read(path: file))))
        }
        let header = ShardHeader(
            // a run file's flags are recorded expanded, so `merge` needs only the price and positions files
            arguments: ShardHeader.runArguments(RunFileArguments.echo()?.arguments ?? Array(CommandLine.arguments.dropFirst())),
            workingDirectory: FileManager.default.currentDirectoryPath, inputs: inputs,
            model: "\(settings.model.law.name), \(shared.model.estimator ?? "sample") covariance, horizon \(settings.horizon)",
            seed: engineSettings.seed, scenarios: engineSettings.scenarios, index: spec.index, count: spec.count,
            firstUnit: units.lowerBound, endUnit: units.upperBound, totalUnits: total,
            shardScenarios: accumulator.scenarios, kernel: accumulator.kernel,
            fingerprint: accumulator.fingerprintHex, accumulatorBytes: bytes.count,
            accumulatorSHA256: SHA256.hex(bytes))
        try header.write(bytes, to: directory, named: out, format: shared.output.format, drawn: "scenarios")
    }
}
