extension RiskAnalysis {
    /// The Monte Carlo tail accumulator of `units` of the run `run(series:portfolio:settings:)`
    /// makes for its `.monteCarlo` method: the same checks, the same fitted model and
    /// plan, only those units evaluated (design.md "Beyond one machine").
    ///
    /// `run` with `settings.simulation.backend = PrecomputedBackend(merged)`,
    /// `merged` the merge of such accumulators over every unit, then gives what one
    /// `run` gives, bit for bit.
    /// - Throws: what `run` throws for the data and settings, and
    ///   `TailRiskError.invalidParameter(.targetPrecision)` (rounds need the merged SE).
    /// - Complexity: that of the model fit plus the units' share of the simulation.
    public static func accumulate(series: ReturnSeries, portfolio: Portfolio, settings: Settings, units: Range<Int>,
                                  progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TailAccumulator {
        let (portfolio, model) = try checkedFit(series: series, portfolio: portfolio, settings: settings)
        return try MonteCarloEngine().accumulate(model: model.scenarioModel(horizon: settings.horizon),
                                                 values: portfolio.values, levels: settings.levels,
                                                 settings: settings.simulation, units: units, progress: progress)
    }

    /// The checks `run` and `accumulate` share, then the model fit: the portfolio in the
    /// series' order, the data and sizes checked, the filter fitted only when a method reads it.
    /// - Complexity: that of `RiskModel.fit`.
    static func checkedFit(series: ReturnSeries, portfolio: Portfolio,
                           settings: Settings) throws -> (portfolio: Portfolio, model: RiskModel) {
        let portfolio = try portfolio.aligned(to: series.assets)
        try series.requireVariation()
        try series.requireBoundedReturns()
        try portfolio.requireBoundedValues(parameter: .positions)
        try Limits.checkCovarianceSize(series.assets.count, parameter: .positions)
        try settings.model.checkFilter(methods: settings.methods)
        let reads = RiskMethod.requirements(of: settings.methods, spec: settings.model)
        return (portfolio, try RiskModel.fit(series, spec: settings.model, filtered: reads.contains(.filter)))
    }
}
