import Foundation

/// How a haircut policy becomes a model, an engine setting and the notes beside the figures
/// (the policy's estimator, law, horizon treatment and caps).
extension HaircutAnalysis {
    /// The note for haircuts capped at 100%, naming the assets (and the
    /// portfolio) of any of `outcomes` and the cause: `√h` scaling, else linear P&L.
    static func capNotes(_ outcomes: [Outcome], assets: [String], policy: HaircutPolicy) -> [String] {
        let capped = Set(outcomes.flatMap(\.cappedAssets))
        var names = assets.filter(capped.contains)
        if outcomes.contains(where: \.portfolioCapped) { names.append("the portfolio") }
        guard !names.isEmpty else { return [] }
        let cause = policy.horizonMethod == .sqrt && policy.horizon > 1
            ? "the √\(policy.horizon) scaling" : "the linear P&L"
        return ["\(cause) gave losses above 100% of value; haircuts capped at 100% for \(names.joined(separator: ", "))"]
    }

    /// The risk model the policy and settings name: estimator, λ, mean convention and law.
    static func modelSpec(_ policy: HaircutPolicy, settings: Settings) throws -> RiskModelSpec {
        RiskModelSpec(estimator: try estimator(policy), lambda: settings.lambda, zeroMean: settings.zeroMean,
                      law: try distribution(policy), filter: try policy.filterSpec(), tails: try policy.marginalTails())
    }

    /// The engine settings of a run: P&L model, and the policy's scenario count and seed when set.
    static func engineSettings(_ settings: Settings, standalone: Bool) -> SimulationSettings {
        var engine = settings.simulation
        engine.standalone = standalone
        engine.pnl = settings.pnl
        if let n = settings.policy.scenarios { engine.scenarios = n }
        if let seed = settings.policy.seed { engine.seed = seed }
        return engine
    }

    /// The covariance estimator the policy names (default sample); pairwise is refused.
    static func estimator(_ policy: HaircutPolicy) throws -> CovarianceEstimator {
        let name = policy.estimator ?? CovarianceEstimator.sample.rawValue
        guard let e = CovarianceEstimator(rawValue: name), e != .pairwise else {
            let known = CovarianceEstimator.allCases.filter { $0 != .pairwise }.map(\.rawValue)
            throw TailRiskError.invalidOption(option: "--estimator",
                                              message: "'\(name)' is not one of \(known.joined(separator: ", "))")
        }
        return e
    }

    /// The scenario distribution the policy names (default normal; t with `df`,
    /// default 5), by the shared parser `InnovationLaw.parse`.
    static func distribution(_ policy: HaircutPolicy) throws -> InnovationLaw {
        if policy.fitDegreesOfFreedom, (policy.distribution ?? "").lowercased() == "t-copula" {
            return .tCopula(degreesOfFreedom: nil)  // `df: fit`
        }
        return try .parse(policy.distribution ?? "normal", degreesOfFreedom: policy.degreesOfFreedom ?? 5, skew: policy.skew)
    }

    static func horizonTreatment(_ policy: HaircutPolicy, _ dist: InnovationLaw) -> String {
        let h = policy.horizon
        if h == 1 { return "1 step" }
        if policy.horizonMethod == .sqrt { return "1-step figures × √\(h) (square-root-of-time scaling)" }
        if dist == .normal { return "\(h)-step scenarios N(\(h)μ, \(h)Σ) (the sum of \(h) daily normal draws, exactly)" }
        return "\(h)-step scenarios: the sum of \(h) daily \(dist.name) draws"
    }
}
