import TailRisk

/// The model-choice part of a backtest report (methods.md §8): the FZ0
/// ranking per level, the Diebold–Mariano p against the best, and the
/// recommendation.
extension BacktestReport {
    var rankingJSON: [(String, JSONValue)] {
        guard let ranking = analysis.ranking else { return [] }
        let picks: [JSONValue] = ranking.recommendations.map { level, method in
            .object([("confidence", .number(level.confidence)), ("method", method.map { .string($0) } ?? .null)])
        }
        return [
            ("ranking", self.ranking(ranking).json),
            ("ranking_convention", .string("mean FZ0 score (Patton, Ziegel & Chen 2019), losses as fractions of the basket "
                + "value; lower is better; dm_p: Diebold-Mariano against rank 1, Newey-West variance, floor(T^(1/3)) lags")),
            ("recommendation", .array(picks)),
        ]
    }

    var rankingLines: [String] {
        guard let ranking = analysis.ranking else { return [] }
        var lines = ["", "ranking by mean FZ0 score (losses as fractions of the basket value; lower is better):", self.ranking(ranking).text]
        for (level, method) in ranking.recommendations {
            let conf = Fmt.percent(level.confidence, decimals: 1)
            lines.append(method.map { "recommendation at \(conf): \($0) (passes its backtests with the lowest score)" }
                         ?? "recommendation at \(conf): none passes its VaR and ES backtests")
        }
        return lines
    }
}
