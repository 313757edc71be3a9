import TailRisk

/// One value of a report field, typed, so that each output renders it by one rule:
/// JSON `.number`/`.integer`/`.string`/`.bool` (`null` when absent), CSV `"\(x)"`
/// (Swift's shortest round-trip text; empty when absent), the table through the column's formatter.
enum ReportValue {
    case number(Double?)
    case integer(Int?)
    case text(String?)
    case bool(Bool?)
    /// Several texts: a JSON array, one CSV cell joined by ` | `.
    case texts([String])
    /// A value only JSON can hold (an object, an array of numbers…); no CSV cell.
    case json(JSONValue?)

    /// Whether there is nothing to show (a `nil`, or no texts).
    var isAbsent: Bool {
        switch self {
        case let .number(x): return x == nil
        case let .integer(x): return x == nil
        case let .text(x): return x == nil
        case let .bool(x): return x == nil
        case let .texts(x): return x.isEmpty
        case let .json(x): return x == nil
        }
    }

    var json: JSONValue {
        switch self {
        case let .number(x): return .optional(x)
        case let .integer(x): return x.map { .integer($0) } ?? .null
        case let .text(x): return x.map { .string($0) } ?? .null
        case let .bool(x): return x.map { .bool($0) } ?? .null
        case let .texts(x): return .strings(x)
        case let .json(x): return x ?? .null
        }
    }

    /// The CSV cell before quoting (`CSV.row` quotes it).
    var csv: String {
        switch self {
        case let .number(x): return x.map { "\($0)" } ?? ""
        case let .integer(x): return x.map { "\($0)" } ?? ""
        case let .text(x): return x ?? ""
        case let .bool(x): return x.map { "\($0)" } ?? ""
        case let .texts(x): return x.joined(separator: " | ")
        case .json: return ""
        }
    }
}

/// The outputs a report column appears in.
struct ReportOutputs: OptionSet {
    let rawValue: Int
    static let table = ReportOutputs(rawValue: 1)
    static let csv = ReportOutputs(rawValue: 2)
    static let json = ReportOutputs(rawValue: 4)
    static let all: ReportOutputs = [.table, .csv, .json]
    /// CSV and JSON, not the table.
    static let files: ReportOutputs = [.csv, .json]
}

/// One field of a report's rows, declared once: its JSON key (also its CSV header), its
/// table header and cell, and the typed value every output reads. `ReportTable` renders a
/// list of rows through its columns as a terminal table, CSV records and JSON objects, so
/// adding an output field is adding one column (one line) to the report's list.
///
/// A column may stand in some outputs only (`in`), may spread over several CSV columns
/// (`csvHeaders`/`csvCells`, e.g. one cell per asset where JSON has an object), and may be
/// left out of a JSON object when absent (`omitWhenAbsent`).
struct ReportColumn<Row> {
    typealias Outputs = ReportOutputs

    /// The JSON key (and, unless `csvHeaders` says otherwise, the CSV header).
    let key: String
    /// The table header; `nil` keeps the column out of the table.
    var header: String?
    var outputs: Outputs
    /// The typed value of a row.
    var value: (Row) -> ReportValue
    /// The table cell of a row (default: the CSV text).
    var cell: ((Row) -> String)?
    var leftAligned = false
    /// JSON: leave the key out of a row's object when the value is absent.
    var omitWhenAbsent = false
    /// CSV headers when the column spreads over several (default: `[key]`).
    var csvHeaders: [String]?
    /// CSV cells matching `csvHeaders` (default: `[value.csv]`).
    var csvCells: ((Row) -> [String])?

    init(_ key: String, _ header: String? = nil, in outputs: Outputs = .all, value: @escaping (Row) -> ReportValue,
         cell: ((Row) -> String)? = nil) {
        self.key = key
        self.header = header
        self.outputs = header == nil ? outputs.subtracting(.table) : outputs
        self.value = value
        self.cell = cell
    }

    /// The table cell of `row`.
    func tableCell(_ row: Row) -> String { cell?(row) ?? value(row).csv }
    /// The CSV cells of `row` (unquoted).
    func csv(_ row: Row) -> [String] { csvCells?(row) ?? [value(row).csv] }
    var csvNames: [String] { csvHeaders ?? [key] }

    /// Left-aligned in the table.
    func left() -> Self { var c = self; c.leftAligned = true; return c }
    /// Left out of a JSON object when absent.
    func omittedWhenAbsent() -> Self { var c = self; c.omitWhenAbsent = true; return c }
    /// The same column over another row type that holds this one.
    func mapRow<Other>(_ part: @escaping (Other) -> Row) -> ReportColumn<Other> {
        var c = ReportColumn<Other>(key, header, in: outputs, value: { self.value(part($0)) },
                                    cell: cell.map { f in { f(part($0)) } })
        c.leftAligned = leftAligned
        c.omitWhenAbsent = omitWhenAbsent
        c.csvHeaders = csvHeaders
        c.csvCells = csvCells.map { f in { f(part($0)) } }
        return c
    }

    /// With this table cell.
    func withCell(_ cell: @escaping (Row) -> String) -> Self { var c = self; c.cell = cell; return c }
    /// Spread over several CSV columns.
    func csv(_ headers: [String], _ cells: @escaping (Row) -> [String]) -> Self {
        var c = self; c.csvHeaders = headers; c.csvCells = cells; return c
    }
}

/// The one-line declarations of the usual field kinds (a value and, for the table, a formatter).
extension ReportColumn {
    static func number(_ key: String, _ header: String? = nil, in outputs: Outputs = .all, missing: String = "",
                       _ value: @escaping (Row) -> Double?, format: ((Double) -> String)? = nil) -> Self {
        Self(key, header, in: outputs, value: { .number(value($0)) },
             cell: format.map { f in { value($0).map(f) ?? missing } })
    }

    /// A number whose table cell reads the whole row (an amount with its fraction, a mark).
    static func number(_ key: String, _ header: String?, in outputs: Outputs = .all, _ value: @escaping (Row) -> Double?,
                       cell: @escaping (Row) -> String) -> Self {
        Self(key, header, in: outputs, value: { .number(value($0)) }, cell: cell)
    }

    /// One number per asset: a JSON object `{asset: x}` (left out when `nil`), CSV columns
    /// `<prefix><asset>` (empty cells when `nil`).
    static func perAsset(_ key: String, csv prefix: String, _ names: [String], in outputs: Outputs = .files,
                         _ value: @escaping (Row) -> [Double]?) -> Self {
        Self(key, in: outputs, value: { r in .json(value(r).map { v in .object(zip(names, v).map { ($0.0, .number($0.1)) }) }) })
            .omittedWhenAbsent()
            .csv(names.map { prefix + $0 }) { r in value(r).map { $0.map { "\($0)" } } ?? names.map { _ in "" } }
    }

    static func integer(_ key: String, _ header: String? = nil, in outputs: Outputs = .all,
                        _ value: @escaping (Row) -> Int?) -> Self {
        Self(key, header, in: outputs, value: { .integer(value($0)) })
    }

    static func text(_ key: String, _ header: String? = nil, in outputs: Outputs = .all,
                     _ value: @escaping (Row) -> String?) -> Self {
        Self(key, header, in: outputs, value: { .text(value($0)) })
    }

    static func bool(_ key: String, _ header: String? = nil, in outputs: Outputs = .all,
                     _ value: @escaping (Row) -> Bool?, format: ((Bool?) -> String)? = nil) -> Self {
        Self(key, header, in: outputs, value: { .bool(value($0)) }, cell: format.map { f in { f(value($0)) } })
    }

    /// A table-only column (a cell made of several fields, e.g. `8.41–8.52`).
    static func cell(_ header: String, _ cell: @escaping (Row) -> String) -> Self {
        Self(header, header, in: .table, value: { .text(cell($0)) }, cell: cell)
    }

    /// A JSON-only value (an object or an array).
    static func json(_ key: String, _ value: @escaping (Row) -> JSONValue?) -> Self {
        Self(key, in: .json, value: { .json(value($0)) })
    }
}
