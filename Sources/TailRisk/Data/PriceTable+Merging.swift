extension PriceTable {
    /// Several price files as one table (`tailrisk var a.csv b.csv …`): the assets of every
    /// file side by side, on the union of their dates, each asset keeping exactly its own
    /// priced dates. Nothing is aligned here: `returnSeries` then keeps the dates where every
    /// chosen asset has a price (intersect), so a crypto asset's weekend move lands in the
    /// next common date's return, never in a zero return.
    ///
    /// The merged table's `files` lists every file (digest, layout, convention) in order, and
    /// its `source` names them joined by " + ".
    ///
    /// - Throws: `TailRiskError.file` for an asset in two files (names compared ignoring
    ///   case), at the second file's header, naming both files.
    /// - Complexity: O(Σ dates log Σ dates + priced cells).
    public static func merging(_ tables: [PriceTable]) throws -> PriceTable {
        precondition(!tables.isEmpty, "at least one table")
        if tables.count == 1 { return tables[0] }
        var owner: [String: (file: String, name: String)] = [:]
        for table in tables {
            for name in table.assets {
                if let first = owner[name.lowercased()] {
                    let spelled = first.name == name ? "" : " as \(ErrorQuoting.quoted(first.name))"
                    throw TailRiskError.file(path: table.source, line: 1, column: nil, message:
                        "asset \(ErrorQuoting.quoted(name)) is also in \(first.file)\(spelled); "
                            + "each asset must come from one file (rename or drop one column)")
                }
                owner[name.lowercased()] = (table.source, name)
            }
        }
        let days = Array(Set(tables.flatMap { $0.dates.map(\.daysSinceEpoch) })).sorted()
        var position: [Int: Int] = [:]
        position.reserveCapacity(days.count)
        for (t, d) in days.enumerated() { position[d] = t }
        var assets: [String] = []
        var columns: [PriceColumn] = []
        for table in tables {
            let map = table.dates.map { position[$0.daysSinceEpoch]! }
            for j in table.assets.indices {
                var indices: [Int] = [], values: [Double] = []
                table.prices.columns[j].forEachPrice(in: 0..<table.dates.count) { t, p in
                    indices.append(map[t])
                    values.append(p)
                }
                assets.append(table.assets[j])
                columns.append(PriceColumn(dateIndices: indices, values: values))
            }
        }
        return PriceTable(source: tables.map(\.source).joined(separator: " + "), layout: .merged, assets: assets,
                          dates: days.map(Day.init(daysSinceEpoch:)), columns: columns, files: tables.flatMap(\.files))
    }
}
