import TailRisk

/// The model-choice part of a backtest report (methods.md §8): the FZ0
/// ranking per level, the Diebold–Mariano p against the best, and the
/// recommendation.
extension BacktestReport {
    var rankingJSON: [(String, JSONValue)] {
        guard let ranking = analysis.ranking else { return [] }
        let rows: [JSONValue] = ranking.rows.map { r in
            .object([
                ("method", .string(r.method)), ("confidence", .number(r.level.confidence)),
                ("fz0", r.fz0.isFinite ? .number(r.fz0) : .null), ("rank", .integer(r.rank)),
                ("passes", .bool(r.passes)), ("dm_p", r.dmP.map { .number($0) } ?? .null),
                ("days_left_out", .integer(r.leftOut)),
            ])
        }
        let picks: [JSONValue] = ranking.recommendations.map { level, method in
            .object([("confidence", .number(level.confidence)), ("method", method.map { .string($0) } ?? .null)])
        }
        return [
            ("ranking", .array(rows)),
            ("ranking_convention", .string("mean FZ0 score (Patton, Ziegel & Chen 2019), losses as fractions of the basket "
                + "value; lower is better; dm_p: Diebold-Mariano against rank 1, Newey-West variance, floor(T^(1/3)) lags")),
            ("recommendation", .array(picks)),
        ]
    }

    var rankingLines: [String] {
        guard let ranking = analysis.ranking else { return [] }
        var t = TextTable(["rank", "method", "conf", "FZ0", "DM p vs best", "passes"])
        for r in ranking.rows {
            t.append(["\(r.rank)", r.method, Fmt.percent(r.level.confidence, decimals: 1),
                      r.fz0.isFinite ? Fmt.fixed(r.fz0, decimals: 4) : "–",
                      r.dmP.map { Fmt.fixed($0, decimals: 3) } ?? "(best)", r.passes ? "yes" : "no"])
        }
        var lines = ["", "ranking by mean FZ0 score (losses as fractions of the basket value; lower is better):", t.rendered]
        for (level, method) in ranking.recommendations {
            let conf = Fmt.percent(level.confidence, decimals: 1)
            lines.append(method.map { "recommendation at \(conf): \($0) (passes its backtests with the lowest score)" }
                         ?? "recommendation at \(conf): none passes its VaR and ES backtests")
        }
        return lines
    }
}
