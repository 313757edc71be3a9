import TailRisk

/// The copula part of a backtest report (issue 13): `copulas` in the JSON, one object per
/// copula law backtested (var's `copula`, as fitted on the last forecast day's window,
/// with the rule every day refits by), and a line under the table's header.
extension BacktestReport {
    var copulaJSON: [(String, JSONValue)] {
        let assets = analysis.series.assets
        let dates = analysis.series.dates
        let items: [JSONValue] = analysis.copulas.map { c in
            var nu: JSONValue = .null
            if case let .tCopula(given) = c.spec.law { nu = given.map { .number($0) } ?? .string("fit") }
            return .object([
                ("method", .string(c.method)), ("refitted", "on every day's window (correlation, marginals, and ν under fit)"),
                ("df_rule", nu), ("tails", .string(c.spec.tails.rawValue)),
                ("filter", ModelJSON.filter(c.spec.filter)),
                ("last_window", .object([("from", .string(dates[c.rows.lowerBound].description)),
                                         ("to", .string(dates[c.rows.upperBound - 1].description)),
                                         ("returns", .integer(c.rows.count))])),
                ("copula", ModelJSON.copula(c.law, assets: assets)),
            ])
        }
        return [("copulas", .array(items))]
    }

    /// `copulas: …` describing each copula law's rule, or nothing without one.
    var copulaLine: String? {
        guard !analysis.copulas.isEmpty else { return nil }
        let parts = analysis.copulas.map { c -> String in
            var s = c.spec.law.name
            if case let .tCopula(given) = c.spec.law {
                s += given.map { " ν \(Fmt.fixed($0, decimals: 2))" } ?? " ν fitted on each window"
                if let t = c.law as? TCopulaLaw, given == nil { s += " (last \(Fmt.fixed(t.degreesOfFreedom, decimals: 2)))" }
            }
            return s
        }
        let first = analysis.copulas[0].spec
        let margins = first.filter.map { "empirical marginals of the \($0.name) residuals" } ?? "empirical marginals of the returns"
        return "copulas: \(parts.joined(separator: ", ")); \(margins), \(first.tails.rawValue) tails, τ-b correlation refitted on each window"
    }
}
