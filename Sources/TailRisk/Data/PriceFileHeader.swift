/// What a price file's header says: its layout and the role of each column.
///
/// - Long layout: the header has a date column (`date`, `timestamp`, any case),
///   an asset column (`asset`, `ticker`, `symbol`) and a value column. For prices
///   the value column is an adjusted close (`adj_close`, `adj close`, `adjclose`,
///   `adjusted_close`) when there is one, else `price`, else `close`; the others
///   are ignored and said so. Returns files take `return`/`returns`/`value`, P&L
///   files `pnl`/`p&l`/`value`. Any other column (open, volume…) is ignored.
/// - Wide layout otherwise: the first column is the date, every other an asset.
/// - An unnamed first column (an empty header cell, as pandas writes its index):
///   ignored when the second column is named as a date (`,date,BTC` from
///   `df.reset_index().to_csv()`), otherwise it is the date column itself
///   (`,BTC,ETH` from a date-indexed `df.to_csv()`) and must hold dates.
struct PriceFileHeader {
    var layout: PriceTable.Layout
    var names: [String]
    /// 0-based field indices.
    var dateColumn: Int
    var assetColumn = 0
    var valueColumn = 0
    /// Wide: the asset columns.
    var assetColumns: [Int] = []
    /// Columns read but not used, described for the output ("column 1 (unnamed index)", "close").
    var ignored: [String] = []

    static let dateNames: Set<String> = ["date", "timestamp"]
    static let assetNames: Set<String> = ["asset", "ticker", "symbol"]
    static let adjustedCloseNames: Set<String> = ["adj_close", "adj close", "adjclose", "adjusted_close", "adjusted close"]

    /// The value column names of a kind of input, most preferred first.
    static func valueNames(_ kind: InputKind) -> [Set<String>] {
        switch kind {
        case .prices: return [adjustedCloseNames, ["price"], ["close"]]
        case .returns: return [["return", "returns"], ["value"]]
        case .pnl: return [["pnl", "p&l", "p/l"], ["value"]]
        }
    }

    init(_ csv: CSVText, kind: InputKind) throws {
        var fields: [Range<Int>] = []
        csv.fields(ofLine: 0, into: &fields)
        names = try fields.enumerated().map { try csv.name($1, line: 1, column: $0 + 1) }
        let lower = names.map { $0.lowercased() }
        var start = 0
        if lower[0].isEmpty && lower.count > 1 && PriceFileHeader.dateNames.contains(lower[1]) {
            start = 1
            ignored.append("column 1 (unnamed index)")
        }
        let rest = start..<lower.count
        let date = rest.first { PriceFileHeader.dateNames.contains(lower[$0]) }
        let asset = rest.first { PriceFileHeader.assetNames.contains(lower[$0]) }
        let values = PriceFileHeader.valueNames(kind).compactMap { set in rest.filter { set.contains(lower[$0]) }.first }
        if let date, let asset, let value = values.first {
            layout = .long
            dateColumn = date
            assetColumn = asset
            valueColumn = value
            for k in rest where k != date && k != asset && k != value {
                ignored.append(values.contains(k) ? "\(names[k]) (\(names[value]) preferred)" : names[k])
            }
            return
        }
        layout = .wide
        dateColumn = start
        guard PriceFileHeader.dateNames.contains(lower[start]) || lower[start].isEmpty else {
            throw csv.error(line: 1, column: start + 1, "the first column must be \"date\", found \(ErrorQuoting.quoted(names[start]))"
                + " (date or timestamp, any case, or unnamed as pandas writes a date index)")
        }
        assetColumns = Array((start + 1)..<names.count)
        guard !assetColumns.isEmpty else { throw csv.error(line: 1, column: nil, "the header names no asset columns") }
        var firstColumn: [String: Int] = [:]
        for k in assetColumns {
            let name = names[k]
            guard !name.isEmpty else { throw csv.error(line: 1, column: k + 1, "empty asset name in the header") }
            if let first = firstColumn[name.lowercased()] {
                let same = names[first - 1] == name
                throw csv.error(line: 1, column: k + 1, "duplicate asset column \(ErrorQuoting.quoted(name)) (also column \(first)"
                    + (same ? ")" : " as \(ErrorQuoting.quoted(names[first - 1])): asset names ignore case)"))
            }
            firstColumn[name.lowercased()] = k + 1
        }
    }

    /// The header's description of the value column and ignored columns, for `PriceTable.FileInfo`.
    var valueColumnName: String? { layout == .long ? names[valueColumn] : nil }
    var dateColumnName: String { names[dateColumn].isEmpty ? "column \(dateColumn + 1) (unnamed)" : names[dateColumn] }
}

/// What the numbers of an input file are: prices (the default), or returns or P&L
/// already computed by another system (`--input`).
public enum InputKind: String, Sendable, CaseIterable {
    case prices, returns, pnl
}
