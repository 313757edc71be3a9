import TailRisk

/// Rows of one kind with their columns (`ReportColumn`), rendered by one rule into every
/// output: a `TextTable` (the columns with a header, the first and `left()` ones left-aligned),
/// CSV records (every CSV column, quoted by `CSV.row`, RFC 4180) and a JSON array of objects
/// (every JSON column, in declaration order). Cost: O(rows × columns) per output.
struct ReportTable<Row> {
    var columns: [ReportColumn<Row>]
    var rows: [Row]
    /// The table's column order by key, where it differs from the declaration order (which is
    /// the CSV's and the JSON's); columns not named keep their declaration order after these.
    var tableOrder: [String]?

    init(_ columns: [ReportColumn<Row>], rows: [Row], tableOrder: [String]? = nil) {
        self.columns = columns
        self.rows = rows
        self.tableOrder = tableOrder
    }

    /// The columns of the terminal table, in table order.
    private var tableColumns: [ReportColumn<Row>] {
        let shown = columns.filter { $0.outputs.contains(.table) }
        guard let order = tableOrder else { return shown }
        let named = order.compactMap { key in shown.first { $0.key == key } }
        return named + shown.filter { c in !order.contains(c.key) }
    }

    // MARK: table

    /// The table as `TextTable` builds it (header, rule, one line per row).
    var textTable: TextTable {
        let shown = tableColumns
        let left = Set(shown.indices.filter { $0 == 0 || shown[$0].leftAligned })
        var t = TextTable(shown.map { $0.header ?? $0.key }, leftAligned: left)
        for row in rows { t.append(shown.map { $0.tableCell(row) }) }
        return t
    }

    var text: String { textTable.rendered }

    // MARK: CSV

    var csvHeader: [String] { columns.filter { $0.outputs.contains(.csv) }.flatMap(\.csvNames) }

    func csvCells(_ row: Row) -> [String] { columns.filter { $0.outputs.contains(.csv) }.flatMap { $0.csv(row) } }

    /// The header record and one record per row (no final line break).
    var csvRecords: [String] { [CSV.row(csvHeader)] + rows.map { CSV.row(csvCells($0)) } }

    /// The whole CSV file.
    var csv: String { CSV.document(csvRecords) }

    // MARK: JSON

    /// The JSON fields of one row, in declaration order.
    func jsonFields(_ row: Row) -> [(String, JSONValue)] {
        columns.filter { $0.outputs.contains(.json) }.compactMap { c in
            let v = c.value(row)
            return c.omitWhenAbsent && v.isAbsent ? nil : (c.key, v.json)
        }
    }

    func jsonObject(_ row: Row) -> JSONValue { .object(jsonFields(row)) }

    /// One object per row.
    var json: JSONValue { .array(rows.map(jsonObject)) }
}

/// A report: what one run prints as a table, as JSON and as CSV, and the files of `--out`.
protocol Report {
    /// The terminal text (`--format table`).
    var table: String { get }
    /// The JSON document (`--format json`, and `summary.json` under `--out`).
    var json: JSONValue { get }
    /// The CSV of `--format csv` (with a final line break).
    var csv: String { get }
    /// The files `--out` writes beside `summary.json`.
    var files: [(name: String, text: String)] { get }
}

/// The one output switch of every report: the files of `--out` first (a failure to write them
/// leaves stdout empty), then the format asked for on stdout.
enum ReportOutput {
    static let summaryName = "summary.json"

    /// Writes `report`'s files into `directory` (if any) and prints it in `format`.
    /// `announce: false` leaves the `wrote DIR/…` line on stderr to the report.
    static func emit(_ report: some Report, format: OutputFormat, to directory: OutputDirectory?, announce: Bool = true) throws {
        let json = report.json.rendered()
        try directory?.commit([(summaryName, json + "\n")] + report.files, announce: announce)
        switch format {
        case .table: print(report.table)
        case .json: print(json)
        case .csv: print(report.csv, terminator: "")
        }
    }
}

/// The notes of a row (`NoteOutput`, issue 12) as columns: JSON `unusable`, `unusable_reasons`,
/// `notes`; CSV `unusable`, `notes` (texts joined by ` | `).
enum NoteColumns {
    static func of<Row>(_ notes: @escaping (Row) -> [RiskNote]) -> [ReportColumn<Row>] {
        [.bool("unusable", in: .files) { notes($0).contains { $0.isUnusable } },
         ReportColumn("unusable_reasons", in: .json, value: { .texts(NoteOutput.distinctReasons(notes($0)).map(\.rawValue)) }),
         ReportColumn("notes", in: .files, value: { .texts(notes($0).map(\.text)) })]
    }
}
