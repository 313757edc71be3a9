/// Monte Carlo VaR and ES (methods.md §5): scenarios of the fitted law
/// (`RiskModel.scenarioModel(horizon:)`: normal, t, bootstrap, fhs, the copulas),
/// revalued under `simulation.pnl`, estimated by `MonteCarloEngine` with its
/// backend, variance reduction and adaptive precision.
///
/// - Reads: the fitted model (`.covariance`, `.scenarios`): the law fitted under the
///   spec, its mean and covariance; and the volatility filter when the law reads one
///   (`.filter` iff `spec.lawFilter` is not `nil`: the fhs law, a copula given a
///   filter); the mean when the law has one (`.mean`: normal, t). Not the window's P&L.
/// - Id: the law's (`monte-carlo`, `monte-carlo-t`, `monte-carlo-bootstrap`, …).
/// - Seed: `simulation.seed` as given; a backtest gives each day its own
///   (`BacktestForecaster.daySeed`) and one engine thread.
/// - Scale: `√(VᵀΣV)` of the covariance simulated, one step.
/// - Complexity: O(scenarios·d²/2) for the simulation given the fit.
public struct MonteCarloMethod: RiskMeasureMethod {
    public init() {}

    public var method: RiskMethod { .monteCarlo }

    public func id(_ spec: RiskModelSpec) -> String { spec.law.monteCarloMethodID }

    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements {
        var reads: RiskMethodRequirements = [.covariance, .scenarios]
        if spec.lawFilter != nil { reads.insert(.filter) }
        if spec.law.readsMean { reads.insert(.mean) }
        return reads
    }

    public func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput {
        let model = inputs.requireModel(method)
        let result = try MonteCarloEngine().run(model: model.scenarioModel(horizon: inputs.horizon),
                                                values: inputs.values, levels: inputs.levels,
                                                settings: inputs.simulation, progress: inputs.progress)
        return RiskMethodOutput(
            estimates: result.estimates,
            scale: RiskMethodOutput.linearScale(covariance: model.factored.covariance, values: inputs.values),
            horizonTreatment: model.law.horizonTreatment(inputs.horizon), simulation: result)
    }
}
