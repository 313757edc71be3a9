import Foundation

/// The lines and comma-separated fields of a small CSV file, as byte ranges into
/// the file's bytes (no `String` per cell).
///
/// Accepts a UTF-8 byte-order mark, `\n` or `\r\n` line ends, an optional final
/// newline and blank trailing lines. Fields are quoted as in RFC 4180: a field
/// in double quotes may hold the delimiter, and `""` inside it is one quote; a
/// quoted field must close on its own line (a line break inside quotes is
/// refused, so a record is always one line and errors keep the file's line
/// numbers). Spaces and tabs around a field are not part of it; names
/// (`name(_:line:column:)`) are also trimmed of every other Unicode space.
///
/// The delimiter is `,` unless `detectDelimiter` asks to read it from the header:
/// `;` when the header separates its names by `;` and not by `,` (a spreadsheet
/// written with decimal commas), `,` otherwise.
///
/// Every CSV reader (prices, positions, liquidity) splits its file here, reads
/// numbers with `DecimalParser` and quotes fields in errors with `ErrorQuoting`.
///
/// `lines[i]` is line `i + 1` of the file (line 1 is the header); a blank line
/// before the last non-blank one is an error, so the numbering never shifts.
struct CSVText {
    let source: String
    let bytes: [UInt8]
    /// Byte range of each line without its line end; `lines[0]` is the header.
    let lines: [Range<Int>]
    /// The field delimiter: `,` or `;`.
    let delimiter: UInt8
    /// Whether each line holds a double quote (and needs the quote-aware splitter).
    private let quotedLines: [Bool]

    /// Splits `bytes` into lines.
    ///
    /// With `allowBlankLines` the reader skips blank lines itself (`isBlank(line:)`):
    /// only trailing blank lines are dropped and no error is thrown for blank or
    /// missing lines.
    ///
    /// - Throws: `TailRiskError.file` for an empty file, a header without data
    ///   rows, or a blank line inside the data.
    /// - Complexity: O(n) in the number of bytes.
    init(_ bytes: [UInt8], source: String, allowBlankLines: Bool = false, detectDelimiter: Bool = false) throws {
        self.source = source
        self.bytes = bytes
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { b in
            var i = start
            while i < b.count {
                if b[i] == UInt8(ascii: "\n") {
                    let end = i > start && b[i - 1] == UInt8(ascii: "\r") ? i - 1 : i
                    lines.append(start..<end)
                    start = i + 1
                }
                i += 1
            }
            if start < b.count {
                let end = b[b.count - 1] == UInt8(ascii: "\r") ? b.count - 1 : b.count
                lines.append(start..<end)
            }
        }
        while let last = lines.last, CSVText.isBlank(bytes[last]) { lines.removeLast() }
        let quote = UInt8(ascii: "\"")
        quotedLines = lines.map { bytes[$0].contains(quote) }
        delimiter = try detectDelimiter && !lines.isEmpty
            ? CSVText.delimiter(ofHeader: bytes[lines[0]], source: source) : UInt8(ascii: ",")
        self.lines = lines
        for (index, quoted) in quotedLines.enumerated() where quoted { try checkQuotes(line: index) }
        if allowBlankLines { return }
        guard !lines.isEmpty else { throw TailRiskError.file(path: source, line: nil, column: nil, message: "the file is empty") }
        if let blank = lines.firstIndex(where: { CSVText.isBlank(bytes[$0]) }) {
            throw TailRiskError.file(path: source, line: blank + 1, column: nil,
                                     message: "empty line inside the data (remove it)")
        }
        guard lines.count > 1 else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "the file has a header but no data rows")
        }
    }

    /// Reads a whole file into memory (a pipe or device too), at most `InputFile.maximumBytes`.
    ///
    /// - Throws: `TailRiskError.file` (no line) when the file is missing, unreadable or too large.
    static func load(path: String) throws -> [UInt8] {
        try InputFile.read(path: path)
    }

    /// Number of data rows (lines after the header).
    var rowCount: Int { lines.count - 1 }

    /// The fields of line `index` (0 = header), trimmed of spaces and tabs, written into `fields`.
    /// A quoted field's range is its text between the quotes (a doubled quote still doubled:
    /// `text(_:)` and `name(_:line:column:)` undo it).
    ///
    /// - Complexity: O(length of the line).
    func fields(ofLine index: Int, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        let line = lines[index]
        let delimiter = self.delimiter
        if quotedLines[index] {
            _ = try? split(line: index, into: &fields)
            return
        }
        bytes.withUnsafeBufferPointer { b in
            var start = line.lowerBound
            var i = start
            while i <= line.upperBound {
                if i == line.upperBound || b[i] == delimiter {
                    var lo = start, hi = i
                    while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
                    while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
                    fields.append(lo..<hi)
                    start = i + 1
                }
                i += 1
            }
        }
    }

    /// Whether `range` (from `fields(ofLine:into:)`) is the inside of a quoted field.
    func isQuoted(_ range: Range<Int>) -> Bool {
        range.lowerBound > 0 && bytes[range.lowerBound - 1] == UInt8(ascii: "\"")
    }

    /// The bytes of a field, a quoted field's doubled quotes made single.
    func content(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let quote = UInt8(ascii: "\"")
        guard isQuoted(range), bytes[range].contains(quote) else { return bytes[range] }
        var out: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            out.append(bytes[i])
            i += bytes[i] == quote ? 2 : 1
        }
        return out[...]
    }

    /// Splits a line holding quotes, throwing at the first malformed field.
    private func split(line index: Int, into fields: inout [Range<Int>]) throws {
        let line = lines[index]
        let (quote, delimiter) = (UInt8(ascii: "\""), self.delimiter)
        func blank(_ c: UInt8) -> Bool { c == 32 || c == 9 }
        var i = line.lowerBound
        while true {
            let column = fields.count + 1
            while i < line.upperBound && blank(bytes[i]) { i += 1 }
            if i < line.upperBound && bytes[i] == quote {
                let start = i + 1
                var j = start
                while true {
                    guard j < line.upperBound else {
                        throw error(line: index + 1, column: column,
                                    "the quoted field does not close on this line (a line break inside quotes is not read)")
                    }
                    if bytes[j] == quote {
                        if j + 1 < line.upperBound && bytes[j + 1] == quote { j += 2; continue }
                        break
                    }
                    j += 1
                }
                fields.append(start..<j)
                i = j + 1
                while i < line.upperBound && blank(bytes[i]) { i += 1 }
                guard i == line.upperBound || bytes[i] == delimiter else {
                    throw error(line: index + 1, column: column,
                                "text after the closing quote of the field (a quote inside a quoted field is written \"\")")
                }
            } else {
                var hi = i
                while hi < line.upperBound && bytes[hi] != delimiter {
                    if bytes[hi] == quote {
                        throw error(line: index + 1, column: column,
                                    "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                    }
                    hi += 1
                }
                var end = hi
                while end > i && blank(bytes[end - 1]) { end -= 1 }
                fields.append(i..<end)
                i = hi
            }
            if i == line.upperBound { return }
            i += 1  // past the delimiter
        }
    }

    private func checkQuotes(line index: Int) throws {
        var scratch: [Range<Int>] = []
        try split(line: index, into: &scratch)
    }

    /// The delimiter of a header: `;` when it separates names by `;` and never by `,`
    /// outside quotes, `,` otherwise.
    ///
    /// - Throws: at line 1 when the header mixes both, or holds tabs and neither (a TSV file).
    private static func delimiter(ofHeader header: ArraySlice<UInt8>, source: String) throws -> UInt8 {
        var (commas, semicolons, tabs, inQuotes) = (0, 0, 0, false)
        for c in header {
            if c == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes {
                if c == UInt8(ascii: ",") { commas += 1 }
                if c == UInt8(ascii: ";") { semicolons += 1 }
                if c == 9 { tabs += 1 }
            }
        }
        if commas > 0 && semicolons > 0 {
            throw TailRiskError.file(path: source, line: 1, column: nil, message:
                "the header separates names by both , and ; (\(commas) and \(semicolons)); "
                    + "use one delimiter and quote a name that holds the other")
        }
        if semicolons > 0 { return UInt8(ascii: ";") }
        if commas == 0 && tabs > 0 {
            throw TailRiskError.file(path: source, line: 1, column: nil, message:
                "the header looks tab-separated; write the fields separated by , (or ; with decimal commas)")
        }
        return UInt8(ascii: ",")
    }

    /// The text of a field.
    func text(_ range: Range<Int>) -> String { String(decoding: content(range), as: UTF8.self) }

    /// The name in a field (a header name, an asset): UTF-8 text trimmed of all Unicode
    /// white space (no-break space, vertical tab, ideographic space…) and invisible
    /// format characters (zero-width space, byte-order mark) at either end.
    ///
    /// - Throws: the error at `line`/`column` when the field is not UTF-8 or holds a control character.
    /// - Complexity: O(length of the field).
    func name(_ range: Range<Int>, line: Int, column: Int) throws -> String {
        let field = content(range)
        if field.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {  // printable ASCII: already trimmed of spaces and tabs
            return String(decoding: field, as: UTF8.self)
        }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw error(line: line, column: column, "name \(ErrorQuoting.quoted(utf8: field)) is not UTF-8 text")
        }
        let name = CSVText.trimmed(text)
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw error(line: line, column: column,
                        "name \(ErrorQuoting.quoted(name)) contains a control character; remove it")
        }
        return name
    }

    /// `text` without Unicode white space or default-ignorable characters at either end.
    static func trimmed(_ text: String) -> String {
        func blank(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace || u.properties.isDefaultIgnorableCodePoint }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The field, quoted for an error message (shortened, non-printing bytes escaped).
    func quoted(_ range: Range<Int>) -> String { ErrorQuoting.quoted(utf8: content(range)) }

    /// The day in a field, or `nil` if it is not an ISO `YYYY-MM-DD` date. A midnight
    /// timestamp as pandas writes one (`2020-01-02 00:00:00`, `T` for the space, an optional
    /// `.000`, `Z` or `+00:00`) is the same day; any other time of day is refused.
    func day(_ range: Range<Int>) -> Day? {
        if range.count == 10 { return Day(iso: Substring(text(range))) }
        guard range.count >= 19 else { return nil }
        let text = self.text(range)
        let rest = text.dropFirst(10)
        guard let first = rest.first, first == " " || first == "T" else { return nil }
        var time = rest.dropFirst()
        guard time.hasPrefix("00:00:00") else { return nil }
        time = time.dropFirst(8)
        if time.hasPrefix(".") { time = time.dropFirst().drop { $0 == "0" } }
        guard ["", "Z", "+00:00", "+0000", "-00:00"].contains(String(time)) else { return nil }
        return Day(iso: text.prefix(10))
    }

    /// The error at `line` (1-based, header = 1) and `column` (1-based field index).
    func error(line: Int, column: Int?, _ message: String) -> TailRiskError {
        .file(path: source, line: line, column: column, message: message)
    }

    /// Whether line `index` (0 = line 1) holds only spaces and tabs.
    func isBlank(line index: Int) -> Bool { CSVText.isBlank(bytes[lines[index]]) }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 32 || $0 == 9 }
    }
}
