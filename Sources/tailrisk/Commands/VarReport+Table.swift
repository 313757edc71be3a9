import TailRisk

/// The terminal table and the CSV of `var` and `simulate`.
extension VarReport {
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
        // A row the tool calls unusable says so in the row itself (issue 12).
        let flagged = analysis.estimates.contains { $0.isUnusable }
        var t = TextTable(["method", "conf", "VaR", "VaR %", "ES", "ES %", "VaR 95% CI", "SE(ES)"] + (flagged ? ["flag"] : []),
                          leftAligned: [0, 8])
        for e in analysis.estimates {
            let ci = e.valueAtRiskInterval.map { "\(Fmt.amount($0.lowerBound))–\(Fmt.amount($0.upperBound))" } ?? ""
            let se = e.expectedShortfallStandardError.map { Fmt.amount($0) } ?? ""
            t.append([analysis.methodID(e.method), Fmt.percent(e.level.confidence, decimals: 1), Fmt.money(e.valueAtRisk),
                      Fmt.percent(e.valueAtRisk / base), Fmt.money(e.expectedShortfall),
                      Fmt.percent(e.expectedShortfall / base), ci, se] + (flagged ? [NoteOutput.mark(e.notes)] : []))
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
            text += ", \(Fmt.fixed(s.seconds, decimals: 2)) s"
            if let reached = s.precisionReached, let target = settings.simulation.targetPrecision {
                text += reached ? "; SE(ES) below \(Fmt.percent(target, decimals: 2)) of ES" : "; target precision NOT reached (scenario cap)"
            }
            lines.append(text)
        }
        lines += NoteOutput.lines(noteRows)
        for (e, risk) in zip(analysis.estimates, analysis.modelRisk) {
            guard let risk, risk.fires, let reference = risk.reference, let ref = risk.referenceES else { continue }
            lines.append("model risk (\(analysis.methodID(e.method)) \(e.level)): ES \(Fmt.money(risk.modelES)), "
                + "\(reference.rawValue) ES \(Fmt.money(ref)): \(risk.note)")
        }
        return lines.joined(separator: "\n")
    }

    /// One row per method and level; `unusable,notes` close every row.
    var csv: String {
        var rows = ["method,confidence,var,es,var_fraction,es_fraction,var_ci_low,var_ci_high,es_se,unusable,notes"]
        for e in analysis.estimates {
            let ci = e.valueAtRiskInterval
            rows.append(([analysis.methodID(e.method), "\(e.level.confidence)", "\(e.valueAtRisk)", "\(e.expectedShortfall)",
                          "\(e.valueAtRisk / base)", "\(e.expectedShortfall / base)",
                          ci.map { "\($0.lowerBound)" } ?? "", ci.map { "\($0.upperBound)" } ?? "",
                          e.expectedShortfallStandardError.map { "\($0)" } ?? ""] + NoteOutput.csvCells(e.notes))
                .joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
