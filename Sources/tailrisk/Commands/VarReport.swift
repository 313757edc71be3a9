import TailRisk

/// Formats a `RiskAnalysis` as a table, JSON and CSV.
struct VarReport {
    let analysis: RiskAnalysis
    let provenance: Provenance

    private var value: Double { analysis.portfolio.totalValue }
    /// The denominator of the fractions (net value, or gross exposure for a short book).
    private var base: Double { analysis.portfolio.fractionBase.value }
    private var settings: RiskAnalysis.Settings { analysis.settings }

    private var simulationFields: [(String, JSONValue)] {
        guard let s = analysis.simulation else { return [("seed", .null), ("scenarios", .null)] }
        var f: [(String, JSONValue)] = [
            ("seed", .string(String(s.seed))), ("scenarios", .integer(s.scenarios)),
            ("stream_unit", .integer(s.streamUnit)), ("distribution", .string(describe(settings.model.law))),
            ("antithetic", .bool(settings.simulation.antithetic)),
            ("variance_reduction", .string(settings.simulation.varianceReduction.rawValue)),
        ]
        if let target = settings.simulation.targetPrecision {
            f.append(("target_precision", .number(target)))
            f.append(("precision_reached", s.precisionReached.map { .bool($0) } ?? .null))
        }
        return f
    }

    /// The filter in force when a method or the law reads one.
    private var filter: VolatilityFilterSpec? {
        let reads = settings.methods.contains(.fhs) || (settings.methods.contains(.monteCarlo) && settings.model.law.usesFilter)
        return reads ? settings.model.effectiveFilter : nil
    }

    private func describe(_ d: InnovationLaw) -> String {
        if case let .studentT(nu) = d { return "t(\(Fmt.fixed(nu, decimals: 2)))" }
        return d.name
    }

    var json: JSONValue {
        let assets = analysis.portfolio.assets
        let results: [JSONValue] = zip(analysis.estimates, analysis.modelRisk).map { e, risk in
            var pairs: [(String, JSONValue)] = [
                ("method", .string(analysis.methodID(e.method))), ("confidence", .number(e.level.confidence)),
                ("var", .number(e.valueAtRisk)), ("es", .number(e.expectedShortfall)),
                ("var_fraction", .number(e.valueAtRisk / base)), ("es_fraction", .number(e.expectedShortfall / base)),
            ]
            if let ci = e.valueAtRiskInterval { pairs.append(("var_ci", .numbers([ci.lowerBound, ci.upperBound]))) }
            if let se = e.expectedShortfallStandardError { pairs.append(("es_se", .number(se))) }
            if e.method == .monteCarlo, let sim = analysis.simulation, let factors = sim.varianceReductionFactors,
               let i = sim.estimates.firstIndex(where: { $0.level == e.level }) {
                pairs.append(("variance_reduction_factor", factors[i].isFinite ? .number(factors[i]) : .null))
            }
            if let c = e.contributions {
                pairs.append(("es_contributions", .object(zip(assets, c).map { ($0.0, .number($0.1)) })))
            }
            pairs.append(("horizon_treatment", .string(analysis.horizonTreatment[e.method] ?? "")))
            if !e.notes.isEmpty { pairs.append(("notes", .strings(e.notes))) }
            pairs.append(("model_risk", ModelJSON.modelRisk(risk)))
            return .object(pairs)
        }
        let cov = analysis.covariance
        var fields: [(String, JSONValue)] = [
            ("basket", .object([
                ("value", .number(value)), ("fractions_of", .string(analysis.portfolio.fractionBase.name)),
                ("currency_note", "values in the price currency of the file"),
                ("valuation_date", .string(analysis.series.endDate.description)),
                ("positions", .array(zip(assets, analysis.portfolio.values).enumerated().map { i, p in
                    var o: [(String, JSONValue)] = [("asset", .string(p.0)), ("value", .number(p.1))]
                    if let q = analysis.portfolio.quantities { o.append(("quantity", .number(q[i]))) }
                    return .object(o)
                })),
            ])),
            ("horizon", .integer(settings.horizon)), ("horizon_unit", "rows of the aligned table"),
            ("pnl", .string(settings.pnl.rawValue)), ("mean", .string(settings.model.zeroMean ? "zero" : "sample")),
            ("quantile", .string(settings.quantile.rawValue)),
            ("estimator", .string(cov.estimator.rawValue)), ("shrinkage", .optional(cov.shrinkage)),
            ("lambda", .optional(cov.lambda)), ("repair", analysis.factored.repair.json),
            ("filter", ModelJSON.filter(filter, fits: analysis.model.filters, assets: assets)),
            ("copula", ModelJSON.copula(analysis.model.law, assets: assets)),
        ]
        fields += simulationFields
        fields.append(("results", .array(results)))
        var provenanceFields = provenance
        provenanceFields.extra = fields
        return provenanceFields.json
    }

    var table: String {
        var lines = [provenance.headline]
        let positions = analysis.portfolio.positionsLine
        lines.append("basket value \(Fmt.money(value)) on \(analysis.series.endDate): \(positions)")
        if analysis.portfolio.totalValue <= 0 {
            lines.append("VaR % and ES % are fractions of the \(analysis.portfolio.fractionBase.name)")
        }
        var model = "estimator \(analysis.covariance.estimator.rawValue)"
        if let s = analysis.covariance.shrinkage { model += " (shrinkage \(Fmt.fixed(s, decimals: 4)))" }
        model += "; repair: \(analysis.factored.repair.summary); horizon \(settings.horizon) step(s); P&L \(settings.pnl.rawValue)"
        lines.append(model)
        lines.append("")
        var t = TextTable(["method", "conf", "VaR", "VaR %", "ES", "ES %", "VaR 95% CI", "SE(ES)"])
        for e in analysis.estimates {
            let ci = e.valueAtRiskInterval.map { "\(Fmt.amount($0.lowerBound))–\(Fmt.amount($0.upperBound))" } ?? ""
            let se = e.expectedShortfallStandardError.map { Fmt.amount($0) } ?? ""
            t.append([analysis.methodID(e.method), Fmt.percent(e.level.confidence, decimals: 1), Fmt.money(e.valueAtRisk),
                      Fmt.percent(e.valueAtRisk / base), Fmt.money(e.expectedShortfall),
                      Fmt.percent(e.expectedShortfall / base), ci, se])
        }
        lines.append(t.rendered)
        lines.append("")
        for m in settings.methods where m != .monteCarlo {
            lines.append("\(analysis.methodID(m)): \(analysis.horizonTreatment[m] ?? "")")
        }
        if let s = analysis.simulation {
            var text = "\(analysis.methodID(.monteCarlo)): \(analysis.horizonTreatment[.monteCarlo] ?? ""); \(Fmt.money(Double(s.scenarios), decimals: 0)) scenarios, "
                + "\(describe(settings.model.law)), seed \(s.seed)"
            if settings.simulation.antithetic { text += ", antithetic" }
            if settings.simulation.importanceSampling {
                let factors = (s.varianceReductionFactors ?? []).map { $0.isFinite ? Fmt.money($0, decimals: 0) : "∞" }
                text += ", importance sampling (variance reduction factor \(factors.joined(separator: ", ")))"
            }
            text += ", \(Fmt.fixed(s.seconds, decimals: 2)) s"
            if let reached = s.precisionReached, let target = settings.simulation.targetPrecision {
                text += reached ? "; SE(ES) below \(Fmt.percent(target, decimals: 2)) of ES" : "; target precision NOT reached (scenario cap)"
            }
            lines.append(text)
        }
        // One line per distinct note, naming the levels it applies to.
        var notes: [(key: String, levels: [String])] = []
        for e in analysis.estimates {
            for n in e.notes {
                let key = "\(analysis.methodID(e.method))|\(n)"
                if let i = notes.firstIndex(where: { $0.key == key }) {
                    notes[i].levels.append(e.level.description)
                } else {
                    notes.append((key, [e.level.description]))
                }
            }
        }
        for (key, levels) in notes {
            let parts = key.split(separator: "|", maxSplits: 1)
            lines.append("note (\(parts[0]) \(levels.joined(separator: ", "))): \(parts[1])")
        }
        for (e, risk) in zip(analysis.estimates, analysis.modelRisk) {
            guard let risk, risk.fires, let reference = risk.reference, let ref = risk.referenceES else { continue }
            lines.append("model risk (\(analysis.methodID(e.method)) \(e.level)): ES \(Fmt.money(risk.modelES)), "
                + "\(reference.rawValue) ES \(Fmt.money(ref)): \(risk.note)")
        }
        return lines.joined(separator: "\n")
    }

    var csv: String {
        var rows = ["method,confidence,var,es,var_fraction,es_fraction,var_ci_low,var_ci_high,es_se"]
        for e in analysis.estimates {
            let ci = e.valueAtRiskInterval
            rows.append([analysis.methodID(e.method), "\(e.level.confidence)", "\(e.valueAtRisk)", "\(e.expectedShortfall)",
                         "\(e.valueAtRisk / base)", "\(e.expectedShortfall / base)",
                         ci.map { "\($0.lowerBound)" } ?? "", ci.map { "\($0.upperBound)" } ?? "",
                         e.expectedShortfallStandardError.map { "\($0)" } ?? ""].joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The historical P&L series used (over the horizon), for plotting.
    var pnlCSV: String {
        var rows = ["date,pnl"]
        for (d, p) in zip(analysis.historicalDates, analysis.historicalPnL) { rows.append("\(d),\(p)") }
        return rows.joined(separator: "\n") + "\n"
    }
}
