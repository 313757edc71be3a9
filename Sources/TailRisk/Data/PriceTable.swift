/// Daily prices of several assets on a common list of dates, as read from a file.
///
/// `prices[t, j]` is asset `j`'s price on `dates[t]`, or `.nan` where the file
/// has no price (a gap: never a zero). Dates are strictly increasing.
///
/// The prices are kept asset by asset: a wide file's columns densely (one
/// entry per date, as the file has them), a long file's sparsely (the priced
/// dates only), so a long file of many assets each priced on few dates costs
/// memory in proportion to its rows, not to dates × assets. Dense matrices are
/// built only for the assets a run selects (`returnSeries`, `gappyLogReturns`),
/// and never larger than `maximumCells`.
public struct PriceTable: Sendable {
    /// The layout a price file was written in (`merged`: several files joined by date).
    public enum Layout: String, Sendable { case wide, long, merged }

    /// Most cells (dates × assets) of any dense table built from a price file: a
    /// wide file's own table, or the returns of the selected assets (10⁸ cells, 800 MB).
    public static let maximumCells = 100_000_000

    /// The file the table was read from (as given by the user).
    public let source: String
    public let layout: Layout
    public let assets: [String]
    public let dates: [Day]
    /// `dates.count × assets.count` prices, `.nan` for gaps.
    public let prices: Prices
    /// The file(s) read, with what the reader found in each (empty for a table built in code).
    public let files: [FileInfo]
    private let assetIndex: [String: Int]
    /// Lower-cased name → column, for names unique regardless of case.
    private let caselessIndex: [String: Int]

    /// A table over a dense `dates.count × assets.count` price matrix (`.nan` for gaps).
    public init(source: String, layout: Layout, assets: [String], dates: [Day], prices: Matrix) {
        precondition(prices.rows == dates.count && prices.cols == assets.count, "price matrix shape")
        self.init(source: source, layout: layout, assets: assets, dates: dates,
                  columns: (0..<prices.cols).map { PriceColumn(dense: prices.column($0)) })
    }

    init(source: String, layout: Layout, assets: [String], dates: [Day], columns: [PriceColumn],
         files: [FileInfo] = []) {
        precondition(columns.count == assets.count, "one price column per asset")
        self.source = source
        self.layout = layout
        self.assets = assets
        self.dates = dates
        self.prices = Prices(rows: dates.count, columns: columns)
        self.files = files
        var index: [String: Int] = [:]
        index.reserveCapacity(assets.count)
        for (j, name) in assets.enumerated() where index[name] == nil { index[name] = j }
        self.assetIndex = index
        var caseless: [String: Int] = [:]
        var clashes: Set<String> = []
        for (j, name) in assets.enumerated() {
            let key = name.lowercased()
            if caseless.updateValue(j, forKey: key) != nil { clashes.insert(key) }
        }
        for key in clashes { caseless[key] = nil }
        self.caselessIndex = caseless
    }

    /// Column index of `asset`, if present: the exact name, else the one name equal to it
    /// regardless of case (`btc` finds `BTC`). O(1).
    public func index(of asset: String) -> Int? { assetIndex[asset] ?? caselessIndex[asset.lowercased()] }

    /// The prices of a table, asset by asset; read `[t, j]` like a matrix.
    public struct Prices: Sendable {
        /// Number of dates.
        public let rows: Int
        let columns: [PriceColumn]
        /// Number of assets.
        public var cols: Int { columns.count }

        /// Asset `j`'s price on date `t`, or `.nan`. O(1) for a dense column, O(log priced dates) for a sparse one.
        public subscript(t: Int, j: Int) -> Double {
            precondition(t >= 0 && t < rows, "date index \(t) outside 0..<\(rows)")
            return columns[j].price(at: t)
        }

        /// Asset `j`'s prices on every date (`.nan` for gaps). O(dates).
        public func column(_ j: Int) -> [Double] { columns[j].dense(rows: rows) }

        /// The whole table as a dense `rows × cols` matrix. O(dates × assets) memory:
        /// for tests and small tables; runs use `PriceTable.returnSeries`.
        public var matrix: Matrix {
            var storage: [Double] = []
            storage.reserveCapacity(rows * cols)
            for c in columns { storage.append(contentsOf: c.dense(rows: rows)) }
            return Matrix(rows: rows, cols: cols, columnMajor: storage)
        }
    }
}

/// One asset's prices: one value per date (`.nan` for gaps), or only the priced
/// dates, as increasing date indices with their prices.
struct PriceColumn: Sendable {
    /// Date index of each value when sparse; `nil` when dense.
    let dateIndices: [Int]?
    let values: [Double]

    init(dense values: [Double]) {
        dateIndices = nil
        self.values = values
    }

    /// - Precondition: `dateIndices` is increasing and as long as `values`.
    init(dateIndices: [Int], values: [Double]) {
        precondition(dateIndices.count == values.count, "one date per price")
        self.dateIndices = dateIndices
        self.values = values
    }

    func price(at t: Int) -> Double {
        guard let dateIndices else { return values[t] }
        let k = firstPosition(atLeast: t)
        return k < dateIndices.count && dateIndices[k] == t ? values[k] : .nan
    }

    /// Calls `body(t, price)` for each priced (finite) date `t` in `range`, in date order.
    /// O(range) for a dense column, O(log n + priced dates in range) for a sparse one.
    func forEachPrice(in range: Range<Int>, _ body: (Int, Double) throws -> Void) rethrows {
        guard let dateIndices else {
            for t in range where values[t].isFinite { try body(t, values[t]) }
            return
        }
        var k = firstPosition(atLeast: range.lowerBound)
        while k < dateIndices.count && dateIndices[k] < range.upperBound {
            if values[k].isFinite { try body(dateIndices[k], values[k]) }
            k += 1
        }
    }

    /// The values at the increasing date indices `dates` (each must be priced or gives `.nan`).
    /// O(dates.count) for a dense column, O(priced dates + dates.count) for a sparse one.
    func values(at dates: some Collection<Int>) -> [Double] {
        guard let dateIndices else { return dates.map { values[$0] } }
        var out: [Double] = []
        out.reserveCapacity(dates.count)
        var k = firstPosition(atLeast: dates.first ?? 0)
        for t in dates {
            while k < dateIndices.count && dateIndices[k] < t { k += 1 }
            out.append(k < dateIndices.count && dateIndices[k] == t ? values[k] : .nan)
        }
        return out
    }

    func dense(rows: Int) -> [Double] {
        guard let dateIndices else { return values }
        var out = [Double](repeating: .nan, count: rows)
        for (t, v) in zip(dateIndices, values) { out[t] = v }
        return out
    }

    private func firstPosition(atLeast t: Int) -> Int {
        guard let dateIndices else { return t }
        var lo = 0, hi = dateIndices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dateIndices[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
