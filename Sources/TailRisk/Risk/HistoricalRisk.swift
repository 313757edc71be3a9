import Foundation

/// How a historical VaR is read off the empirical loss distribution.
public enum QuantileConvention: String, Sendable, CaseIterable, Codable {
    /// `VaR = L_(⌈k⌉)` and the Acerbi–Tasche ES (the default; methods.md §4).
    case orderStatistic = "order-statistic"
    /// R type 7 / NumPy `linear` quantile, ES the mean of the losses at or
    /// beyond it (PerformanceAnalytics' convention).
    case linear
}

/// Historical (empirical) VaR and ES of a P&L sample.
///
/// Losses are `L = −P&L`, sorted descending `L_(1) ≥ L_(2) ≥ …`, and
/// `k = n·α` (`ConfidenceLevel.tailCount`, exact for round numbers).
/// - Order statistic: `VaR = L_(⌈k⌉)`,
///   `ES = (Σ_{i<⌈k⌉} L_(i) + L_(⌈k⌉)(k − ⌈k⌉ + 1)) / k` (Acerbi & Tasche 2002),
///   the mean of the `k` largest losses when `k` is whole.
/// - Linear: `VaR` the `c`-quantile of the losses with `h = (n − 1)c`,
///   `VaR = L[⌊h⌋] + (h − ⌊h⌋)(L[⌊h⌋+1] − L[⌊h⌋])` over ascending losses;
///   `ES` the mean of the losses `≥ VaR`.
public enum HistoricalRisk {
    /// VaR and ES at one level from losses (positive = loss).
    /// - Throws: `.insufficientData` when the sample is empty or `n·α` rounds to 0.
    /// - Complexity: O(n log n) (one sort).
    public static func estimate(losses: [Double], level: ConfidenceLevel,
                                convention: QuantileConvention = .orderStatistic) throws -> RiskEstimate {
        try estimates(sortedLosses: losses.sorted(by: >), levels: [level], convention: convention)[0]
    }

    /// VaR and ES at each level from a P&L series, sorting once.
    ///
    /// With `assetPnL` (`T × d`, rows summing to `pnl`) each estimate carries the
    /// Euler ES contributions `C_i = Σ_t w_t (−assetPnL_ti)`: the Acerbi–Tasche
    /// weights of the ES itself (`1/k` for the `⌈k⌉ − 1` largest losses,
    /// `(k − ⌈k⌉ + 1)/k` for the `⌈k⌉`-th, ties broken by row index), or `1/m` over
    /// the `m` losses `≥ VaR` under the linear convention, so they sum to the ES.
    /// - Throws: `.insufficientData` when the series is empty or `n·α` rounds to 0.
    /// - Complexity: O(n log n + levels·k·d).
    /// - Parameter method: the method the estimates are labelled with (`fhs` reuses this estimator).
    public static func estimates(pnl: [Double], assetPnL: Matrix? = nil, levels: [ConfidenceLevel],
                                 convention: QuantileConvention = .orderStatistic,
                                 method: RiskMethod = .historical) throws -> [RiskEstimate] {
        if let assetPnL { precondition(assetPnL.rows == pnl.count, "one asset P&L row per P&L observation") }
        // Indices of the losses in descending order, ties by index.
        let order = pnl.indices.sorted { a, b in
            let la = -pnl[a], lb = -pnl[b]
            return la > lb || (la == lb && a < b)
        }
        let sorted = order.map { -pnl[$0] }
        var result = try estimates(sortedLosses: sorted, levels: levels, convention: convention, method: method)
        guard let assetPnL else { return result }
        for (m, level) in levels.enumerated() {
            let weights = tailWeights(sortedLosses: sorted, level: level, valueAtRisk: result[m].valueAtRisk,
                                      convention: convention)
            var c = [Double](repeating: 0, count: assetPnL.cols)
            for (rank, w) in weights.enumerated() {
                let t = order[rank]
                for i in 0..<assetPnL.cols { c[i] -= w * assetPnL[t, i] }
            }
            result[m].contributions = c
        }
        return result
    }

    /// VaR and ES at each level from losses already sorted in descending order
    /// (the backtest's entry point: it sorts each window once).
    /// - Complexity: O(levels·k) for the order statistic, O(levels·n) for linear.
    public static func estimates(sortedLosses l: [Double], levels: [ConfidenceLevel],
                                 convention: QuantileConvention,
                                 method: RiskMethod = .historical) throws -> [RiskEstimate] {
        let n = l.count
        guard n > 0 else { throw TailRiskError.insufficientData(message: "historical VaR needs at least one observation") }
        return try levels.map { level in
            let (v, e): (Double, Double)
            let points: Double
            switch convention {
            case .orderStatistic:
                let k = level.tailCount(n)
                guard k > 0 else {
                    throw TailRiskError.insufficientData(
                        message: "\(n) observations leave no tail at confidence \(level) (n·α rounds to 0)")
                }
                let kc = Int(k.rounded(.up))
                var s = 0.0
                for i in 0..<(kc - 1) { s += l[i] }
                v = l[kc - 1]
                e = (s + v * (k - Double(kc) + 1)) / k
                points = k
            case .linear:
                v = linearQuantile(sortedDescending: l, probability: level.confidence)
                var s = 0.0, m = 0
                for x in l where x >= v { s += x; m += 1 }
                e = s / Double(m)
                points = Double(m)
            }
            var estimate = RiskEstimate(method: method, level: level, valueAtRisk: v, expectedShortfall: e)
            if v < 0 { estimate.notes.append(negativeVaRNote(level)) }
            if points < Double(minimumTailPoints) {
                estimate.notes.append(.unusable(
                    .sparseTail, "the ES at \(level) rests on \(points == points.rounded() ? String(Int(points)) : String(points)) of \(n) losses (fewer than "
                        + "\(minimumTailPoints)): too few tail points for a \(level) figure; use a longer history or a lower level"))
            }
            return estimate
        }
    }

    /// R type 7 / NumPy `linear` quantile at probability `p` of a sample sorted descending.
    static func linearQuantile(sortedDescending l: [Double], probability p: Double) -> Double {
        let n = l.count
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, n - 1)
        // Ascending position j is descending position n − 1 − j.
        let a = l[n - 1 - lo], b = l[n - 1 - hi]
        return a + (h - Double(lo)) * (b - a)
    }

    /// The weight of each rank (descending loss order) in the ES.
    private static func tailWeights(sortedLosses l: [Double], level: ConfidenceLevel, valueAtRisk: Double,
                                    convention: QuantileConvention) -> [Double] {
        switch convention {
        case .orderStatistic:
            let k = level.tailCount(l.count)
            let kc = Int(k.rounded(.up))
            var w = [Double](repeating: 1 / k, count: kc)
            w[kc - 1] = (k - Double(kc) + 1) / k
            return w
        case .linear:
            let m = l.prefix { $0 >= valueAtRisk }.count
            return [Double](repeating: 1 / Double(m), count: m)
        }
    }

    /// Fewer tail losses than this (`n·α`, or the losses at or beyond the VaR
    /// under `linear`) make a historical or FHS figure unusable.
    public static let minimumTailPoints = 5

    static func negativeVaRNote(_ level: ConfidenceLevel) -> RiskNote {
        "VaR at \(level) is negative (the quantile is a gain); reported as computed, not clipped"
    }
}
