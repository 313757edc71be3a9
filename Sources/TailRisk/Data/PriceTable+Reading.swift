extension PriceTable {
    /// Reads a price file in the wide (`date,A,B,…`) or long (`date,asset,price`) layout.
    ///
    /// - Throws: `TailRiskError.file` naming the file, line and column of the first problem.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> PriceTable {
        try parse(CSVText.load(path: path), source: path)
    }

    /// Parses the bytes of a price file; `source` names it in errors.
    ///
    /// The layout is the long one when the header is exactly `date,asset,price`
    /// (any case), the wide one otherwise. Dates are ISO `YYYY-MM-DD`; an empty
    /// cell is a gap (`.nan`), never a zero. Prices must be finite and positive.
    /// Wide rows must have strictly increasing dates; long rows non-decreasing
    /// dates (one date spans several rows), at most one price per (date, asset),
    /// assets in order of first appearance.
    ///
    /// - Throws: `TailRiskError.file` with 1-based line (header = 1) and column (field index).
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], source: String) throws -> PriceTable {
        let csv = try CSVText(bytes, source: source)
        var header: [Range<Int>] = []
        csv.fields(ofLine: 0, into: &header)
        let names = try header.enumerated().map { try csv.name($1, line: 1, column: $0 + 1) }
        if names.map({ $0.lowercased() }) == ["date", "asset", "price"] {
            return try parseLong(csv)
        }
        return try parseWide(csv, names: names)
    }

    private static func parseWide(_ csv: CSVText, names: [String]) throws -> PriceTable {
        guard names[0].lowercased() == "date" else {
            throw csv.error(line: 1, column: 1, "the first column must be \"date\", found \(ErrorQuoting.quoted(names[0]))")
        }
        guard names.count > 1 else { throw csv.error(line: 1, column: nil, "the header names no asset columns") }
        let assets = Array(names.dropFirst())
        var firstColumn: [String: Int] = [:]
        for (k, name) in assets.enumerated() {
            guard !name.isEmpty else { throw csv.error(line: 1, column: k + 2, "empty asset name in the header") }
            if let first = firstColumn[name] {
                throw csv.error(line: 1, column: k + 2,
                                "duplicate asset column \(ErrorQuoting.quoted(name)) (also column \(first))")
            }
            firstColumn[name] = k + 2
        }
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
            guard fields.count == names.count else {
                throw csv.error(line: line, column: nil,
                                "expected \(names.count) fields (as in the header), found \(fields.count)")
            }
            let date = try rowDate(csv, fields[0], line: line, previous: dates.last, strictly: true)
            dates.append(date)
            try csv.bytes.withUnsafeBufferPointer { b in
                for j in assets.indices {
                    columns[j][t] = try price(csv, b, fields[j + 1], asset: assets[j], line: line, column: j + 2)
                }
            }
        }
        return PriceTable(source: csv.source, layout: .wide, assets: assets, dates: dates,
                          columns: columns.map(PriceColumn.init(dense:)))
    }

    /// Reads the rows into one (date index, price) list per asset: memory in proportion to
    /// the rows, however many dates and assets they name.
    private static func parseLong(_ csv: CSVText) throws -> PriceTable {
        var assets: [String] = []
        var assetIndex: [String: Int] = [:]
        var dates: [Day] = []
        var dateIndices: [[Int]] = []
        var values: [[Double]] = []
        // The line of each asset's row on the current date.
        var linesOnDate: [Int: Int] = [:]
        var fields: [Range<Int>] = []
        for r in 0..<csv.rowCount {
            let line = r + 2
            csv.fields(ofLine: r + 1, into: &fields)
            guard fields.count == 3 else {
                throw csv.error(line: line, column: nil, "expected 3 fields (as in the header), found \(fields.count)")
            }
            let date = try rowDate(csv, fields[0], line: line, previous: dates.last, strictly: false)
            if date != dates.last {
                dates.append(date)
                linesOnDate.removeAll(keepingCapacity: true)
            }
            let name = try csv.name(fields[1], line: line, column: 2)
            guard !name.isEmpty else { throw csv.error(line: line, column: 2, "empty asset name") }
            let j: Int
            if let known = assetIndex[name] {
                j = known
            } else {
                j = assets.count
                assets.append(name)
                assetIndex[name] = j
                dateIndices.append([])
                values.append([])
            }
            if let first = linesOnDate[j] {
                throw csv.error(line: line, column: 2,
                                "second price for \(ErrorQuoting.bare(name)) on \(date) (first on line \(first))")
            }
            linesOnDate[j] = line
            let p = try csv.bytes.withUnsafeBufferPointer { b in
                try price(csv, b, fields[2], asset: name, line: line, column: 3)
            }
            if p.isFinite {
                dateIndices[j].append(dates.count - 1)
                values[j].append(p)
            }
        }
        let columns = zip(dateIndices, values).map { PriceColumn(dateIndices: $0, values: $1) }
        return PriceTable(source: csv.source, layout: .long, assets: assets, dates: dates, columns: columns)
    }

    /// The date of a row, checked against the previous row's date.
    private static func rowDate(_ csv: CSVText, _ field: Range<Int>, line: Int, previous: Day?,
                                strictly: Bool) throws -> Day {
        guard let date = csv.day(field) else {
            throw csv.error(line: line, column: 1, "date \(csv.quoted(field)) is not a valid YYYY-MM-DD date")
        }
        if let previous {
            if strictly && date == previous {
                throw csv.error(line: line, column: 1, "duplicate date \(date) (also on line \(line - 1))")
            }
            if date < previous {
                throw csv.error(line: line, column: 1,
                                "date \(date) is earlier than \(previous) on line \(line - 1): rows must be sorted by date")
            }
        }
        return date
    }

    /// The price in a cell: `.nan` for an empty cell, otherwise a finite positive number.
    @inline(__always)
    private static func price(_ csv: CSVText, _ b: UnsafeBufferPointer<UInt8>, _ field: Range<Int>,
                              asset: String, line: Int, column: Int) throws -> Double {
        if field.isEmpty { return .nan }
        let outcome = DecimalParser.parse(b, field)
        if case let .value(p) = outcome, p.isNormal && p > 0 { return p }
        let (text, name) = (csv.quoted(field), ErrorQuoting.bare(asset))
        switch outcome {
        case .value(let p) where p.isNormal && p > 0:
            return p
        case let .value(p) where p > 0:
            // Subnormal: ln of a ratio of such prices loses its precision (or is infinite).
            throw csv.error(line: line, column: column,
                            "price \(text) for \(name) is too small to take log returns of (below \(Double.leastNormalMagnitude))")
        case .value:
            throw csv.error(line: line, column: column, "price \(text) for \(name) is not positive")
        case .notANumber:
            throw csv.error(line: line, column: column, "price \(text) for \(name) is not a number")
        case .notFinite:
            throw csv.error(line: line, column: column,
                            "price \(text) for \(name) is not finite (leave the cell empty for a missing price)")
        }
    }
}
