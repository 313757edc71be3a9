import Foundation

/// One method's backtest at one confidence level, as model choice sees it.
public struct ModelCandidate: Sendable, Equatable {
    /// The method id, e.g. `historical`, `fhs`, `fhs-garch`.
    public let name: String
    /// Whether its backtest passes (the VaR test and the ES test; an ES test that
    /// cannot be computed does not pass).
    public let passes: Bool
    /// Its mean FZ0 score over the days it scored (`nil` when it scored none).
    public let fz0: Double?
    /// Its daily FZ0 scores, aligned on the backtest's days (`nil` on a day without a score).
    public let dailyScores: [Double?]

    public init(name: String, passes: Bool, fz0: Double?, dailyScores: [Double?]) {
        self.name = name
        self.passes = passes
        self.fz0 = fz0
        self.dailyScores = dailyScores
    }

    /// A candidate whose mean score is that of its daily scores.
    public init(name: String, passes: Bool, scores: FZ0Scores) {
        self.init(name: name, passes: passes, fz0: scores.mean, dailyScores: scores.daily)
    }
}

/// One row of the ranking.
public struct ModelRankingRow: Sendable, Equatable {
    public let name: String
    public let passes: Bool
    public let fz0: Double?
    /// 1 for the lowest mean FZ0 score among all methods at the level (passing or not);
    /// `nil` for a method without a score.
    public let rank: Int?
    /// Diebold–Mariano of this method against the rank-1 method, `d_t = S_this − S_best`
    /// (a positive statistic: worse than the best); `nil` on the rank-1 row, for an
    /// unscored method, or with fewer than 2 days scored by both.
    public let dieboldMariano: DieboldMarianoTest?

    /// The two-sided p-value of `dieboldMariano` (JSON `dm_p`).
    public var dmP: Double? { dieboldMariano?.pValue }
}

/// Model choice at one confidence level (methods.md §8): a method is usable when its
/// backtest passes; methods are ranked by mean FZ0 score (Patton, Ziegel & Chen 2019),
/// each compared with the best by a Diebold–Mariano test on the days both scored, and
/// the recommendation is the passing method with the lowest score, or none.
///
/// Equal scores keep the candidates' order (ranks stay distinct); a `NaN` score counts
/// as no score. Methods without a score come last, unranked, in the candidates' order.
/// - Complexity: O(m log m + m · T · T^{1/3}) for `m` methods over `T` days.
public struct ModelRanking: Sendable, Equatable {
    /// The rows in rank order, unranked methods last.
    public let rows: [ModelRankingRow]
    /// The passing method with the lowest score; `nil` when none passes.
    public let recommendation: String?

    /// - Precondition: every candidate's daily scores cover the same days.
    public init(candidates: [ModelCandidate]) {
        precondition(candidates.allSatisfy { $0.dailyScores.count == candidates.first?.dailyScores.count },
                     "every method scored over the same days")
        func score(_ c: ModelCandidate) -> Double? { c.fz0.flatMap { $0.isNaN ? nil : $0 } }
        let scored = candidates.indices.filter { score(candidates[$0]) != nil }
            .sorted { a, b in
                let sa = score(candidates[a])!, sb = score(candidates[b])!
                return sa < sb || (sa == sb && a < b)
            }
        let unscored = candidates.indices.filter { score(candidates[$0]) == nil }
        let best = scored.first.map { candidates[$0] }
        var rows: [ModelRankingRow] = []
        for (position, i) in scored.enumerated() {
            let c = candidates[i]
            let dm = position == 0 ? nil : DieboldMarianoTest(c.dailyScores, best!.dailyScores)
            rows.append(ModelRankingRow(name: c.name, passes: c.passes, fz0: c.fz0, rank: position + 1, dieboldMariano: dm))
        }
        for i in unscored {
            let c = candidates[i]
            rows.append(ModelRankingRow(name: c.name, passes: c.passes, fz0: c.fz0, rank: nil, dieboldMariano: nil))
        }
        self.rows = rows
        recommendation = rows.first { $0.passes && $0.rank != nil }?.name
    }
}
