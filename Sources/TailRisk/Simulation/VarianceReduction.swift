import Foundation

/// How the engine reduces the variance of its tail estimates (methods.md §10).
///
/// `none` draws plain scenarios; `antithetic` pairs `z` with `−z` (the
/// `antithetic` setting); `importance` draws the normal factors from
/// `N(θ, I)` with the mean shift `θ = −z_c · b/|b|` along the loss direction
/// `b = Fᵀ V` of the linear P&L (`z_c = Φ⁻¹(c)` at the highest confidence `c`
/// asked) and weighs scenario `j` by the likelihood ratio
/// `w_j = exp(−θᵀz_j + |θ|²/2)` (Glasserman, Heidelberger & Shahabuddin 2000),
/// a function of the scenario's own draws, so estimates stay independent of
/// threads, shards and processes.
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

    /// Refuses importance sampling where the engine has no valid shift, naming why.
    ///
    /// Only the normal law shifts: the Student-t would need the χ² twist as well
    /// (Glasserman, Heidelberger & Shahabuddin 2002, not implemented); bootstrap
    /// and FHS draw days, not normals (tilting day probabilities is not
    /// implemented); the copulas and the depeg law map normals through
    /// marginals or jumps where `b = Fᵀ V` is not the loss direction. Standalone
    /// estimates (haircuts) need each asset's own tail, which the basket's
    /// shift barely samples.
    func validateImportance(model: ScenarioModel, values: [Double]) throws {
        guard importanceSampling else { return }
        let option = "--variance-reduction"
        if antithetic {
            throw TailRiskError.invalidOption(option: option, message: "importance cannot be combined with --antithetic")
        }
        guard model.law is NormalLaw else {
            throw TailRiskError.invalidOption(
                option: option,
                message: "importance sampling shifts normal draws only (law normal); \(model.law.name) is not supported"
                    + " (Student-t needs the χ² twist, bootstrap/FHS draw days, copulas have no linear loss direction)")
        }
        if standalone {
            throw TailRiskError.invalidOption(
                option: option,
                message: "importance sampling cannot estimate each asset's own tail (standalone haircuts): the basket's shift barely samples it; use none or antithetic")
        }
        let generator = ScenarioGenerator(model: model, seed: seed, antithetic: false)
        let b = generator.linearShortcut(values: values).weights
        guard b.contains(where: { $0 != 0 }) else {
            throw TailRiskError.invalidOption(
                option: option, message: "the basket has no loss direction (Lᵀ V = 0): nothing to shift towards")
        }
    }
}

/// The mean shift of importance sampling and the likelihood ratio of a draw.
enum ImportanceShift {
    /// `θ = −z_c · b/|b|` with `z_c = Φ⁻¹(c)` (0 when `c ≤ 1/2`).
    static func shift(direction b: [Double], confidence c: Double) -> [Double] {
        let norm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let zc = max(0, Normal.quantile(c))
        return b.map { -zc * $0 / norm }
    }

    /// `w = exp(−θᵀz + |θ|²/2)` for a draw `z ~ N(θ, I)`: the density ratio `φ(z)/φ(z − θ)`.
    /// - Complexity: O(d).
    @inline(__always)
    static func weight(_ z: UnsafePointer<Double>, shift theta: UnsafePointer<Double>, halfNormSquared: Double,
                       count d: Int) -> Double {
        var s = 0.0
        for k in 0..<d { s += theta[k] * z[k] }
        return exp(halfNormSquared - s)
    }

    /// Entries an importance-sampled tail keeps for `n` scenarios.
    ///
    /// Under the shift the projected draw `u = −bᵀz/|b|` is `N(z_c, 1)`, so for the
    /// linear P&L the loss exceeds the VaR at level `α` with probability
    /// `Φ(z_c − Φ⁻¹(1 − α))` (one half at the shifted level). The tail keeps
    /// `⌈n · Φ(z_c − z_min + 1/2)⌉ + streamUnit` entries (`z_min` at the lowest
    /// confidence asked): half a standard deviation of margin for the batch
    /// groups' own VaRs and for exact P&L, capped at `n`. The estimator
    /// throws when a group's tail still runs short.
    /// Memory: 24 bytes per kept entry, so a few dozen bytes per scenario.
    static func capacity(levels: [ConfidenceLevel], scenarios n: Int) -> Int {
        let zc = max(0, Normal.quantile(levels.map(\.confidence).max()!))
        let zmin = Normal.quantile(levels.map(\.confidence).min()!)
        let fraction = Normal.cdf(zc - zmin + 0.5)
        return min(n, Int((Double(n) * fraction).rounded(.up)) + ScenarioGenerator.rowsPerUnit)
    }
}
