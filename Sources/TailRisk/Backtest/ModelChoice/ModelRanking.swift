/// Choosing the model (methods.md §8): a method is usable when its backtest
/// passes (VaR test and ES test; an ES test that cannot be computed does not
/// pass); methods are ranked at each level by their mean FZ0 score (1 = the
/// lowest among all methods at that level, passing or not), each compared
/// with the rank-1 method by Diebold–Mariano, and the recommendation is the
/// passing method with the lowest score, or none.
public struct ModelRanking: Sendable {
    public struct Row: Sendable {
        public let method: String
        public let level: ConfidenceLevel
        /// Mean FZ0 score over the days with `ES > 0`.
        public let fz0: Double
        public let rank: Int
        public let passes: Bool
        /// Diebold–Mariano p against the rank-1 method (`nil` on that row).
        public let dmP: Double?
        /// Days left out of the score (ES ≤ 0).
        public let leftOut: Int
    }

    public let rows: [Row]
    /// The recommended method per level (in the levels' order): `nil` when none passes.
    public let recommendations: [(level: ConfidenceLevel, method: String?)]

    private struct Scored {
        let result: BacktestResult
        let daily: [(date: Day, score: Double)]
        let mean: Double
        let leftOut: Int
    }

    /// Ranks the backtest results of every method at each level.
    /// - Parameter base: the basket value the losses are divided by (fractions).
    /// - Complexity: O(methods · days · T^{1/3}).
    public init(results: [BacktestResult], base: Double) {
        var rows: [Row] = []
        var recommendations: [(ConfidenceLevel, String?)] = []
        var levels: [ConfidenceLevel] = []
        for r in results where !levels.contains(r.level) { levels.append(r.level) }
        for level in levels {
            let group = results.filter { $0.level == level }
            var scored: [Scored] = []
            for r in group {
                let (s, leftOut) = FZ0Score.scores(r.days, alpha: level.alpha, base: base)
                var daily: [(date: Day, score: Double)] = []
                for (d, x) in zip(r.days, s) { if let x { daily.append((date: d.date, score: x)) } }
                let total = daily.reduce(0.0) { $0 + $1.score }
                scored.append(Scored(result: r, daily: daily, mean: daily.isEmpty ? .infinity : total / Double(daily.count),
                                     leftOut: leftOut))
            }
            let order = scored.indices.sorted { a, b in
                scored[a].mean < scored[b].mean || (scored[a].mean == scored[b].mean && a < b)
            }
            let best = order.first
            for (position, i) in order.enumerated() {
                let s = scored[i]
                let passes = s.result.tests.varPasses() && (s.result.tests.expectedShortfallPasses() ?? false)
                let dm = i == best ? nil : best.map { DieboldMariano(s.daily, scored[$0].daily).pValue }
                rows.append(Row(method: s.result.method, level: level, fz0: s.mean, rank: position + 1, passes: passes,
                                dmP: dm, leftOut: s.leftOut))
            }
            let pick = rows.filter { $0.level == level && $0.passes }.min { $0.rank < $1.rank }
            recommendations.append((level, pick?.method))
        }
        self.rows = rows
        self.recommendations = recommendations
    }
}
