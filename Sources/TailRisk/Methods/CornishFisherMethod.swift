/// Cornish–Fisher VaR and ES (methods.md §4): the normal quantile adjusted by the
/// sample skewness and excess kurtosis of the window's P&L (`CornishFisher`).
///
/// - Reads: the window's P&L over the horizon only (`.window`): its sample moments,
///   mean included; no covariance, no filter, no scenarios. Over `h > 1` steps the
///   moments are those of the overlapping `h`-step P&L.
/// - Scale: `√m₂`, the P&L's standard deviation (McNeil–Frey residuals of a backtest).
/// - Complexity: O(n) for `n` P&L observations.
public struct CornishFisherMethod: RiskMeasureMethod {
    public init() {}

    public var method: RiskMethod { .cornishFisher }

    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements { .window }

    public func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput {
        let estimates = try CornishFisher.estimates(pnl: inputs.pnl, levels: inputs.levels)
        let h = inputs.horizon
        return RiskMethodOutput(
            estimates: estimates, scale: SampleMoments(inputs.pnl).standardDeviation,
            horizonTreatment: h == 1 ? "moments of daily P&L" : "moments of overlapping \(h)-step P&L")
    }
}
