import TailRisk

/// Formats a `StressAnalysis` as a table, JSON and CSV files.
struct StressReport: Report {
    let analysis: StressAnalysis
    let provenance: Provenance

    var unit: String { analysis.numeraire.name }
    var horizon: Int { analysis.policy.horizon }

    private var returnsNote: String {
        switch analysis.numeraire {
        case let .asset(d): return "log returns relative to \(d) (r_i − r_\(d)); values in \(d)"
        case let .currency(c): return "plain log returns; values in \(c)"
        }
    }

    private static func date(_ d: Day?) -> JSONValue { d.map { .string($0.description) } ?? .null }

    // MARK: JSON

    private func outcomeJSON(_ o: HaircutAnalysis.Outcome) -> JSONValue {
        let b = o.report.basket
        let e = o.simulation.estimates[0]
        return .object([
            ("portfolio_var", .number(e.valueAtRisk)), ("portfolio_es", .number(e.expectedShortfall)),
            ("haircut_portfolio", .number(b.haircutPortfolio)), ("haircut_sum", .number(b.haircutSum)),
            ("credited_haircut", .number(b.creditedHaircut)),
            ("standalone_haircuts", .object(o.report.assets.map { ($0.asset, .number($0.standaloneHaircut)) })),
            ("liquidation_thresholds", .object(o.report.assets.map { ($0.asset, .number($0.liquidationThreshold)) })),
            ("health_factor", .optional(b.healthFactor)), ("max_borrow", .number(b.maxBorrow)),
        ])
    }

    private func depegJSON(_ r: DepegScenario.Result) -> JSONValue {
        .object([
            ("depeg", .string(r.spec.text)), ("asset", .string(r.spec.asset)), ("severity", .number(r.spec.severity)),
            ("probability", .number(r.spec.probability)), ("debt_asset", .bool(r.isDebtAsset)),
            ("before", outcomeJSON(r.before)), ("after", outcomeJSON(r.after)),
        ])
    }

    private func breakJSON(_ r: CorrelationBreak.Result) -> JSONValue {
        .object([
            ("set_correlation", .string(r.spec.text)),
            ("pairs", .array(r.pairs.map { p in
                .object([("a", .string(p.a)), ("b", .string(p.b)), ("set", .number(p.value)), ("fitted", .number(p.fitted))])
            })),
            ("repair", .object([
                ("method", .string(Self.repairMethod(r))),
                ("iterations", .integer(r.repair.iterations)), ("frobenius_distance", .number(r.repair.frobeniusDistance)),
                ("minimum_eigenvalue_before", .number(r.repair.minimumEigenvalueBefore)),
                ("minimum_eigenvalue_after", .number(r.repair.minimumEigenvalueAfter)),
            ])),
            // Correlations not set that the nearest matrix moved (|Δ| ≥ 1e-6), largest first.
            ("changed", .array(r.changed.map { c in
                .object([("a", .string(c.a)), ("b", .string(c.b)), ("fitted", .number(c.fitted)), ("after", .number(c.after))])
            })),
            ("tied", .array(r.tied.map { .strings($0) })),
            ("standalone_haircuts_from", "the unbroken model (a correlation changes no marginal law)"),
            ("before", outcomeJSON(r.before)), ("after", outcomeJSON(r.after)),
        ])
    }

    /// `none`, `higham-fixed`, `tied` (±1 set: the tied assets' groups), or `tied+higham-fixed`.
    private static func repairMethod(_ r: CorrelationBreak.Result) -> String {
        let parts = (r.tied.isEmpty ? [] : ["tied"]) + (r.repair.iterations > 0 ? ["higham-fixed"] : [])
        return parts.isEmpty ? "none" : parts.joined(separator: "+")
    }

    /// One line per break: fitted values, the repair, and the other correlations it moved.
    private func breakLines(_ r: CorrelationBreak.Result) -> [String] {
        let fitted = r.pairs.map { "\($0.a):\($0.b) fitted \(Fmt.fixed($0.fitted, decimals: 3))" }
        var repair = r.repair.iterations == 0 ? (r.tied.isEmpty ? "no repair needed" : "no further repair needed")
            : "Higham with the entries fixed, \(r.repair.iterations) iterations, ‖ΔC‖_F \(Fmt.fixed(r.repair.frobeniusDistance, decimals: 4)), "
                + "smallest eigenvalue \(Fmt.scientific(r.repair.minimumEigenvalueBefore)) → \(Fmt.scientific(r.repair.minimumEigenvalueAfter))"
        if !r.tied.isEmpty {
            repair = "ρ = ±1 ties \(r.tied.map { $0.joined(separator: ", ") }.joined(separator: "; ")): they move as one, up to sign "
                + "(singular, factored exactly; their other correlations averaged), " + repair
        }
        var lines = ["\(r.spec.text): \(fitted.joined(separator: ", ")); \(repair)"]
        let shown = r.changed.filter { abs($0.after - $0.fitted) >= 0.0005 }
        if !shown.isEmpty {
            let listed = shown.prefix(8).map {
                "\($0.a):\($0.b) \(Fmt.fixed($0.fitted, decimals: 3)) → \(Fmt.fixed($0.after, decimals: 3))"
            }
            let more = shown.count > 8 ? " and \(shown.count - 8) more (JSON: changed)" : ""
            lines.append("  other correlations moved to keep the matrix a correlation matrix: \(listed.joined(separator: ", "))\(more)")
        } else if !r.changed.isEmpty {
            lines.append("  other correlations moved by less than 0.0005 (JSON: changed)")
        }
        return lines
    }

    /// `Σ C_i LT_i / D` today.
    var healthFactorToday: Double? {
        guard let lts = analysis.thresholds, let d = analysis.policy.debtAmount else { return nil }
        return zip(analysis.values, lts).map { $0 * $1 }.reduce(0, +) / d
    }

    var json: JSONValue {
        let a = analysis
        let fields: [(String, JSONValue)] = [
            ("numeraire", .object([
                ("name", .string(unit)), ("debt_asset_is_column", .bool(a.numeraire != .currency(unit))),
                ("returns", .string(returnsNote)),
            ])),
            ("valuation_date", .string(a.series.endDate.description)),
            ("collateral", .object(zip(a.policy.collateral, a.values).map {
                ($0.0.asset, .object([("quantity", .number($0.0.quantity)), ("value", .number($0.1))]))
            })),
            ("debt", .optional(a.policy.debtAmount)),
            ("liquidation_thresholds", a.thresholds.map { lts in
                .object(zip(a.policy.collateral, lts).map { ($0.0.asset, .number($0.1)) })
            } ?? .null),
            ("liquidation_thresholds_from", a.thresholdSource.map { .string($0 == .given ? "--lt" : "haircut LT(H)") } ?? .null),
            ("horizon", .integer(horizon)), ("horizon_unit", "rows of the aligned table"),
            ("confidence", .number(a.policy.confidence)),
            // What produced the simulated figures (shocks' model, depegs, correlation breaks, haircut LTs).
            ("estimator", .string((a.policy.model.estimator ?? .sample).rawValue)),
            ("distribution", .string((a.policy.model.law ?? .normal).name)),
            ("seed", .string(String(a.policy.seed ?? SimulationSettings.defaultSeed))),
            ("scenarios", a.policy.scenarios.map { .integer($0) } ?? .integer(SimulationSettings().scenarios)),
            ("policy", .object(a.policy.echo.map { ($0.key, HaircutOutput.json($0.value)) })),
            ("replays", replays.json),
            ("shocks", shocks.json),
            ("depegs", .array(a.depegs.map(depegJSON))),
            ("correlation_breaks", .array(a.correlationBreaks.map(breakJSON))),
            ("notes", .strings(a.notes)),
        ]
        guard case let .object(head) = provenance.json else { return .object(fields) }
        return .object(head + fields)
    }

    var csv: String { replaysCSV }

    var files: [(name: String, text: String)] { [("replays.csv", replaysCSV)] + pathFiles }

    // MARK: Table

    private func comparison(_ title: String, _ rows: [(String, HaircutAnalysis.Outcome, HaircutAnalysis.Outcome)]) -> [String] {
        let a = analysis
        var lines: [String] = []
        let m = "\(a.policy.measure == .es ? "ES" : "VaR") \(Fmt.percent(a.policy.confidence, decimals: 1))"
        lines.append("\(title) (\(m), horizon \(horizon), current covariance, same seed): before → after")
        var t = TextTable(["scenario", "portfolio ES", "H_p", "credited", "HF (standalone LTs)"]
                          + a.policy.collateral.map { "H(\($0.asset))" })
        for (label, before, after) in rows {
            let b = before.report, f = after.report
            func arrow(_ x: Double, _ y: Double, _ fmt: (Double) -> String) -> String { "\(fmt(x)) → \(fmt(y))" }
            let hf = b.basket.healthFactor.flatMap { x in f.basket.healthFactor.map { arrow(x, $0) { Fmt.fixed($0, decimals: 3) } } } ?? "-"
            t.append([label,
                      arrow(before.simulation.estimates[0].expectedShortfall, after.simulation.estimates[0].expectedShortfall) { Fmt.money($0) },
                      arrow(b.basket.haircutPortfolio, f.basket.haircutPortfolio) { Fmt.percent($0) },
                      arrow(b.basket.creditedHaircut, f.basket.creditedHaircut) { Fmt.percent($0) }, hf]
                     + zip(b.assets, f.assets).map { arrow($0.standaloneHaircut, $1.standaloneHaircut) { Fmt.percent($0) } })
        }
        lines.append(t.rendered)
        return lines
    }

    private var shockLines: [String] {
        let a = analysis
        var lines = a.replays.isEmpty ? [] : [""]
        lines.append("shocks over \(horizon) step\(horizon == 1 ? "" : "s") (simple returns; log return ln(1 + s)):")
        lines.append(shocks.text)
        if a.shocks.contains(where: \.conditional) {
            let n = a.shocks.compactMap { $0.conditionalRisk?.scenarios }.max() ?? 0
            lines.append("conditional: others at μ_o + Σ_os Σ_ss⁻¹ (r_s − μ_s) of the fitted model over the horizon; VaR/ES of the "
                         + "basket under N(that, Σ_oo − Σ_os Σ_ss⁻¹ Σ_so) with the exact P&L e^ρ − 1 (Monte Carlo, \(n) scenarios; "
                         + "the P&L linearised at the scenario is in the JSON as conditional_*_linearised)")
        }
        return lines
    }

    var table: String {
        let a = analysis
        var lines = [provenance.headline, "measured in \(unit): \(returnsNote); today's basket "
            + zip(a.policy.collateral, a.values).map { "\($0.0.asset) \(Fmt.money($0.1))" }.joined(separator: ", ")
            + " = \(Fmt.money(a.values.reduce(0, +))) \(unit)"]
        if let debt = a.policy.debtAmount, let lts = a.thresholds {
            let from = a.thresholdSource == .given ? "--lt" : "the haircut's standalone LT(H)"
            lines.append("debt \(Fmt.money(debt)) \(unit); liquidation thresholds (\(from)): "
                + zip(a.policy.collateral, lts).map { "\($0.0.asset) \(Fmt.percent($0.1))" }.joined(separator: ", "))
        }
        lines.append("")
        if !a.replays.isEmpty {
            lines.append(replays.text)
            lines.append("losses are positive (a negative loss is a gain); worst stretch: the dates of its first and last return")
        }
        if !a.shocks.isEmpty { lines += shockLines }
        if !a.depegs.isEmpty {
            if lines.last != "" { lines.append("") }
            lines += comparison("depegs", a.depegs.map { ($0.spec.text, $0.before, $0.after) })
        }
        if a.depegs.contains(where: \.isDebtAsset) {
            lines.append("a depeg of the debt asset moves every collateral asset by −ln(1 + severity): the danger is an upward move")
        }
        if !a.correlationBreaks.isEmpty {
            if lines.last != "" { lines.append("") }
            lines += comparison("correlation breaks", a.correlationBreaks.map { ($0.spec.text, $0.before, $0.after) })
            for r in a.correlationBreaks { lines += breakLines(r) }
            lines.append("standalone haircuts under a break are the unbroken run's: a correlation changes no single asset's law")
        }
        lines += a.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
