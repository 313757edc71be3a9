extension PriceTable {
    /// Reads a price file in the wide (`date,A,B,…`) or long (`date,asset,price`) layout.
    ///
    /// - Throws: `TailRiskError.file` naming the file, line and column of the first problem.
    /// - Complexity: O(file size) for a wide file, O(rows log rows) for a long one.
    public static func read(path: String, kind: InputKind = .prices) throws -> PriceTable {
        try parse(CSVText.load(path: path), source: path, kind: kind)
    }

    /// Parses the bytes of a price file; `source` names it in errors.
    ///
    /// CSV as spreadsheets and pandas write it (`CSVText`): RFC 4180 quoting, `,` or `;`
    /// between fields, read from the header. The delimiter sets the number convention
    /// (`NumberConvention`): a `,`-separated file writes `1234.5` or `"1,234.5"`, a
    /// `;`-separated one `1234,5` or `1.234,5`. The header sets the layout and the
    /// columns (`PriceFileHeader`: aliases, pandas' unnamed index column).
    ///
    /// Dates are ISO `YYYY-MM-DD` (a midnight timestamp is its day); an empty cell is a
    /// gap (`.nan`), never a zero. Prices must be finite and positive; returns and P&L
    /// (`kind`) finite. Wide rows must have strictly increasing dates. Long rows may come
    /// in any order (grouped by asset or by date), at most one value per (date, asset);
    /// assets are in order of first appearance. Asset names that differ only in case are
    /// refused, so a name given in any case finds one asset (`index(of:)`).
    ///
    /// - Throws: `TailRiskError.file` with 1-based line (header = 1) and column (field index).
    /// - Complexity: O(file size) for a wide file, O(rows log rows) for a long one.
    public static func parse(_ bytes: [UInt8], source: String, kind: InputKind = .prices) throws -> PriceTable {
        let csv = try CSVText(bytes, source: source, detectDelimiter: true)
        let header = try PriceFileHeader(csv, kind: kind)
        let reader = CellReader(csv: csv, kind: kind)
        let table = header.layout == .long ? try parseLong(csv, header, reader) : try parseWide(csv, header, reader)
        let info = FileInfo(source: source, sha256: SHA256.hex(bytes), kind: kind, layout: header.layout,
                            convention: reader.convention, dateColumn: header.dateColumnName,
                            valueColumn: header.valueColumnName, ignoredColumns: header.ignored, assets: table.assets)
        return PriceTable(source: source, layout: header.layout, assets: table.assets, dates: table.dates,
                          columns: table.prices.columns, files: [info])
    }

    private static func parseWide(_ csv: CSVText, _ header: PriceFileHeader, _ reader: CellReader) throws -> PriceTable {
        let assets = header.assetColumns.map { header.names[$0] }
        let rows = csv.rowCount
        let (cells, overflow) = rows.multipliedReportingOverflow(by: assets.count)
        guard !overflow && cells <= maximumCells else {
            throw csv.error(line: 1, column: nil,
                            "\(rows) dates × \(assets.count) assets is more than the \(maximumCells) prices a wide "
                                + "file may hold; split the file or write it in the long layout (date,asset,price)")
        }
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: rows), count: assets.count)
        var dates: [Day] = []
        dates.reserveCapacity(rows)
        var fields: [Range<Int>] = []
        for t in 0..<rows {
            let line = t + 2
            csv.fields(ofLine: t + 1, into: &fields)
            guard fields.count == header.names.count else {
                throw reader.fieldCountError(line: line, expected: header.names.count, found: fields.count)
            }
            let date = try rowDate(csv, fields[header.dateColumn], line: line, column: header.dateColumn + 1,
                                   previous: dates.last)
            dates.append(date)
            try csv.bytes.withUnsafeBufferPointer { b in
                for (j, k) in header.assetColumns.enumerated() {
                    columns[j][t] = try reader.value(b, fields[k], asset: assets[j], line: line, column: k + 1)
                }
            }
        }
        return PriceTable(source: csv.source, layout: .wide, assets: assets, dates: dates,
                          columns: columns.map(PriceColumn.init(dense:)))
    }

    /// The date of a wide row, checked against the previous row's date (strictly increasing).
    private static func rowDate(_ csv: CSVText, _ field: Range<Int>, line: Int, column: Int, previous: Day?) throws -> Day {
        let date = try day(csv, field, line: line, column: column)
        if let previous {
            if date == previous {
                throw csv.error(line: line, column: column, "duplicate date \(date) (also on line \(line - 1))")
            }
            if date < previous {
                throw csv.error(line: line, column: column,
                                "date \(date) is earlier than \(previous) on line \(line - 1): rows must be sorted by date")
            }
        }
        return date
    }

    /// The date in a field.
    static func day(_ csv: CSVText, _ field: Range<Int>, line: Int, column: Int) throws -> Day {
        guard let date = csv.day(field) else {
            throw csv.error(line: line, column: column, "date \(csv.quoted(field)) is not a valid YYYY-MM-DD date")
        }
        return date
    }
}
