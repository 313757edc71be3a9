/// The model a haircut run used, as outputs name it, and the check that the
/// basket's own history does not contradict it (`ModelRiskCheck`, issue 9).
extension HaircutAnalysis {
    /// The scenario law of the run (the policy was validated by `run`).
    public var law: InnovationLaw {
        (try? Self.distribution(policy)) ?? .normal
    }

    /// The method id of the run: `monte-carlo`, `monte-carlo-t`,
    /// `monte-carlo-bootstrap` or `monte-carlo-fhs`.
    public var methodID: String { law.monteCarloMethodID }

    /// The volatility filter in force: the policy's (ewma(0.94) by default)
    /// under the fhs law, the policy's if any under a copula (its marginals are then
    /// of the residuals), `nil` under a law that reads none.
    public var filter: VolatilityFilterSpec? {
        if law.usesFilter { return (try? policy.filterSpec()) ?? .standard }
        guard law.isCopula, let given = try? policy.filterSpec() else { return nil }
        return given
    }

    /// Under the fhs law, writes the filter used into the policy (so every
    /// output echoes it: `filter: ewma`, `filter-lambda: 0.94`); elsewhere
    /// leaves the policy alone (`validate` refused a filter without fhs).
    static func fillFilter(_ policy: inout HaircutPolicy) throws {
        guard try distribution(policy).usesFilter else { return }
        let spec = try policy.filterSpec() ?? .standard
        policy.model.filter = spec
    }

    /// The portfolio ES of `outcome` (over the horizon, `√h`-scaled under
    /// `horizon-method: sqrt`) against the historical and FHS ES of the same
    /// collateral in the numéraire's relative returns, at the policy's
    /// confidence and horizon; `nil` when the history gives neither reference.
    /// - Complexity: O(T·d·h) (see `ModelRiskCheck`).
    static func modelRisk(_ series: ReturnSeries, _ values: [Double], outcome: Outcome, _ policy: HaircutPolicy,
                          _ pnl: PnLModel) -> ModelRiskCheck? {
        let scale = policy.horizonMethod == .sqrt ? BaselHaircuts.scale(1, from: 1, to: policy.horizon) : 1
        let es = scale * outcome.simulation.estimates[0].expectedShortfall
        guard let level = try? ConfidenceLevel(policy.confidence) else { return nil }  // validated by run
        let check = ModelRiskCheck.run(series: series, values: values, level: level,
                                       horizon: policy.horizon, pnl: pnl, modelES: es)
        return check.reference == nil ? nil : check
    }
}
