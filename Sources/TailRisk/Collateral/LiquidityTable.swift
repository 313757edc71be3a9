import Foundation

/// Market liquidity of each asset, read from a CSV file with the header
/// `asset,adv,spread` (columns in any order):
///
/// - `adv`: average daily volume, in units of the asset (the units of the
///   collateral quantity, so that `q / ADV` is the share of a day's volume sold);
/// - `spread`: the relative bid–ask spread, a fraction in [0, 1).
///
/// Fields are separated by commas, without quoting; blank lines are skipped.
/// Errors name the file, the 1-based line and the 1-based field.
public struct LiquidityTable: Sendable, Equatable {
    /// One asset's liquidity.
    public struct Entry: Sendable, Equatable {
        public let adv: Double
        public let spread: Double

        public init(adv: Double, spread: Double) {
            self.adv = adv
            self.spread = spread
        }
    }

    /// Where the table came from (for error messages).
    public let source: String
    public let entries: [String: Entry]

    public init(source: String, entries: [String: Entry]) {
        self.source = source
        self.entries = entries
    }

    public subscript(asset: String) -> Entry? { entries[asset] }

    /// Reads the CSV file at `path`.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> LiquidityTable {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw TailRiskError.file(path: path, line: nil, column: nil, message: "cannot read the liquidity file") }
        return try parse(csv: text, source: path)
    }

    /// Parses CSV text; `source` names it in errors.
    /// - Complexity: O(text size).
    public static func parse(csv text: String, source: String) throws -> LiquidityTable {
        func fail(_ line: Int?, _ column: Int?, _ message: String) -> TailRiskError {
            .file(path: source, line: line, column: column, message: message)
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, fields: Self.fields($0.element)) }
            .filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        guard let header = lines.first else { throw fail(nil, nil, "empty file; expected the header asset,adv,spread") }
        var position: [String: Int] = [:]
        for (j, name) in header.fields.enumerated() {
            guard ["asset", "adv", "spread"].contains(name) else {
                throw fail(header.number, j + 1, "unknown column '\(name)'; expected asset, adv, spread")
            }
            guard position.updateValue(j, forKey: name) == nil else {
                throw fail(header.number, j + 1, "column '\(name)' appears twice")
            }
        }
        for name in ["asset", "adv", "spread"] where position[name] == nil {
            throw fail(header.number, nil, "missing column '\(name)'; expected asset, adv, spread")
        }
        let (a, v, s) = (position["asset"]!, position["adv"]!, position["spread"]!)
        var entries: [String: Entry] = [:]
        var firstLine: [String: Int] = [:]
        for row in lines.dropFirst() {
            guard row.fields.count == header.fields.count else {
                throw fail(row.number, nil, "expected \(header.fields.count) fields, found \(row.fields.count)")
            }
            let asset = row.fields[a]
            guard !asset.isEmpty else { throw fail(row.number, a + 1, "empty asset name") }
            if let first = firstLine[asset] {
                throw fail(row.number, a + 1, "duplicate asset '\(asset)' (first on line \(first))")
            }
            guard let adv = Double(row.fields[v]), adv > 0, adv.isFinite else {
                throw fail(row.number, v + 1, "ADV must be a positive number, got '\(row.fields[v])'")
            }
            guard let spread = Double(row.fields[s]), spread >= 0, spread < 1 else {
                throw fail(row.number, s + 1, "spread must be a fraction in [0, 1), got '\(row.fields[s])'")
            }
            firstLine[asset] = row.number
            entries[asset] = Entry(adv: adv, spread: spread)
        }
        return LiquidityTable(source: source, entries: entries)
    }

    /// Comma-separated fields with surrounding spaces removed.
    private static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
