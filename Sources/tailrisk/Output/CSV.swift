/// The one quoting rule of every CSV the CLI writes, to files (`--out`) and to stdout
/// (`--format csv`), after RFC 4180 §2: fields are joined by `,` and records by `\n`; a field
/// that holds a comma, a double quote, a carriage return or a line feed is enclosed in double
/// quotes with each of its quotes doubled (`BTC "wrapped", v2` → `"BTC ""wrapped"", v2"`); every
/// other field is written as it is. So an asset, account or scenario name with a comma, quote or
/// line break stays one field, and Python's `csv`, pandas and R read back the names given.
///
/// Every writer builds its rows with `row`, through `ReportTable` (issue 21: cov's matrices, haircut's grid, stress's
/// replays, the cascade files and the LT scan joined names raw, shifting the columns).
/// - Complexity: O(length) per field.
enum CSV {
    /// `text` quoted if it must be (a comma, quote, CR or LF in it), else itself.
    static func field(_ text: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the fields, each through `field`, joined by commas (no line break).
    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// A whole file: the records joined by `\n`, with a final `\n`.
    static func document(_ records: [String]) -> String { records.joined(separator: "\n") + "\n" }
}
