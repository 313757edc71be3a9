import TailRisk

/// Formats a `BacktestAnalysis` as a table, JSON, CSV and the long exceedance file.
struct BacktestReport {
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
        if case let .tCopula(nu) = d { return "t-copula(\(nu.map { Fmt.fixed($0, decimals: 2) } ?? "ν fitted"))" }
        return d.name
    }

    /// `zero` or `sample` when a method backtested has a mean parameter, else `none` (issue 21).
    private var meanField: String {
        let reads = settings.compareAll || settings.methods.contains { MeanTreatment.readsMean($0, law: settings.model.law) }
        return reads ? (settings.model.zeroMean ? "zero" : "sample") : MeanTreatment.none.rawValue
    }

    private func pass(_ b: Bool?) -> String { b.map { $0 ? "pass" : "FAIL" } ?? "–" }

    var json: JSONValue {
        let s = Self.significance
        let tests: [JSONValue] = analysis.results.map { r in
            let t = r.tests
            var pairs: [(String, JSONValue)] = [
                ("method", .string(r.method)), ("confidence", .number(r.level.confidence)),
                ("observations", .integer(t.observations)), ("exceedances", .integer(t.exceedances)),
                ("exceedance_rate", .number(Double(t.exceedances) / Double(t.observations))),
                ("expected_exceedances", .number(Double(t.observations) * r.level.alpha)),
                ("kupiec_lr", .number(t.kupiecLR)), ("kupiec_p", .number(t.kupiecP)),
                ("christoffersen_lr_ind", .number(t.christoffersenLRInd)),
                ("christoffersen_p_ind", .number(t.christoffersenPInd)),
                ("christoffersen_lr_cc", .number(t.christoffersenLRCC)),
                ("christoffersen_p_cc", .number(t.christoffersenPCC)),
                ("traffic_light", .string(t.trafficLight.rawValue)),
                ("mcneil_frey_t", .optional(t.mcneilFreyT)), ("mcneil_frey_p", .optional(t.mcneilFreyP)),
                ("acerbi_szekely_z2", .optional(t.acerbiSzekelyZ2)),
                ("var_pass", .bool(t.varPasses(at: s))),
                ("es_pass", t.expectedShortfallPasses(at: s).map { .bool($0) } ?? .null),
            ]
            pairs.append(("skipped_days", .integer(r.skippedDays)))
            if let reason = r.skipReason { pairs.append(("first_skipped", .string(reason))) }
            if !t.notes.isEmpty { pairs.append(("notes", .strings(t.notes))) }
            return .object(pairs)
        }
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
        fields += [("significance", .number(Self.significance)), ("tests", .array(tests))]
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
        var t = TextTable(["method", "conf", "days", "exc", "rate", "exp", "Kupiec LR", "p", "ind p", "cc p",
                           "zone", "MF t", "MF p", "AS Z2", "VaR test", "ES test"])
        for r in analysis.results {
            let x = r.tests
            t.append([r.method, Fmt.percent(r.level.confidence, decimals: 1), "\(x.observations)", "\(x.exceedances)",
                      Fmt.percent(Double(x.exceedances) / Double(x.observations)),
                      Fmt.fixed(Double(x.observations) * r.level.alpha, decimals: 1),
                      Fmt.fixed(x.kupiecLR, decimals: 2), Fmt.fixed(x.kupiecP, decimals: 3),
                      Fmt.fixed(x.christoffersenPInd, decimals: 3), Fmt.fixed(x.christoffersenPCC, decimals: 3),
                      x.trafficLight.rawValue, x.mcneilFreyT.map { Fmt.fixed($0, decimals: 2) } ?? "–",
                      x.mcneilFreyP.map { Fmt.fixed($0, decimals: 3) } ?? "–", x.acerbiSzekelyZ2.map { Fmt.fixed($0, decimals: 2) } ?? "–",
                      pass(x.varPasses(at: Self.significance)), pass(x.expectedShortfallPasses(at: Self.significance))])
        }
        lines.append(t.rendered)
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

    var csv: String {
        // The JSON's `tests` fields, row for row (issue 12: format parity).
        let keys = ["method", "confidence", "observations", "exceedances", "exceedance_rate", "expected_exceedances", "kupiec_lr", "kupiec_p",
                    "christoffersen_lr_ind", "christoffersen_p_ind", "christoffersen_lr_cc", "christoffersen_p_cc",
                    "traffic_light", "mcneil_frey_t", "mcneil_frey_p", "acerbi_szekely_z2", "var_pass", "es_pass",
                    "skipped_days", "notes"]
        var rows = [keys.joined(separator: ",")]
        for r in analysis.results {
            let t = r.tests
            let s = Self.significance
            rows.append([r.method, "\(r.level.confidence)", "\(t.observations)", "\(t.exceedances)",
                         "\(Double(t.exceedances) / Double(t.observations))", "\(Double(t.observations) * r.level.alpha)", "\(t.kupiecLR)",
                         "\(t.kupiecP)", "\(t.christoffersenLRInd)", "\(t.christoffersenPInd)",
                         "\(t.christoffersenLRCC)", "\(t.christoffersenPCC)", t.trafficLight.rawValue,
                         t.mcneilFreyT.map { "\($0)" } ?? "", t.mcneilFreyP.map { "\($0)" } ?? "",
                         t.acerbiSzekelyZ2.map { "\($0)" } ?? "", "\(t.varPasses(at: s))",
                         t.expectedShortfallPasses(at: s).map { "\($0)" } ?? "", "\(r.skippedDays)",
                         NoteOutput.csvField(t.notes.joined(separator: " | "))].joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Every forecast day of every method and level, in long form.
    var exceedancesCSV: String {
        var rows = ["date,method,confidence,pnl,var,es,exceeded"]
        for r in analysis.results {
            for d in r.days {
                rows.append("\(d.date),\(r.method),\(r.level.confidence),\(d.pnl),\(d.valueAtRisk),\(d.expectedShortfall),\(d.exceeded)")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
