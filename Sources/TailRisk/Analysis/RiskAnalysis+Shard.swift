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
        let portfolio = try portfolio.aligned(to: series.assets)
        try series.requireVariation()
        try series.requireBoundedReturns()
        try portfolio.requireBoundedValues(parameter: .positions)
        try Limits.checkCovarianceSize(series.assets.count, parameter: .positions)
        try settings.model.checkFilter(methods: settings.methods)
        let reads = RiskMethod.requirements(of: settings.methods, spec: settings.model)
        let model = try RiskModel.fit(series, spec: settings.model, filtered: reads.contains(.filter))
        return try MonteCarloEngine().accumulate(model: model.scenarioModel(horizon: settings.horizon),
                                                 values: portfolio.values, levels: settings.levels,
                                                 settings: settings.simulation, units: units, progress: progress)
    }
}
