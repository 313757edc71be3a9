/// VaR and ES from the largest simulated losses, with the order-statistic
/// and Acerbi–Tasche conventions of methods.md §4.
///
/// With `k = n·α` (`ConfidenceLevel.tailCount`) and the losses in tail order
/// `L_(1) ≥ L_(2) ≥ …`: `VaR = L_(⌈k⌉)` and
/// `ES = (Σ_{i<⌈k⌉} L_(i) + L_(⌈k⌉)·(k − ⌈k⌉ + 1)) / k` (Acerbi & Tasche 2002),
/// the mean of the `k` largest losses when `k` is whole. The same weights give
/// the Euler contributions, so these sum to the ES.
public struct TailWeights: Sendable, Equatable {
    /// `k = n·α`.
    public let tailCount: Double
    /// `⌈k⌉`: the rank of the VaR scenario (1-based).
    public let varRank: Int
    /// Weight of the `⌈k⌉`-th scenario, `k − ⌈k⌉ + 1 ∈ (0, 1]`; earlier ranks weigh 1.
    public let lastWeight: Double

    /// - Precondition: `n·α ≥ 1` (validated by the engine as `--scenarios`).
    public init(level: ConfidenceLevel, scenarios n: Int) {
        tailCount = level.tailCount(n)
        precondition(tailCount >= 1, "fewer than one tail scenario")
        varRank = Int(tailCount.rounded(.up))
        lastWeight = tailCount - Double(varRank) + 1
    }

    /// The weight of the scenario at 0-based `rank` in tail order.
    @inline(__always)
    public func weight(rank: Int) -> Double {
        rank < varRank - 1 ? 1 : (rank == varRank - 1 ? lastWeight : 0)
    }
}

enum TailEstimator {
    /// Entries a tail buffer must keep for `n` scenarios: the VaR rank and the
    /// order statistic of the upper end of the VaR confidence interval, at every level.
    static func capacity(levels: [ConfidenceLevel], scenarios n: Int) -> Int {
        levels.map { level in
            max(TailWeights(level: level, scenarios: n).varRank, Precision.valueAtRiskRanks(level: level, scenarios: n).upper)
        }.max()!
    }

    /// The Monte Carlo estimate at one level from losses in tail order
    /// (`tail.count ≥ capacity(levels:scenarios:)`): VaR, ES, the 95% VaR
    /// interval from binomial order statistics and the standard error of the ES.
    /// Sums run in tail order, so the result depends on the tail alone.
    /// - Complexity: O(⌈k⌉) plus O(log n) binomial CDF evaluations.
    static func estimate(tail: [Double], scenarios n: Int, level: ConfidenceLevel) -> RiskEstimate {
        let w = TailWeights(level: level, scenarios: n)
        precondition(tail.count >= w.varRank, "tail shorter than the VaR rank")
        let valueAtRisk = tail[w.varRank - 1]
        var sum = 0.0
        for i in 0..<w.varRank { sum += w.weight(rank: i) * tail[i] }
        let expectedShortfall = sum / w.tailCount
        let ranks = Precision.valueAtRiskRanks(level: level, scenarios: n)
        let interval = tail[min(ranks.upper, tail.count) - 1]...tail[ranks.lower - 1]
        let se = Precision.expectedShortfallStandardError(
            tail: tail[0..<w.varRank], valueAtRisk: valueAtRisk, expectedShortfall: expectedShortfall,
            alpha: level.alpha, tailCount: w.tailCount)
        var notes: [String] = []
        if valueAtRisk < 0 { notes.append("VaR is negative: the \(level) quantile of the loss is a gain") }
        return RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: valueAtRisk,
                            expectedShortfall: expectedShortfall, valueAtRiskInterval: interval,
                            expectedShortfallStandardError: se, notes: notes)
    }
}
