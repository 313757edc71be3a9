import Foundation

/// How the engine reduces the variance of its tail estimates (methods.md §10).
///
/// `none` draws plain scenarios; `antithetic` pairs `z` with `−z` (the
/// `antithetic` setting); `importance` draws every scenario from the law's
/// tilt (`TiltableLaw`, `ImportanceTilt`) towards the basket's losses at the
/// highest confidence asked, e.g. the normal factors from `N(θ, I)` with
/// `θ = −z_c · b/|b|`, `b = Fᵀ V` (Glasserman, Heidelberger & Shahabuddin
/// 2000), and weighs scenario `j` by its likelihood ratio `w_j`, a function
/// of the scenario's own draws, so estimates stay independent of threads,
/// shards and processes.
public enum VarianceReduction: String, Sendable, CaseIterable, Codable {
    case none
    case antithetic
    case importance
}

extension SimulationSettings {
    /// The variance reduction of the run (`antithetic` and `importanceSampling` as one choice).
    public var varianceReduction: VarianceReduction {
        get { importanceSampling ? .importance : (antithetic ? .antithetic : .none) }
        set {
            antithetic = newValue == .antithetic
            importanceSampling = newValue == .importance
        }
    }

    /// Refuses combinations importance sampling cannot serve, naming why.
    ///
    /// The law must have a tilt (`TiltableLaw`: normal, Student-t, bootstrap,
    /// FHS, the copulas); the depeg law's tail is driven by its jump, which no
    /// tilt of the normal draws reaches. Standalone estimates (haircuts) need
    /// each asset's own tail, which the basket's tilt barely samples.
    func validateImportance(model: ScenarioModel, values: [Double]) throws {
        guard importanceSampling else { return }
        let parameter = Parameter.varianceReduction
        if antithetic {
            throw TailRiskError.invalidParameter(parameter, message: "importance cannot be combined with --antithetic")
        }
        guard model.law is any TiltableLaw else {
            let why = model.law is DepegLaw ? " (its tail comes from the depeg jump, which no tilt of the draws reaches)" : ""
            throw TailRiskError.invalidParameter(
                parameter,
                message: "importance sampling has no tilt for the \(model.law.name) law\(why); use none or antithetic")
        }
        if standalone {
            throw TailRiskError.invalidParameter(
                parameter,
                message: "importance sampling cannot estimate each asset's own tail (standalone haircuts): the basket's tilt barely samples it; use none or antithetic")
        }
    }

    /// The law's tilt towards the basket's losses at the confidences asked, or `nil` without importance sampling.
    func importanceTilt(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel]) throws
        -> (any ImportanceTilt)? {
        guard importanceSampling, let law = model.law as? any TiltableLaw else { return nil }
        let confidences = Array(Set(levels.map(\.confidence))).sorted()
        return try law.importanceTilt(values: values, horizon: model.horizon, confidences: confidences)
    }
}

/// How much of an importance-sampled run the tail keeps.
enum ImportanceTilting {
    /// `⌈n · f⌉ + streamUnit` entries, `f` the tilt's `keptFraction` at the lowest
    /// confidence asked, capped at `n`. The estimator throws when a batch group's
    /// tail still runs short.
    /// Memory: 24 bytes per kept entry (a mean shift at 99% alone keeps about 69% of the scenarios).
    static func capacity(_ tilt: any ImportanceTilt, levels: [ConfidenceLevel], scenarios n: Int) -> Int {
        let fraction = min(1, tilt.keptFraction(lowest: levels.map(\.confidence).min()!))
        return min(n, Int((Double(n) * fraction).rounded(.up)) + ScenarioGenerator.rowsPerUnit)
    }
}
