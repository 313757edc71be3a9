import ArgumentParser
import TailRisk

/// The risk methods and the historical quantile of var and backtest.
struct MethodOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Methods, comma separated or repeated: historical, normal, cornish-fisher, fhs, monte-carlo (default: those five), or all.",
        discussion: "backtest --method all: every method with fhs under both filters and every Monte Carlo law, ranked by FZ0."))
    var method: [String] = []

    @Option(help: "Historical quantile: order-statistic (default, with the Acerbi-Tasche ES) or linear (R type 7, ES = mean beyond).")
    var quantile: String = QuantileConvention.orderStatistic.rawValue

    func validate() throws {
        _ = try methods()
        _ = try convention()
    }

    func methods() throws -> [RiskMethod] { try ListParsing.methods(method) }

    func convention() throws -> QuantileConvention { try ListParsing.quantile(quantile) }

    /// `--method all`, which backtest takes as "every variant, ranked".
    var compareAll: Bool { ListParsing.items(method) == ["all"] }
}
