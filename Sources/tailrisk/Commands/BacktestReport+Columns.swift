import TailRisk

/// The fields of a backtest's rows, each declared once (`ReportColumn`): the tests of each
/// method and level (the JSON's `tests`, the CSV, the table), the FZ0 ranking (methods.md §8)
/// and the long exceedance file of `--out`. A field added here shows in every output it names.
extension BacktestReport {
    /// `pass`/`FAIL` at `significance`, `–` where the test has no verdict.
    private static func pass(_ b: Bool?) -> String { b.map { $0 ? "pass" : "FAIL" } ?? "–" }

    /// One row per method and level (Kupiec, Christoffersen, Basel zone, McNeil–Frey, Acerbi–Szekely; methods.md §6).
    static var testColumns: [ReportColumn<BacktestResult>] {
        let s = significance
        return [
            .text("method", "method") { $0.method },
            .number("confidence", "conf", { $0.level.confidence }, format: { Fmt.percent($0, decimals: 1) }),
            .integer("observations", "days") { $0.tests.observations },
            .integer("exceedances", "exc") { $0.tests.exceedances },
            .number("exceedance_rate", "rate", { Double($0.tests.exceedances) / Double($0.tests.observations) },
                    format: { Fmt.percent($0) }),
            .number("expected_exceedances", "exp", { Double($0.tests.observations) * $0.level.alpha },
                    format: { Fmt.fixed($0, decimals: 1) }),
            .number("kupiec_lr", "Kupiec LR", { $0.tests.kupiecLR }, format: { Fmt.fixed($0, decimals: 2) }),
            .number("kupiec_p", "p", { $0.tests.kupiecP }, format: { Fmt.fixed($0, decimals: 3) }),
            .number("christoffersen_lr_ind") { $0.tests.christoffersenLRInd },
            .number("christoffersen_p_ind", "ind p", { $0.tests.christoffersenPInd }, format: { Fmt.fixed($0, decimals: 3) }),
            .number("christoffersen_lr_cc") { $0.tests.christoffersenLRCC },
            .number("christoffersen_p_cc", "cc p", { $0.tests.christoffersenPCC }, format: { Fmt.fixed($0, decimals: 3) }),
            .text("traffic_light", "zone") { $0.tests.trafficLight.rawValue },
            .number("mcneil_frey_t", "MF t", missing: "–", { $0.tests.mcneilFreyT }, format: { Fmt.fixed($0, decimals: 2) }),
            .number("mcneil_frey_p", "MF p", missing: "–", { $0.tests.mcneilFreyP }, format: { Fmt.fixed($0, decimals: 3) }),
            .number("acerbi_szekely_z2", "AS Z2", missing: "–", { $0.tests.acerbiSzekelyZ2 },
                    format: { Fmt.fixed($0, decimals: 2) }),
            .bool("var_pass", "VaR test", { $0.tests.varPasses(at: s) }, format: pass),
            .bool("es_pass", "ES test", { $0.tests.expectedShortfallPasses(at: s) }, format: pass),
            .integer("skipped_days", in: .files) { $0.skippedDays },
            .text("first_skipped", in: .json) { $0.skipReason }.omittedWhenAbsent(),
            ReportColumn("notes", in: .files, value: { .texts($0.tests.notes) }).omittedWhenAbsent(),
        ]
    }

    var tests: ReportTable<BacktestResult> { ReportTable(Self.testColumns, rows: analysis.results) }

    /// The FZ0 ranking per level with the Diebold–Mariano p against the best (JSON `ranking`, the table).
    static let rankingColumns: [ReportColumn<ModelRanking.Row>] = [
        .text("method", "method") { $0.method },
        .number("confidence", "conf", { $0.level.confidence }, format: { Fmt.percent($0, decimals: 1) }),
        .number("fz0", "FZ0", missing: "–", { $0.fz0.isFinite ? $0.fz0 : nil }, format: { Fmt.fixed($0, decimals: 4) }),
        .integer("rank", "rank") { $0.rank },
        .bool("passes", "passes", { $0.passes }, format: { $0 == true ? "yes" : "no" }),
        .number("dm_p", "DM p vs best", missing: "(best)", { $0.dmP }, format: { Fmt.fixed($0, decimals: 3) }),
        .integer("days_left_out") { $0.leftOut },
    ]

    /// The ranking's rows; the table puts the rank first and the verdict last.
    func ranking(_ r: ModelRanking) -> ReportTable<ModelRanking.Row> {
        ReportTable(Self.rankingColumns, rows: r.rows, tableOrder: ["rank", "method", "confidence", "fz0", "dm_p", "passes"])
    }

    /// `exceedances.csv`: every forecast day of every method and level, in long form.
    static let exceedanceColumns: [ReportColumn<(result: BacktestResult, day: BacktestDay)>] = [
        .text("date") { $0.day.date.description },
        .text("method") { $0.result.method },
        .number("confidence") { $0.result.level.confidence },
        .number("pnl") { $0.day.pnl },
        .number("var") { $0.day.valueAtRisk },
        .number("es") { $0.day.expectedShortfall },
        .bool("exceeded") { $0.day.exceeded },
    ]

    var exceedancesCSV: String {
        ReportTable(Self.exceedanceColumns, rows: analysis.results.flatMap { r in r.days.map { (r, $0) } }).csv
    }
}
