import ArgumentParser
import TailRisk

/// The risk model's estimator, mean, P&L and volatility filter, shared by var,
/// simulate, haircut and backtest (the law is `LawOptions`).
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Covariance estimator: sample (default), ewma, ledoit-wolf, oas, ledoit-wolf-cc.",
        discussion: "backtest: refitted on every window of the normal and Monte Carlo methods; haircut: overrides the policy's estimator."))
    var estimator: String?

    @Option(help: "EWMA decay of --estimator ewma (default 0.94; --filter-lambda is the filter's).")
    var lambda: Double?

    @Flag(name: .customLong("zero-mean"),
          help: "Use a zero mean return instead of the sample mean (normal and Monte Carlo; backtest: instead of each window's).")
    var zeroMean = false

    @Option(help: "P&L of a scenario: exact (sum V(exp(r)-1), default) or linear (sum V r, the delta approximation); backtest: realised and forecast P&L alike.")
    var pnl: PnLModel?

    @OptionGroup var filter: FilterOptions

    func validate() throws {
        if let lambda, !(lambda > 0 && lambda < 1) {
            throw ValidationError("--lambda must lie strictly between 0 and 1 (got \(lambda))")
        }
        if let estimator { _ = try ListParsing.estimator(estimator) }
    }

    /// The estimator asked for, or sample.
    func covarianceEstimator() throws -> CovarianceEstimator {
        try estimator.map(ListParsing.estimator) ?? .sample
    }

    var resolvedLambda: Double { lambda ?? EWMACovariance.riskMetricsLambda }
    var resolvedPnL: PnLModel { pnl ?? .exact }

    /// The model choices these flags and `law`'s make over `base` (a run or policy file's): every
    /// flag given replaces the base's field, typed here once (the law by `InnovationLaw.layered`).
    /// The estimator's λ and the mean stay the command's (`resolvedLambda`, `zeroMean`).
    func choices(over base: ModelChoices = ModelChoices(), law: LawOptions) throws -> ModelChoices {
        var m = base
        if let estimator { m.estimator = try ListParsing.estimator(estimator) }
        m.filter = try VolatilityFilterSpec.layered(name: filter.filter, lambda: filter.filterLambda, over: base.filter)
        m.law = try law.law(over: base.law)
        if let t = try law.tailsValue() { m.tails = t }
        return m
    }

    /// The model spec of these flags with `law` (the typed choices, with the defaults for what is unset).
    func spec(law: InnovationLaw) throws -> RiskModelSpec {
        ModelChoices(estimator: try covarianceEstimator(), lambda: resolvedLambda, zeroMean: zeroMean, law: law,
                     filter: try filter.spec()).spec()
    }
}

extension PnLModel: ExpressibleByArgument {}
