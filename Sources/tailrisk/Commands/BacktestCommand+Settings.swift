import ArgumentParser
import TailRisk

/// The price file, rolling window, methods and model of `tailrisk backtest`.
///
/// Its own option set rather than `InputOptions`/`ModelOptions`/`SimulationOptions`:
/// here `--window` is the rolling estimation window (not "the last N returns"),
/// there is no `--horizon` (forecasts are one step ahead), and Monte Carlo
/// defaults to a modest number of scenarios per day.
struct BacktestOptions: ParsableArguments {
    @Argument(help: "CSV of daily prices: wide (date,A,B,...) or long (date,asset,price).")
    var prices: String

    @Option(help: "Assets to use, comma separated (default: those of the positions).")
    var assets: String?

    @Option(help: "First price date to use (YYYY-MM-DD, inclusive).")
    var from: String?

    @Option(help: "Last price date to use (YYYY-MM-DD, inclusive).")
    var to: String?

    @Option(help: ArgumentHelp(
        "Rolling window: each day's VaR/ES is forecast from the N returns before it only.",
        discussion: "Unlike `var --window` (the last N returns), the whole history in --from/--to is backtested; the first N returns only feed the first forecast."))
    var window: Int = 250

    @Option(help: "Methods, comma separated or repeated: historical, normal, cornish-fisher, fhs, monte-carlo (default: those five), or all: every method with fhs under both filters and every Monte Carlo law, ranked.")
    var method: [String] = []

    @Option(help: "Confidence level(s): repeat the flag or give a comma list (default 0.99,0.975).")
    var confidence: [String] = []

    @Option(help: "Covariance estimator of the normal and Monte Carlo methods, refitted on each window: sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc.")
    var estimator: String = "sample"

    @Option(help: "EWMA decay factor (with --estimator ewma).")
    var lambda: Double = 0.94

    @Option(help: "P&L of a day: exact (sum V(exp(r)-1)) or linear (sum V r). Applies to realised and forecast P&L.")
    var pnl: PnLModel = .exact

    @Flag(name: .customLong("zero-mean"), help: "Use a zero mean return instead of the window's mean (normal, Monte Carlo).")
    var zeroMean = false

    @Option(help: "Historical quantile: order-statistic (with Acerbi-Tasche ES) or linear (R type 7).")
    var quantile: String = QuantileConvention.orderStatistic.rawValue

    @Option(help: "Monte Carlo scenarios per day.")
    var scenarios: Int = BacktestAnalysis.Settings.defaultScenarios

    @Option(help: "Seed of the run; day t simulates with SplitMix64(seed, t), so results never depend on threads.")
    var seed: UInt64 = SimulationSettings.defaultSeed

    @Option(help: "Worker threads across days (default: all cores). Results are identical for any count.")
    var threads: Int?

    @Option(help: "Monte Carlo scenario distribution: normal, t (with --df) or bootstrap (days of the window).")
    var dist: String = "normal"

    @Option(help: "Degrees of freedom of --dist t (> 2).")
    var df: Double = 5

    @Flag(help: "Antithetic variates in the Monte Carlo forecasts.")
    var antithetic = false

    func validate() throws {
        if window < 2 { throw ValidationError("--window must be at least 2 returns (got \(window))") }
        try Limits.check(scenarios, atMost: Limits.scenarios, option: "--scenarios")
        if let threads { try Limits.check(threads, atMost: Limits.threads, option: "--threads") }
        if !(lambda > 0 && lambda < 1) { throw ValidationError("--lambda must lie strictly between 0 and 1 (got \(lambda))") }
        _ = try ListParsing.estimator(estimator)
        _ = try ListParsing.quantile(quantile)
        _ = try methods()
        _ = try levels()
        _ = try distribution()
        try input.validate()
    }

    /// The price-file options of the other commands, over the whole range (no "last N").
    var input: InputOptions {
        var i = InputOptions()
        i.prices = prices
        i.assets = assets
        i.from = from
        i.to = to
        i.window = nil
        return i
    }

    func methods() throws -> [RiskMethod] { try ListParsing.methods(method) }

    func levels() throws -> [ConfidenceLevel] { try ListParsing.levels(confidence, default: [0.99, 0.975]) }

    func distribution() throws -> InnovationLaw {
        try InnovationLaw.parse(dist, degreesOfFreedom: df)
    }

    func settings(filter: VolatilityFilterSpec?) throws -> BacktestAnalysis.Settings {
        var settings = BacktestAnalysis.Settings(
            window: window, levels: try levels(), methods: try methods(),
            estimator: try ListParsing.estimator(estimator), lambda: lambda, pnl: pnl, zeroMean: zeroMean,
            quantile: try ListParsing.quantile(quantile), distribution: try distribution(),
            simulation: SimulationSettings(scenarios: scenarios, seed: seed, threads: 1, antithetic: antithetic, pnl: pnl),
            threads: threads ?? SimulationSettings.availableCores)
        settings.model.filter = filter
        settings.compareAll = ListParsing.items(method) == ["all"]
        return settings
    }
}
