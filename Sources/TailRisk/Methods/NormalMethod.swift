/// Parametric (delta-)normal VaR and ES (methods.md §4): the linear P&L of the
/// fitted mean `μ` and covariance `Σ` of the window's log returns,
/// `μ_p = h V·μ`, `σ_p = √(h VᵀΣV)`, `VaR = −μ_p + σ_p z_c`, `ES = −μ_p + σ_p φ(z_c)/α`,
/// with exact Euler contributions (`ParametricNormal`).
///
/// - Reads: the fitted mean and covariance (`.covariance`, `.mean`): the spec's estimator,
///   its mean or zero under `zeroMean`, and the covariance after any
///   positive-definite repair (`RiskModel.factored`, methods.md §3), as simulated.
///   The spec's law is not read, so a backtest fits this method under the normal
///   law whatever the Monte Carlo law is. No window P&L, no filter, no scenarios.
/// - Scale: `√(VᵀΣV)`, one step.
/// - Complexity: O(d²) given the fit; the fit is O(T·d²) + O(d³).
public struct NormalMethod: RiskMeasureMethod {
    public init() {}

    public var method: RiskMethod { .normal }

    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements { [.covariance, .mean] }

    public func estimate(_ inputs: RiskMethodInputs) throws -> RiskMethodOutput {
        let model = inputs.requireModel(method)
        return Self.estimate(mean: model.mean, covariance: model.factored.covariance, inputs: inputs)
    }

    /// The method on a mean and covariance given directly (a backtest's custom covariance).
    /// - Complexity: O(d²).
    public static func estimate(mean: [Double], covariance: Matrix, inputs: RiskMethodInputs) -> RiskMethodOutput {
        let h = inputs.horizon
        let estimates = ParametricNormal.estimates(mean: mean, covariance: covariance, values: inputs.values,
                                                   levels: inputs.levels, horizon: h)
        return RiskMethodOutput(
            estimates: estimates, scale: RiskMethodOutput.linearScale(covariance: covariance, values: inputs.values),
            horizonTreatment: h == 1 ? "delta-normal, 1 step" : "delta-normal, mean and covariance × \(h)")
    }
}
