import Foundation

/// Weighted VaR and ES of an importance-sampled tail, with batch-means precision (methods.md §10).
///
/// With the kept losses in tail order `L_(1) ≥ L_(2) ≥ …`, their likelihood
/// ratios `w_(i)`, cumulative weights `W_i = Σ_{j≤i} w_(j)` and `k = nα`:
/// `VaR = L_(i*)` with `i* = min{i : W_i ≥ k}`, i.e. the smallest loss `x` of
/// the sample with `Σ_j w_j 1{L_j > x} < k ≤ Σ_j w_j 1{L_j ≥ x}`, and
/// `ES = [Σ_{i<i*} w_(i) L_(i) + (k − W_{i*−1}) · VaR] / k`. With every weight 1
/// these are §4's order statistic `L_(⌈k⌉)` and Acerbi–Tasche ES. The same rank
/// weights (`w_(i)` before `i*`, `k − W_{i*−1}` at it) give the Euler
/// contributions, which thus sum to the ES.
///
/// Precision: the binomial interval of §4 does not hold under weights.
/// Scenario `j` belongs to batch group `j mod 32` (a function of the index
/// alone, so every split of the units gives the same groups, and a run of any
/// size has all 32); each group's VaR and ES are estimated from its own
/// scenarios (`k_g = n_g α`), and `SE = sd_g / √32`, the VaR interval
/// `VaR ± t_{31, 0.975} · sd_g(VaR) / √32`. The variance reduction factor is
/// `(SE_plain / SE)²` with §4's plain `SE_plain` evaluated at the weighted
/// estimates (the conditional variance weighted by the rank weights); +∞ (not measurable) when
/// `SE ≤ 10⁻¹² |ES|`, rounding rather than sampling error.
/// - Complexity: O(m) for `m` kept entries per level.
enum ImportanceEstimator {
    /// Batch groups of the batch-means precision.
    static let groups = 32
    /// `t_{31, 0.975}`, the Student-t quantile for 32 groups (standard tables).
    static let tQuantile = 2.039513

    /// `i*` (0-based rank), the weight before it and the VaR/ES, or nil when the
    /// kept tail's total weight stays below `k`.
    static func point(_ tail: [TailEntry], tailCount k: Double) -> (rank: Int, residual: Double, valueAtRisk: Double,
                                                                     expectedShortfall: Double)? {
        var cumulative = 0.0, sum = 0.0
        for (i, e) in tail.enumerated() {
            if cumulative + e.weight >= k {
                let residual = k - cumulative
                return (i, residual, e.loss, (sum + residual * e.loss) / k)
            }
            cumulative += e.weight
            sum += e.weight * e.loss
        }
        return nil
    }

    /// The rank weights of the ES (and of its Euler contributions) at one level.
    static func rankWeights(_ tail: [TailEntry], level: ConfidenceLevel, scenarios n: Int) throws -> RankWeights {
        let k = level.tailCount(n)
        guard let p = point(tail, tailCount: k) else { throw shortTail(level) }
        return RankWeights(varRank: p.rank + 1, tailCount: k, lastWeight: p.residual, weighted: true)
    }

    /// The estimate at one level and its variance reduction factor.
    /// - Throws: `TailRiskError.numerical` when the kept tail is too short for a batch group.
    static func estimate(tail: [TailEntry], scenarios n: Int, level: ConfidenceLevel) throws
        -> (estimate: RiskEstimate, factor: Double) {
        let k = level.tailCount(n)
        guard let p = point(tail, tailCount: k) else { throw shortTail(level) }
        // §4's plain SE at the weighted estimates.
        var ss = 0.0
        for i in 0...p.rank {
            let w = i < p.rank ? tail[i].weight : p.residual
            ss += w * (tail[i].loss - p.expectedShortfall) * (tail[i].loss - p.expectedShortfall)
        }
        let gap = p.expectedShortfall - p.valueAtRisk
        let plain = ((ss / k + (1 - level.alpha) * gap * gap) / k).squareRoot()
        // Batch means over the groups j mod G.
        let g = groups
        var members = [[TailEntry]](repeating: [], count: g)
        for e in tail { members[e.index % g].append(e) }
        var vars: [Double] = [], ess: [Double] = []
        for group in 0..<g {
            let ng = n / g + (group < n % g ? 1 : 0)
            guard let q = point(members[group], tailCount: Double(ng) * level.alpha) else { throw shortTail(level) }
            vars.append(q.valueAtRisk)
            ess.append(q.expectedShortfall)
        }
        let se = standardDeviation(ess) / Double(g).squareRoot()
        let half = tQuantile * standardDeviation(vars) / Double(g).squareRoot()
        var notes: [String] = []
        if p.valueAtRisk < 0 { notes.append("VaR is negative: the \(level) quantile of the loss is a gain") }
        let estimate = RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: p.valueAtRisk,
                                    expectedShortfall: p.expectedShortfall,
                                    valueAtRiskInterval: (p.valueAtRisk - half)...(p.valueAtRisk + half),
                                    expectedShortfallStandardError: se, notes: notes)
        // An SE at rounding level (every group's ES the same loss, e.g. a tail capped by empirical
        // marginals: 4e-14 on an ES of 589) gives no ratio: +∞ there, which the outputs call not measurable.
        let measurable = se > 1e-12 * abs(p.expectedShortfall)
        return (estimate, measurable ? (plain / se) * (plain / se) : .infinity)
    }

    static func standardDeviation(_ x: [Double]) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
    }

    static func shortTail(_ level: ConfidenceLevel) -> TailRiskError {
        .numerical(message: "importance sampling: the kept tail holds too little weight for the \(level) VaR of a batch group; use more scenarios")
    }
}

/// Weights of the tail ranks in the ES and its Euler contributions:
/// §4's Acerbi–Tasche weights (`TailWeights`), or the entries' likelihood ratios under importance sampling.
struct RankWeights: Sendable {
    /// The VaR rank (1-based).
    let varRank: Int
    /// `k = nα`.
    let tailCount: Double
    /// Weight at the VaR rank.
    let lastWeight: Double
    /// Whether earlier ranks weigh their entry's likelihood ratio (else 1).
    let weighted: Bool

    init(varRank: Int, tailCount: Double, lastWeight: Double, weighted: Bool) {
        self.varRank = varRank
        self.tailCount = tailCount
        self.lastWeight = lastWeight
        self.weighted = weighted
    }

    init(_ w: TailWeights) {
        self.init(varRank: w.varRank, tailCount: w.tailCount, lastWeight: w.lastWeight, weighted: false)
    }

    @inline(__always)
    func weight(rank: Int, entry: TailEntry) -> Double {
        rank < varRank - 1 ? (weighted ? entry.weight : 1) : (rank == varRank - 1 ? lastWeight : 0)
    }
}
