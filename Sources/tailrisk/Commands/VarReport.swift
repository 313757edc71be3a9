import TailRisk

/// Formats a `RiskAnalysis` as a table, JSON and CSV.
struct VarReport: Report {
    let analysis: RiskAnalysis
    let provenance: Provenance
    /// `--contributions`: the per-asset table under the main one and the share columns of the CSV.
    var showContributions = false

    var value: Double { analysis.portfolio.totalValue }
    /// The denominator of the fractions (net value, or gross exposure for a short book).
    var base: Double { analysis.portfolio.fractionBase.value }
    var settings: RiskAnalysis.Settings { analysis.settings }

    private var simulationFields: [(String, JSONValue)] {
        guard let s = analysis.simulation else { return [("seed", .null), ("scenarios", .null)] }
        var f: [(String, JSONValue)] = [
            ("seed", .string(String(s.seed))), ("scenarios", .integer(s.scenarios)),
            ("stream_unit", .integer(s.streamUnit)), ("distribution", .string(describe(settings.model.law))),
            ("antithetic", .bool(settings.simulation.antithetic)),
            ("variance_reduction", .string(settings.simulation.varianceReduction.rawValue)),
        ]
        if let tilt = s.importanceTilt { f.append(("importance_tilt", .string(tilt))) }
        if let target = settings.simulation.targetPrecision {
            f.append(("target_precision", .number(target)))
            f.append(("precision_reached", s.precisionReached.map { .bool($0) } ?? .null))
        }
        return f
    }

    /// The filter in force when a method or the law reads one (fhs's, or a copula's given filter).
    private var filter: VolatilityFilterSpec? { settings.filterRead }

    /// `mean`: `zero` or `sample` when a method has a mean parameter, else `none` (issue 21).
    private var meanField: String {
        let kinds = settings.methods.map { MeanTreatment.of($0, spec: settings.model) }
        return kinds.first { $0 != .none }?.rawValue ?? MeanTreatment.none.rawValue
    }

    /// What each method does with the mean, grouped by sentence in the methods' order.
    var meanGroups: [(methods: [String], text: String)] {
        var out: [(methods: [String], text: String)] = []
        for m in settings.methods {
            let text = MeanTreatment.describe(m, spec: settings.model)
            if let i = out.firstIndex(where: { $0.text == text }) { out[i].methods.append(analysis.methodID(m)) } else {
                out.append(([analysis.methodID(m)], text))
            }
        }
        return out
    }

    func describe(_ d: InnovationLaw) -> String {
        if case let .studentT(nu) = d { return "t(\(Fmt.fixed(nu, decimals: 2)))" }
        if case let .skewT(nu, lambda) = d { return "skew-t(\(Fmt.fixed(nu, decimals: 2)), \(Fmt.fixed(lambda, decimals: 2)))" }
        return d.name
    }

    var json: JSONValue {
        let assets = analysis.portfolio.assets
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
            ("pnl", .string(settings.pnl.rawValue)), ("mean", .string(meanField)),
            ("mean_treatment", .object(settings.methods.map {
                (analysis.methodID($0), .string(MeanTreatment.describe($0, spec: settings.model)))
            })),
            ("quantile", .string(settings.quantile.rawValue)),
            ("estimator", .string(cov.estimator.rawValue)), ("shrinkage", .optional(cov.shrinkage)),
            ("lambda", .optional(cov.lambda)), ("repair", analysis.factored.repair.json),
            ("filter", ModelJSON.filter(filter, fits: analysis.model.filters, assets: assets)),
            ("copula", ModelJSON.copula(analysis.model.law, assets: assets)),
        ]
        fields += simulationFields
        fields.append(("results", results.json))
        var provenanceFields = provenance
        provenanceFields.extra = fields
        return provenanceFields.json
    }

    /// Each estimate's notes with its row label, for `NoteOutput`.
    var noteRows: [(label: String, level: String, notes: [RiskNote])] {
        analysis.estimates.map { (analysis.methodID($0.method), $0.level.description, $0.notes) }
    }

    /// The historical P&L series used (over the horizon), for plotting: `date,pnl`.
    static let pnlColumns: [ReportColumn<(date: Day, pnl: Double)>] = [
        .text("date") { $0.date.description },
        .number("pnl") { $0.pnl },
    ]

    var pnlCSV: String { ReportTable(Self.pnlColumns, rows: zip(analysis.historicalDates, analysis.historicalPnL).map { ($0, $1) }).csv }

    /// `var --out`: the P&L series beside summary.json.
    var files: [(name: String, text: String)] { [("pnl.csv", pnlCSV)] }
}
