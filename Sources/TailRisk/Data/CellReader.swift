/// Reads the value cells of a price, returns or P&L file in the file's number
/// convention, with the errors every reader gives (file, line, column, a hint).
struct CellReader {
    let csv: CSVText
    let kind: InputKind
    let convention: NumberConvention

    init(csv: CSVText, kind: InputKind) {
        self.csv = csv
        self.kind = kind
        convention = NumberConvention(delimiter: csv.delimiter)
    }

    private var what: String {
        switch kind {
        case .prices: return "price"
        case .returns: return "return"
        case .pnl: return "P&L"
        }
    }

    /// The value in a cell: `.nan` for an empty cell; a finite positive price, or a finite return or P&L.
    @inline(__always)
    func value(_ b: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, asset: String, line: Int, column: Int) throws -> Double {
        if field.isEmpty { return .nan }
        let outcome = DecimalParser.parse(b, field, convention: convention)
        if case let .value(p) = outcome, kind != .prices || (p.isNormal && p > 0) { return p }
        let (text, name) = (csv.quoted(field), ErrorQuoting.bare(asset))
        switch outcome {
        case let .value(p) where p > 0:
            // Subnormal: ln of a ratio of such prices loses its precision (or is infinite).
            throw csv.error(line: line, column: column,
                            "price \(text) for \(name) is too small to take log returns of (below \(Double.leastNormalMagnitude))")
        case .value:
            throw csv.error(line: line, column: column, "price \(text) for \(name) is not positive")
        case .notANumber:
            let hint = convention.hint(for: csv.content(field)).map { "; \($0)" } ?? ""
            throw csv.error(line: line, column: column, "\(what) \(text) for \(name) is not a number\(hint)")
        case .notFinite:
            throw csv.error(line: line, column: column,
                            "\(what) \(text) for \(name) is not finite (leave the cell empty for a missing \(what))")
        }
    }

    /// A row with the wrong number of fields, with a hint when it looks written with the other delimiter.
    func fieldCountError(line: Int, expected: Int, found: Int) -> TailRiskError {
        let bytes = csv.bytes[csv.lines[line - 1]]
        let other = csv.delimiter == UInt8(ascii: ",") ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var hint = ""
        if bytes.filter({ $0 == other }).count >= expected - 1 && found < expected {
            hint = other == UInt8(ascii: ";")
                ? "; the row looks semicolon-separated while the header is comma-separated"
                : "; the row looks comma-separated while the header is semicolon-separated"
        } else if csv.delimiter == UInt8(ascii: ",") && found > expected {
            hint = "; a decimal comma splits a number into two fields (quote the number, or separate the fields by ;)"
        }
        return csv.error(line: line, column: nil, "expected \(expected) fields (as in the header), found \(found)\(hint)")
    }
}
