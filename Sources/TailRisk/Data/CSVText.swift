import Foundation

/// The lines and comma-separated fields of a small CSV file, as byte ranges into
/// the file's bytes (no `String` per cell).
///
/// Accepts a UTF-8 byte-order mark, `\n` or `\r\n` line ends, an optional final
/// newline and blank trailing lines. There is no quoting: a comma always
/// separates fields. Spaces and tabs around a field are not part of it; names
/// (`name(_:line:column:)`) are also trimmed of every other Unicode space.
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

    /// Splits `bytes` into lines.
    ///
    /// With `allowBlankLines` the reader skips blank lines itself (`isBlank(line:)`):
    /// only trailing blank lines are dropped and no error is thrown for blank or
    /// missing lines.
    ///
    /// - Throws: `TailRiskError.file` for an empty file, a header without data
    ///   rows, or a blank line inside the data.
    /// - Complexity: O(n) in the number of bytes.
    init(_ bytes: [UInt8], source: String, allowBlankLines: Bool = false) throws {
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
        if allowBlankLines {
            self.lines = lines
            return
        }
        guard !lines.isEmpty else { throw TailRiskError.file(path: source, line: nil, column: nil, message: "the file is empty") }
        if let blank = lines.firstIndex(where: { CSVText.isBlank(bytes[$0]) }) {
            throw TailRiskError.file(path: source, line: blank + 1, column: nil,
                                     message: "empty line inside the data (remove it)")
        }
        guard lines.count > 1 else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "the file has a header but no data rows")
        }
        self.lines = lines
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
    ///
    /// - Complexity: O(length of the line).
    func fields(ofLine index: Int, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        let line = lines[index]
        bytes.withUnsafeBufferPointer { b in
            var start = line.lowerBound
            var i = start
            while i <= line.upperBound {
                if i == line.upperBound || b[i] == UInt8(ascii: ",") {
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

    /// The text of a field.
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The name in a field (a header name, an asset): UTF-8 text trimmed of all Unicode
    /// white space (no-break space, vertical tab, ideographic space…) and invisible
    /// format characters (zero-width space, byte-order mark) at either end.
    ///
    /// - Throws: the error at `line`/`column` when the field is not UTF-8 or holds a control character.
    /// - Complexity: O(length of the field).
    func name(_ range: Range<Int>, line: Int, column: Int) throws -> String {
        let field = bytes[range]
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
    func quoted(_ range: Range<Int>) -> String { ErrorQuoting.quoted(utf8: bytes[range]) }

    /// The day in a field, or `nil` if it is not an ISO `YYYY-MM-DD` date.
    func day(_ range: Range<Int>) -> Day? {
        range.count == 10 ? Day(iso: Substring(text(range))) : nil
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
