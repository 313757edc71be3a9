import Foundation

extension PriceTable {
    /// Aligned daily log returns `r_t = ln(P_t / P_{t−1})` of the chosen assets.
    ///
    /// Alignment policy `intersect` (methods.md §1): keep the price dates in
    /// `from...to` where every chosen asset has a price, then take returns between
    /// consecutive kept dates, so a weekend's crypto move lands in Monday's return
    /// and nothing is lost. A gap never becomes a zero return. `window` keeps only
    /// the last `window` returns; the alignment report describes the whole range.
    ///
    /// - Parameters:
    ///   - assets: the columns, in this order (default: all, in file order).
    ///   - from: first price date (inclusive); `to`: last price date (inclusive).
    ///   - window: keep only the last `window` returns.
    ///   - minimumReturns: fewer returns than this is an error.
    /// - Throws: `.invalidParameter(.assets)` for an unknown or repeated asset, `from > to`
    ///   (`--from`) or a non-positive or too long window (`--window`); `.insufficientData`
    ///   when fewer than `minimumReturns` returns remain; `.invalidParameter(.assets)` for more
    ///   than `maximumCells` returns; `.file` for a return that is not finite (two prices whose
    ///   ratio overflows), naming the asset and the dates (and, for a wide file, the line and column).
    /// - Complexity: O(dates in range + priced dates of the chosen assets + returns).
    public func returnSeries(assets chosen: [String]? = nil, from: Day? = nil, to: Day? = nil,
                             window: Int? = nil, minimumReturns: Int = 2) throws -> ReturnSeries {
        let columns = try columnIndices(chosen)
        let range = try dateRange(from: from, to: to)
        // How many chosen assets are priced on each date of the range, and on how many dates each is.
        var pricedAssets = [Int32](repeating: 0, count: range.count)
        var pricedDates = [Int](repeating: 0, count: columns.count)
        var firstPriced = [Int?](repeating: nil, count: columns.count)
        var lastPriced = [Int?](repeating: nil, count: columns.count)
        for (k, j) in columns.enumerated() {
            prices.columns[j].forEachPrice(in: range) { t, _ in
                pricedAssets[t - range.lowerBound] += 1
                pricedDates[k] += 1
                if firstPriced[k] == nil { firstPriced[k] = t }
                lastPriced[k] = t
            }
        }
        let kept = range.filter { pricedAssets[$0 - range.lowerBound] == columns.count }
        let lost = pricedDates.map { $0 - kept.count }
        let names = columns.map { assets[$0] }
        let span = describe(range, from: from, to: to)
        if let window, window < 1 {
            throw TailRiskError.invalidParameter(.window, message: "the window must be at least 1 return, got \(window)")
        }
        var first = 0
        if let window {
            guard kept.count - 1 >= window else {
                throw TailRiskError.insufficientData(message:
                    "\(ErrorQuoting.names(names)): --window \(window) asks for more than the "
                    + "\(max(kept.count - 1, 0)) common returns \(span)")
            }
            first = kept.count - 1 - window
        }
        let count = max(kept.count - 1 - first, 0)
        guard count >= max(minimumReturns, 1) else {
            throw TailRiskError.insufficientData(message:
                "\(ErrorQuoting.names(names)): \(count) common returns \(span); at least \(max(minimumReturns, 1)) needed")
        }
        try checkCells(returns: count, assets: columns.count)
        let used = kept[first...]
        var storage: [Double] = []
        storage.reserveCapacity(count * columns.count)
        var lastPrices: [Double] = []
        for j in columns {
            let p = prices.columns[j].values(at: used)
            for s in 1..<p.count {
                let r = log(p[s] / p[s - 1])
                guard r.isFinite else { throw nonFiniteReturn(asset: j, from: used[first + s - 1], to: used[first + s]) }
                storage.append(r)
            }
            lastPrices.append(p[p.count - 1])
        }
        let firsts = zip(names, firstPriced).compactMap { name, t in t.map { (name, dates[$0]) } }
        let lasts = zip(names, lastPriced).compactMap { name, t in t.map { (name, dates[$0]) } }
        let report = AlignmentReport(policy: .intersect, datesInRange: range.count, datesKept: kept.count,
                                     datesLost: Dictionary(uniqueKeysWithValues: zip(names, lost)),
                                     firstPriceDates: Dictionary(uniqueKeysWithValues: firsts),
                                     lastPriceDates: Dictionary(uniqueKeysWithValues: lasts))
        return ReturnSeries(assets: names, dates: used.dropFirst().map { dates[$0] },
                            returns: Matrix(rows: count, cols: columns.count, columnMajor: storage),
                            startDate: dates[kept[first]], lastPrices: lastPrices, horizon: 1, alignment: report)
    }

    /// Log returns between consecutive dates of `from...to` where both prices exist, `.nan`
    /// elsewhere: the input of a pairwise-complete covariance of gappy assets.
    ///
    /// Row `t` is the return ending on `dates[t]`; the rows are the price dates of the
    /// range after the first.
    ///
    /// - Throws: `.invalidParameter` as `returnSeries`, and for more than `maximumCells` returns;
    ///   `.insufficientData` for fewer than two dates in range; `.file` for a return that is
    ///   not finite (naming the asset and dates).
    /// - Complexity: O(dates × assets).
    public func gappyLogReturns(assets chosen: [String]? = nil, from: Day? = nil,
                                to: Day? = nil) throws -> (dates: [Day], returns: Matrix) {
        let columns = try columnIndices(chosen)
        let range = try dateRange(from: from, to: to)
        guard range.count >= 2 else {
            throw TailRiskError.insufficientData(message:
                "\(range.count) price dates \(describe(range, from: from, to: to)); at least 2 needed for a return")
        }
        try checkCells(returns: range.count - 1, assets: columns.count)
        var returns = Matrix(rows: range.count - 1, cols: columns.count, repeating: .nan)
        for (k, j) in columns.enumerated() {
            var previous: (t: Int, price: Double)?
            try prices.columns[j].forEachPrice(in: range) { t, p in
                if let (s, q) = previous, s == t - 1 {
                    let r = log(p / q)
                    guard r.isFinite else { throw nonFiniteReturn(asset: j, from: s, to: t) }
                    returns[t - 1 - range.lowerBound, k] = r
                }
                previous = (t, p)
            }
        }
        return (Array(dates[(range.lowerBound + 1)..<range.upperBound]), returns)
    }

    /// Refuses a dense returns matrix of more than `maximumCells` cells before it is allocated.
    private func checkCells(returns: Int, assets count: Int) throws {
        let (cells, overflow) = returns.multipliedReportingOverflow(by: count)
        guard !overflow && cells <= PriceTable.maximumCells else {
            throw TailRiskError.invalidParameter(.assets, message:
                "\(count) assets × \(returns) returns is more than the \(PriceTable.maximumCells) returns a run "
                    + "holds; choose fewer assets (--assets) or a shorter range (--from, --to)")
        }
    }

    /// The error for `ln(P_to / P_from)` of asset `j` overflowing: the prices are finite and
    /// positive, so their ratio is beyond the range of a double.
    private func nonFiniteReturn(asset j: Int, from s: Int, to t: Int) -> TailRiskError {
        let (p, q) = (prices[s, j], prices[t, j])
        let message = "the return of \(ErrorQuoting.bare(assets[j])) from \(dates[s]) to \(dates[t]), ln(\(q) / \(p)), "
            + "is not finite: the price ratio is beyond the range of a double; check these prices"
        // A wide file's row t is its line t + 2 (the header is line 1), and asset j its column j + 2.
        return layout == .wide
            ? .file(path: source, line: t + 2, column: j + 2, message: message)
            : .file(path: source, line: nil, column: nil, message: message)
    }

    /// Column indices of the chosen assets (all, in file order, when `nil`).
    private func columnIndices(_ chosen: [String]?) throws -> [Int] {
        guard let chosen else { return Array(assets.indices) }
        guard !chosen.isEmpty else { throw TailRiskError.invalidParameter(.assets, message: "no asset chosen") }
        var seen: Set<Int> = []
        return try chosen.map { name in
            let j = try index(of: resolve(name, parameter: .assets))!
            guard seen.insert(j).inserted else {
                throw TailRiskError.invalidParameter(.assets, message: "asset \(ErrorQuoting.quoted(name)) is listed twice")
            }
            return j
        }
    }

    /// Row indices of the price dates in `from...to`.
    private func dateRange(from: Day?, to: Day?) throws -> Range<Int> {
        if let from, let to, from > to {
            throw TailRiskError.invalidParameter(.from, message: "\(from) is after --to \(to)")
        }
        let lo = from.map { f in dates.firstIndex { $0 >= f } ?? dates.count } ?? 0
        let hi = to.map { t in dates.lastIndex { $0 <= t }.map { $0 + 1 } ?? 0 } ?? dates.count
        return lo..<max(lo, hi)
    }

    /// "from A to B in FILE", naming the requested bounds where the range is empty.
    private func describe(_ range: Range<Int>, from: Day?, to: Day?) -> String {
        let start = range.isEmpty ? from.map(String.init(describing:)) ?? "the start" : "\(dates[range.lowerBound])"
        let end = range.isEmpty ? to.map(String.init(describing:)) ?? "the end" : "\(dates[range.upperBound - 1])"
        return "from \(start) to \(end) in \(source)"
    }
}
