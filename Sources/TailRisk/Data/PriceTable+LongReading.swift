extension PriceTable {
    /// Reads the rows of a long file, in any order, into one (date index, value) list per
    /// asset: memory in proportion to the rows, however many dates and assets they name.
    ///
    /// The rows are sorted by (asset, date, line) once, so a file grouped by asset reads as
    /// one grouped by date; a second value for an (asset, date) is refused at its line, naming
    /// the first. The dates are every date of a row (an empty value still names its date).
    ///
    /// - Complexity: O(rows log rows) time, O(rows) memory.
    static func parseLong(_ csv: CSVText, _ header: PriceFileHeader, _ reader: CellReader) throws -> PriceTable {
        var assets: [String] = []
        var assetIndex: [String: Int] = [:]
        var caseless: [String: Int] = [:]
        var rowDay: [Int32] = [], rowAsset: [Int32] = [], rowValue: [Double] = []
        rowDay.reserveCapacity(csv.rowCount)
        rowAsset.reserveCapacity(csv.rowCount)
        rowValue.reserveCapacity(csv.rowCount)
        var fields: [Range<Int>] = []
        let (dateColumn, assetColumn, valueColumn) = (header.dateColumn, header.assetColumn, header.valueColumn)
        for r in 0..<csv.rowCount {
            let line = r + 2
            csv.fields(ofLine: r + 1, into: &fields)
            guard fields.count == header.names.count else {
                throw reader.fieldCountError(line: line, expected: header.names.count, found: fields.count)
            }
            let date = try day(csv, fields[dateColumn], line: line, column: dateColumn + 1)
            let name = try csv.name(fields[assetColumn], line: line, column: assetColumn + 1)
            guard !name.isEmpty else { throw csv.error(line: line, column: assetColumn + 1, "empty asset name") }
            let j: Int
            if let known = assetIndex[name] {
                j = known
            } else {
                if let other = caseless[name.lowercased()] {
                    throw csv.error(line: line, column: assetColumn + 1,
                                    "asset \(ErrorQuoting.quoted(name)) differs from \(ErrorQuoting.quoted(assets[other])) "
                                        + "only in case; asset names ignore case, write one spelling")
                }
                j = assets.count
                assets.append(name)
                assetIndex[name] = j
                caseless[name.lowercased()] = j
            }
            let v = try csv.bytes.withUnsafeBufferPointer { b in
                try reader.value(b, fields[valueColumn], asset: name, line: line, column: valueColumn + 1)
            }
            rowDay.append(Int32(truncatingIfNeeded: date.daysSinceEpoch))
            rowAsset.append(Int32(j))
            rowValue.append(v)
        }
        let dayNumbers = Array(Set(rowDay)).sorted()
        let dates = dayNumbers.map { Day(daysSinceEpoch: Int($0)) }
        var dateIndex: [Int32: Int] = [:]
        dateIndex.reserveCapacity(dayNumbers.count)
        for (t, d) in dayNumbers.enumerated() { dateIndex[d] = t }
        let order = rowDay.indices.sorted {
            (rowAsset[$0], rowDay[$0], $0) < (rowAsset[$1], rowDay[$1], $1)
        }
        var dateIndices = [[Int]](repeating: [], count: assets.count)
        var values = [[Double]](repeating: [], count: assets.count)
        var previous: Int?
        for r in order {
            if let p = previous, rowAsset[p] == rowAsset[r], rowDay[p] == rowDay[r] {
                let name = assets[Int(rowAsset[r])]
                throw csv.error(line: r + 2, column: assetColumn + 1,
                                "second \(reader.kind == .prices ? "price" : "value") for \(ErrorQuoting.bare(name)) on "
                                    + "\(Day(daysSinceEpoch: Int(rowDay[r]))) (first on line \(p + 2))")
            }
            previous = r
            guard rowValue[r].isFinite else { continue }
            let j = Int(rowAsset[r])
            dateIndices[j].append(dateIndex[rowDay[r]]!)
            values[j].append(rowValue[r])
        }
        let columns = zip(dateIndices, values).map { PriceColumn(dateIndices: $0, values: $1) }
        return PriceTable(source: csv.source, layout: .long, assets: assets, dates: dates, columns: columns)
    }
}
