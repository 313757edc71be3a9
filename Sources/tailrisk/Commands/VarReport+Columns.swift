import TailRisk

/// The fields of `var`'s and `simulate`'s result rows (one per method and level), each
/// declared once: the JSON's `results`, the CSV and the table read the same columns.
extension VarReport {
    typealias Row = (estimate: RiskEstimate, risk: ModelRiskCheck?)

    /// The columns: figures, the 95% CI of the VaR and SE(ES) (Monte Carlo), each asset's Euler ES
    /// contribution and exact VaR contribution (normal), with `--contributions` their shares in the
    /// CSV, the horizon treatment, the notes (`NoteColumns`) and the model-risk check.
    var columns: [ReportColumn<Row>] {
        let assets = analysis.portfolio.assets, base = self.base, analysis = self.analysis
        let flagged = analysis.estimates.contains { $0.isUnusable }
        var columns: [ReportColumn<Row>] = [
            .text("method", "method") { analysis.methodID($0.estimate.method) },
            .number("confidence", "conf", { $0.estimate.level.confidence }, format: { Fmt.percent($0, decimals: 1) }),
            .number("var", "VaR", { $0.estimate.valueAtRisk }, format: { Fmt.money($0) }),
            .number("es", "ES", { $0.estimate.expectedShortfall }, format: { Fmt.money($0) }),
            .number("var_fraction", "VaR %", { $0.estimate.valueAtRisk / base }, format: { Fmt.percent($0) }),
            .number("es_fraction", "ES %", { $0.estimate.expectedShortfall / base }, format: { Fmt.percent($0) }),
            ReportColumn("var_ci", "VaR 95% CI", value: { r in .json(r.estimate.valueAtRiskInterval.map { .numbers([$0.lowerBound, $0.upperBound]) }) },
                         cell: { r in r.estimate.valueAtRiskInterval.map { "\(Fmt.amount($0.lowerBound))–\(Fmt.amount($0.upperBound))" } ?? "" })
                .omittedWhenAbsent()
                .csv(["var_ci_low", "var_ci_high"]) { r in
                    r.estimate.valueAtRiskInterval.map { ["\($0.lowerBound)", "\($0.upperBound)"] } ?? ["", ""]
                },
            .number("es_se", "SE(ES)", { $0.estimate.expectedShortfallStandardError }, format: { Fmt.amount($0) }).omittedWhenAbsent(),
            .number("variance_reduction_factor", in: .json) { self.varianceReductionFactor($0.estimate) }.omittedWhenAbsent(),
            .perAsset("es_contributions", csv: "es_contribution_", assets) { $0.estimate.contributions },
            .perAsset("var_contributions", csv: "var_contribution_", assets) { $0.estimate.valueAtRiskContributions },
        ]
        if showContributions {
            columns += [
                .perAsset("es_shares", csv: "es_share_", assets, in: .csv) { r in
                    r.estimate.contributions.map { c in c.map { $0 / r.estimate.expectedShortfall } }
                },
                .perAsset("var_shares", csv: "var_share_", assets, in: .csv) { r in
                    r.estimate.valueAtRiskContributions.map { c in c.map { $0 / r.estimate.valueAtRisk } }
                },
            ]
        }
        columns.append(.text("horizon_treatment", in: .json) { analysis.horizonTreatment[$0.estimate.method] ?? "" })
        columns += NoteColumns.of { $0.estimate.notes }
        columns.append(.json("model_risk") { ModelJSON.modelRisk($0.risk) })
        // A row the tool calls unusable says so in the row itself (issue 12).
        if flagged { columns.append(.cell("flag") { NoteOutput.mark($0.estimate.notes) }.left()) }
        return columns
    }

    /// The rows; the table shows each amount beside its fraction.
    var results: ReportTable<Row> {
        ReportTable(columns, rows: zip(analysis.estimates, analysis.modelRisk).map { ($0, $1) },
                    tableOrder: ["method", "confidence", "var", "var_fraction", "es", "es_fraction"])
    }

    /// The importance-sampling factor (SE_plain/SE)² of a Monte Carlo row (`nil` elsewhere; JSON null when not finite).
    private func varianceReductionFactor(_ e: RiskEstimate) -> Double? {
        guard e.method == .monteCarlo, let sim = analysis.simulation, let factors = sim.varianceReductionFactors,
              let i = sim.estimates.firstIndex(where: { $0.level == e.level }) else { return nil }
        return factors[i]
    }
}
