extension PriceTable {
    /// What the reader found in one input file, recorded in every output: its digest,
    /// layout, number convention and which columns it used or ignored.
    public struct FileInfo: Sendable, Equatable {
        /// The path as given by the user.
        public let source: String
        /// SHA-256 of the bytes read, lower-case hex.
        public let sha256: String
        public let kind: InputKind
        public let layout: Layout
        /// Detected from the delimiter: `,` → decimal point, `;` → decimal comma.
        public let convention: NumberConvention
        /// The header name of the date column ("column 1 (unnamed)" for pandas' unnamed index).
        public let dateColumn: String
        /// Long files: the header name of the column the values were read from.
        public let valueColumn: String?
        /// Columns read but not used ("column 1 (unnamed index)", "close (adj_close preferred)").
        public let ignoredColumns: [String]
        /// The assets of this file, in file order.
        public let assets: [String]

        /// `a.csv: long, "," separated, "." decimals, prices from adj_close; ignored: close (adj_close preferred)`.
        public var summary: String {
            var parts = ["\(source): \(layout.rawValue), \(convention.summary)"]
            if let valueColumn { parts.append("\(kind.rawValue) from \(valueColumn)") }
            if dateColumn.lowercased() != "date" { parts.append("dates from \(dateColumn)") }
            var text = parts.joined(separator: ", ")
            if !ignoredColumns.isEmpty { text += "; ignored: " + ignoredColumns.joined(separator: ", ") }
            return text
        }
    }
}
