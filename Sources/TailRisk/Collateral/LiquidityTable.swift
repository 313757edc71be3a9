import Foundation

/// Market liquidity of each asset, read from a CSV file with the header
/// `asset,adv,spread` (columns in any order):
///
/// - `adv`: average daily volume, in units of the asset (the units of the
///   collateral quantity, so that `q / ADV` is the share of a day's volume sold);
/// - `spread`: the relative bid–ask spread, a fraction in [0, 1);
/// - `y` (optional, default 1): the impact coefficient `Y` of the square-root
///   law `Y σ √(Q / ADV)`, read by the liquidation cascade (methods.md §9).
///
/// Fields are separated by commas, without quoting; blank lines are skipped;
/// numbers are decimal (as in a price file).
/// Errors name the file, the 1-based line and the 1-based field.
public struct LiquidityTable: Sendable, Equatable {
    /// One asset's liquidity.
    public struct Entry: Sendable, Equatable {
        public let adv: Double
        public let spread: Double
        /// Square-root impact coefficient `Y ≥ 0` (column `y`, default 1).
        public let y: Double

        public init(adv: Double, spread: Double, y: Double = 1) {
            self.adv = adv
            self.spread = spread
            self.y = y
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

    /// Largest liquidity file read, in bytes (16 MiB: one row per asset, 100,000 assets at
    /// 160 bytes a row). The reader keeps about 25 bytes per line besides the file
    /// (`CSVText`'s line ranges and the non-blank lines' indices), so a file of 16 M
    /// empty lines stays under 1 GB; at the price file's 512 MiB it would need 13 GB.
    public static let maximumFileBytes = 16 << 20

    /// Reads the CSV file at `path` (a pipe too), at most `maximumFileBytes`.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> LiquidityTable {
        try parse(bytes: InputFile.read(path: path, maximumBytes: maximumFileBytes), source: path)
    }

    /// Parses CSV text; `source` names it in errors.
    /// - Complexity: O(text size).
    public static func parse(csv text: String, source: String) throws -> LiquidityTable {
        try parse(bytes: Array(text.utf8), source: source)
    }

    /// Parses the bytes of a liquidity file, split by `CSVText` and its numbers read by
    /// `DecimalParser` (as a price file's: no hexadecimal, `nan` or `inf`).
    /// - Complexity: O(file size): a repeated asset is found through a dictionary.
    public static func parse(bytes: [UInt8], source: String) throws -> LiquidityTable {
        let csv = try CSVText(bytes, source: source, allowBlankLines: true)
        let lines = csv.lines.indices.filter { !csv.isBlank(line: $0) }
        guard let header = lines.first else {
            throw TailRiskError.file(path: source, line: nil, column: nil,
                                     message: "empty file; expected the header asset,adv,spread")
        }
        var fields: [Range<Int>] = []
        let position = try csv.columns(ofHeader: header, into: &fields, allowed: ["asset", "adv", "spread", "y"],
                                       required: ["asset", "adv", "spread"], expected: "expected asset, adv, spread")
        let columnCount = fields.count
        let (a, v, s) = (position["asset"]!, position["adv"]!, position["spread"]!)
        let yColumn = position["y"]
        var entries: [String: Entry] = [:]
        var firstLine: [String: Int] = [:]
        for index in lines.dropFirst() {
            let line = index + 1
            try csv.fields(ofLine: index, into: &fields, expecting: columnCount)
            let asset = try csv.name(fields[a], line: line, column: a + 1)
            guard !asset.isEmpty else { throw csv.error(line: line, column: a + 1, "empty asset name") }
            if let first = firstLine.updateValue(line, forKey: asset) {
                throw csv.error(line: line, column: a + 1,
                                "duplicate asset \(ErrorQuoting.quoted(asset)) (first on line \(first))")
            }
            let (adv, spread) = csv.bytes.withUnsafeBufferPointer { b in
                (DecimalParser.parse(b, fields[v]), DecimalParser.parse(b, fields[s]))
            }
            guard case let .value(x) = adv, x > 0 else {
                throw csv.error(line: line, column: v + 1, "ADV must be a positive number, got \(csv.quoted(fields[v]))")
            }
            guard x >= Limits.smallestAmount, x <= Limits.largestAmount else {
                throw csv.error(line: line, column: v + 1, "ADV of \(ErrorQuoting.quoted(asset)) \(csv.quoted(fields[v])) "
                                    + "lies outside [\(Limits.smallestAmount), \(Limits.largestAmount)]; give it in other units")
            }
            guard case let .value(y) = spread, y >= 0, y < 1 else {
                throw csv.error(line: line, column: s + 1,
                                "spread must be a fraction in [0, 1), got \(csv.quoted(fields[s]))")
            }
            var impact = 1.0
            if let c = yColumn {
                guard case let .value(z) = csv.bytes.withUnsafeBufferPointer({ DecimalParser.parse($0, fields[c]) }),
                      z >= 0, z <= 100 else {
                    throw csv.error(line: line, column: c + 1,
                                    "y (impact coefficient) must be a number in [0, 100], got \(csv.quoted(fields[c]))")
                }
                impact = z
            }
            entries[asset] = Entry(adv: x, spread: y, y: impact)
        }
        return LiquidityTable(source: source, entries: entries)
    }
}
