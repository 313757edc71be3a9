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
        lines.append("mean: " + meanGroups.map { "\($0.methods.joined(separator: ", ")): \($0.text)" }.joined(separator: "; "))
        lines.append("")
        lines.append(results.text)
        lines.append("")
        for m in settings.methods where m != .monteCarlo {
            lines.append("\(analysis.methodID(m)): \(analysis.horizonTreatment[m] ?? "")")
        }
        if let s = analysis.simulation {
            var text = "\(analysis.methodID(.monteCarlo)): \(analysis.horizonTreatment[.monteCarlo] ?? ""); \(Fmt.money(Double(s.scenarios), decimals: 0)) scenarios, "
                + "\(describe(settings.model.law)), seed \(s.seed)"
            if settings.simulation.antithetic { text += ", antithetic" }
            if settings.simulation.importanceSampling {
                // A factor is (SE_plain/SE)²; with SE = 0 (every batch group gave the same ES, e.g. a tail
                // capped by empirical marginals) there is no ratio to print: say why instead of "∞" (issue 21).
                let factors = (s.varianceReductionFactors ?? []).map { $0.isFinite ? Fmt.money($0, decimals: 0) : "not measurable" }
                text += ", importance sampling (variance reduction factor \(factors.joined(separator: ", ")))"
                if factors.contains("not measurable") {
                    text += "; a factor is not measurable where the batch-means SE(ES) is 0 (every batch group gave the same ES)"
                }
            }
            text += ", \(Fmt.fixed(s.seconds, decimals: 2)) s"
            if let reached = s.precisionReached, let target = settings.simulation.targetPrecision {
                text += reached ? "; SE(ES) below \(Fmt.percent(target, decimals: 2)) of ES" : "; target precision NOT reached (scenario cap)"
            }
            lines.append(text)
            if let tilt = s.importanceTilt { lines.append("importance sampling drew from: \(tilt)") }
        }
        if showContributions {
            lines.append("")
            lines.append(contributionTable)
        }
        lines += NoteOutput.lines(noteRows)
        for (e, risk) in zip(analysis.estimates, analysis.modelRisk) {
            guard let risk, risk.fires, let reference = risk.reference, let ref = risk.referenceES else { continue }
            lines.append("model risk (\(analysis.methodID(e.method)) \(e.level)): ES \(Fmt.money(risk.modelES)), "
                + "\(reference.rawValue) ES \(Fmt.money(ref)): \(risk.note)")
        }
        return lines.joined(separator: "\n")
    }

    /// One row per method and level (`columns`): the figures, each asset's Euler ES
    /// contribution `es_contribution_<asset>` and exact VaR contribution
    /// `var_contribution_<asset>` (normal only; empty cells where a method has
    /// none), with `--contributions` their shares of the ES and VaR
    /// (`es_share_<asset>`, `var_share_<asset>`), and `unusable,notes` last.
    var csv: String { results.csv }

    /// `--contributions`: one row per method and level with each asset's Euler
    /// ES contribution as an amount and a share of the ES (the row sums to the
    /// ES), and for the normal method a second row of its exact VaR contributions.
    var contributionTable: String {
        let assets = analysis.portfolio.assets
        var t = TextTable(["method", "conf", "of"] + assets + ["sum"], leftAligned: [0, 2])
        func row(_ label: String, _ level: ConfidenceLevel, _ of: String, _ c: [Double], _ total: Double) -> [String] {
            [label, Fmt.percent(level.confidence, decimals: 1), of]
                + c.map { "\(Fmt.money($0)) (\(total != 0 ? Fmt.percent($0 / total, decimals: 1) : "n/a"))" }
                + [Fmt.money(c.reduce(0, +))]
        }
        var without: [String] = []
        for e in analysis.estimates {
            let id = analysis.methodID(e.method)
            guard let c = e.contributions else {
                if !without.contains(id) { without.append(id) }
                continue
            }
            t.append(row(id, e.level, "ES", c, e.expectedShortfall))
            if let v = e.valueAtRiskContributions { t.append(row(id, e.level, "VaR", v, e.valueAtRisk)) }
        }
        var lines = ["Euler contributions per asset (amount and share; each row sums to its ES or VaR):", t.rendered]
        if !without.isEmpty {
            lines.append("no contributions for \(without.joined(separator: ", ")) (a moment expansion of the basket P&L has no per-asset allocation)")
        }
        return lines.joined(separator: "\n")
    }
}
