import ArgumentParser
import TailRisk

/// `tailrisk cov`: a covariance estimate, its positive-definiteness check and any repair.
struct CovCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cov",
        abstract: "Estimate the covariance of daily log returns (sample, EWMA, Ledoit-Wolf, OAS), check and repair it.")

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Estimator: sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc, pairwise (pairwise-complete, for gappy assets).")
    var estimator: String = "sample"

    @Option(help: "EWMA decay factor (with --estimator ewma).")
    var lambda: Double = 0.94

    @Flag(help: "Also print the correlation matrix.")
    var correlation = false

    @OptionGroup var tails: TailDependenceOptions

    func validate() throws {
        guard CovarianceEstimator(rawValue: estimator) != nil else {
            throw ValidationError("--estimator: \"\(estimator)\" is not one of "
                + CovarianceEstimator.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let table = try input.readTable()
        let result = input.inputKind == .prices
            ? try CovarianceAnalysis.run(
                table: table, assets: input.assetList, from: input.fromDay, to: input.toDay, window: input.window,
                estimator: CovarianceEstimator(rawValue: estimator)!, lambda: lambda)
            : try CovarianceAnalysis.run(series: try input.series(table, assets: input.assetList, window: input.window),
                                         estimator: CovarianceEstimator(rawValue: estimator)!, lambda: lambda)
        let provenance = input.provenance(table, series: result.series)
        // --tail-dependence (CovTailDependence.swift): its table, JSON object and CSV.
        let tailReport = try tails.analysis(result.series, estimator: result.estimate.estimator)
            .map { CovTailDependenceReport(result: $0, assets: result.series.assets) }
        let report = CovReport(result: result, provenance: provenance, includeCorrelation: correlation, tailDependence: tailReport)
        try ReportOutput.emit(report, format: output.format, to: outDirectory)
    }
}
