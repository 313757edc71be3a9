import TailRisk

/// Formats a `BacktestAnalysis` as a table, JSON, CSV and the long exceedance file.
struct BacktestReport: Report {
    let analysis: BacktestAnalysis
    let provenance: Provenance

    /// Significance of the pass/fail columns.
    static let significance = 0.05

    private var settings: BacktestAnalysis.Settings { analysis.settings }
    private var value: Double { analysis.portfolio.totalValue }
    private var firstForecast: Day { analysis.series.dates[settings.window] }
    private var usesMonteCarlo: Bool { settings.compareAll || settings.methods.contains(.monteCarlo) }
    private var usesCovariance: Bool { settings.methods.contains(.normal) || usesMonteCarlo }

    private func describe(_ d: InnovationLaw) -> String {
        if case let .studentT(nu) = d { return "t(\(Fmt.fixed(nu, decimals: 2)))" }
        if case let .skewT(nu, lambda) = d { return "skew-t(\(Fmt.fixed(nu, decimals: 2)), \(Fmt.fixed(lambda, decimals: 2)))" }
        if case let .tCopula(nu) = d { return "t-copula(\(nu.map { Fmt.fixed($0, decimals: 2) } ?? "ν fitted"))" }
        return d.name
    }

    /// `zero` or `sample` when a method backtested has a mean parameter, else `none` (issue 21).
    private var meanField: String {
        let reads = settings.compareAll || settings.methods.contains { MeanTreatment.readsMean($0, law: settings.model.law) }
        return reads ? (settings.model.zeroMean ? "zero" : "sample") : MeanTreatment.none.rawValue
    }

    var json: JSONValue {
        let assets = analysis.portfolio.assets
        var fields: [(String, JSONValue)] = [
            ("basket", .object([
                ("value", .number(value)), ("valuation_date", .string(analysis.series.endDate.description)),
                ("held", "constant position values V_i (rebalanced daily)"),
                ("positions", .array(zip(assets, analysis.portfolio.values).enumerated().map { i, p in
                    var o: [(String, JSONValue)] = [("asset", .string(p.0)), ("value", .number(p.1))]
                    if let q = analysis.portfolio.quantities { o.append(("quantity", .number(q[i]))) }
                    return .object(o)
                })),
            ])),
            ("window", .integer(settings.window)), ("forecast_days", .integer(analysis.days)),
            ("first_forecast", .string(firstForecast.description)),
            ("last_forecast", .string(analysis.series.endDate.description)),
            ("methods", .strings(analysis.methodIDs)),
            ("pnl", .string(settings.pnl.rawValue)), ("mean", .string(meanField)),
            ("quantile", .string(settings.quantile.rawValue)),
            ("estimator", usesCovariance ? .string(settings.model.estimator.rawValue) : .null),
            ("lambda", usesCovariance && settings.model.estimator == .ewma ? .number(settings.model.lambda) : .null),
            ("filter", ModelJSON.filter(settings.filterRead)),
        ]
        if usesMonteCarlo {
            fields += [
                ("seed", .string(String(settings.simulation.seed))),
                ("scenarios_per_day", .integer(settings.simulation.scenarios)),
                ("day_seed", "SplitMix64 mix(seed xor mix(t xor 0xBB67AE8584CAA73B)), t = row of the day in the returns"),
                ("distribution", .string(describe(settings.model.law))),
                ("antithetic", .bool(settings.simulation.antithetic)),
            ]
            if let target = settings.simulation.targetPrecision {
                fields += [("target_precision", .number(target)), ("max_scenarios_per_day", .integer(settings.simulation.maxScenarios))]
            }
        } else {
            fields += [("seed", .null), ("scenarios_per_day", .null)]
        }
        fields += copulaJSON
        fields += [("significance", .number(Self.significance)), ("tests", tests.json)]
        fields += rankingJSON
        var p = provenance
        p.extra = fields
        return p.json
    }

    var table: String {
        var lines = [provenance.headline]
        let positions = analysis.portfolio.positionsLine
        lines.append("basket value \(Fmt.money(value)) held constant: \(positions)")
        var model = "rolling window \(settings.window) returns; \(analysis.days) forecast days \(firstForecast) → \(analysis.series.endDate); P&L \(settings.pnl.rawValue)"
        if usesCovariance { model += "; estimator \(settings.model.estimator.rawValue)" }
        lines.append(model)
        if usesMonteCarlo {
            var mc = "monte-carlo: \(settings.simulation.scenarios) scenarios per day, \(describe(settings.model.law)), seed \(settings.simulation.seed) (per-day SplitMix64 seeds)"
            if settings.simulation.antithetic { mc += ", antithetic" }
            lines.append(mc)
        }
        if let copulaLine { lines.append(copulaLine) }
        lines.append("")
        lines.append(tests.text)
        lines.append("")
        lines.append("VaR passes when Kupiec and Christoffersen conditional-coverage p ≥ 5% and the zone is not red; ES passes when McNeil-Frey p ≥ 5%.")
        lines.append("Z2 < 0 means ES underestimated (at 97.5%: −0.70 is the 5% critical value). \(Fmt.fixed(analysis.seconds, decimals: 2)) s")
        lines += rankingLines
        let notes = analysis.results.flatMap { r in r.tests.notes.map { "note (\(r.method) \(r.level)): \($0)" } }
        lines += notes
        // Days a method could not forecast are left out of its tests; say how many and the first.
        var seen = Set<String>()
        for r in analysis.results where r.skippedDays > 0 && seen.insert(r.method).inserted {
            lines.append("note (\(r.method)): \(r.skippedDays) day(s) left out of its tests; first: \(r.skipReason ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// The JSON's `tests` fields, row for row (issue 12: format parity).
    var csv: String { tests.csv }

    var files: [(name: String, text: String)] { [("exceedances.csv", exceedancesCSV)] }
}
