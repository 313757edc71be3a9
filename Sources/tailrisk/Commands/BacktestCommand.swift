import ArgumentParser
import TailRisk

/// `tailrisk backtest`: rolling out-of-sample backtests of every VaR/ES method.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling one-day backtests of VaR/ES: Kupiec, Christoffersen, Basel traffic light, McNeil-Frey, Acerbi-Szekely.",
        discussion: """
            For each day t after the first --window returns, every method forecasts VaR and ES from the \
            --window returns before t only, with the position values held constant (rebalanced daily), and \
            the forecast is compared with day t's realised P&L. --out DIR writes summary.json and \
            exceedances.csv (date, method, confidence, pnl, var, es, exceeded) in long form.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var positions: PositionOptions
    @OptionGroup var methods: MethodOptions
    @OptionGroup var levels: LevelOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var law: LawOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let outDirectory = try output.out.map(OutputDirectory.init(path:))
        let basket = try LoadedBasket.load(input.wholeRange, positions)
        let model = try basket.model(self.model)
        let resolved = try settings(model: model)
        if model.zeroMean, !resolved.compareAll,
           !resolved.methods.contains(where: { MeanTreatment.readsMean($0, law: resolved.model.law) }) {
            let names = resolved.methods.map { RiskAnalysis.methodID($0, model: resolved.model) }
            NoteOutput.warn("--zero-mean does nothing for \(names.joined(separator: ", ")): only normal and monte-carlo "
                + "under the normal or t law have a mean (\(UnusedFlags.noMean))")
        }
        let analysis = try BacktestAnalysis.run(series: basket.series, portfolio: basket.portfolio, settings: resolved)
        let report = BacktestReport(analysis: analysis, provenance: basket.provenance())
        try ReportOutput.emit(report, format: output.format, to: outDirectory)
    }
}
