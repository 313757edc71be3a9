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
    /// - Throws: `.invalidOption` for an unknown or repeated asset (`--assets`), `from > to`
    ///   (`--from`) or a non-positive or too long window (`--window`); `.insufficientData`
    ///   when fewer than `minimumReturns` returns remain.
    /// - Complexity: O(dates × assets).
    public func returnSeries(assets chosen: [String]? = nil, from: Day? = nil, to: Day? = nil,
                             window: Int? = nil, minimumReturns: Int = 2) throws -> ReturnSeries {
        let columns = try columnIndices(chosen)
        let range = try dateRange(from: from, to: to)
        var kept: [Int] = []
        var lost = [Int](repeating: 0, count: columns.count)
        for t in range {
            let priced = columns.map { prices[t, $0].isFinite }
            if priced.allSatisfy({ $0 }) {
                kept.append(t)
            } else {
                for k in columns.indices where priced[k] { lost[k] += 1 }
            }
        }
        let names = columns.map { assets[$0] }
        let span = describe(range, from: from, to: to)
        if let window, window < 1 {
            throw TailRiskError.invalidOption(option: "--window", message: "the window must be at least 1 return, got \(window)")
        }
        var first = 0
        if let window {
            guard kept.count - 1 >= window else {
                throw TailRiskError.insufficientData(message:
                    "\(names.joined(separator: ", ")): --window \(window) asks for more than the "
                    + "\(max(kept.count - 1, 0)) common returns \(span)")
            }
            first = kept.count - 1 - window
        }
        let count = max(kept.count - 1 - first, 0)
        guard count >= max(minimumReturns, 1) else {
            throw TailRiskError.insufficientData(message:
                "\(names.joined(separator: ", ")): \(count) common returns \(span); at least \(max(minimumReturns, 1)) needed")
        }
        var returns = Matrix(rows: count, cols: columns.count)
        for (k, j) in columns.enumerated() {
            for s in 0..<count {
                returns[s, k] = log(prices[kept[first + s + 1], j] / prices[kept[first + s], j])
            }
        }
        let report = AlignmentReport(policy: .intersect, datesInRange: range.count, datesKept: kept.count,
                                     datesLost: Dictionary(uniqueKeysWithValues: zip(names, lost)))
        return ReturnSeries(assets: names, dates: kept[(first + 1)...].map { dates[$0] }, returns: returns,
                            startDate: dates[kept[first]], lastPrices: columns.map { prices[kept.last!, $0] },
                            horizon: 1, alignment: report)
    }

    /// Log returns between consecutive dates of `from...to` where both prices exist, `.nan`
    /// elsewhere: the input of a pairwise-complete covariance of gappy assets.
    ///
    /// Row `t` is the return ending on `dates[t]`; the rows are the price dates of the
    /// range after the first.
    ///
    /// - Throws: `.invalidOption` as `returnSeries`; `.insufficientData` for fewer than two dates in range.
    /// - Complexity: O(dates × assets).
    public func gappyLogReturns(assets chosen: [String]? = nil, from: Day? = nil,
                                to: Day? = nil) throws -> (dates: [Day], returns: Matrix) {
        let columns = try columnIndices(chosen)
        let range = try dateRange(from: from, to: to)
        guard range.count >= 2 else {
            throw TailRiskError.insufficientData(message:
                "\(range.count) price dates \(describe(range, from: from, to: to)); at least 2 needed for a return")
        }
        var returns = Matrix(rows: range.count - 1, cols: columns.count)
        for (k, j) in columns.enumerated() {
            for s in 0..<(range.count - 1) {
                let t = range.lowerBound + s + 1
                returns[s, k] = log(prices[t, j] / prices[t - 1, j])  // NaN when either price is a gap
            }
        }
        return (Array(dates[(range.lowerBound + 1)..<range.upperBound]), returns)
    }

    /// Column indices of the chosen assets (all, in file order, when `nil`).
    private func columnIndices(_ chosen: [String]?) throws -> [Int] {
        guard let chosen else { return Array(assets.indices) }
        guard !chosen.isEmpty else { throw TailRiskError.invalidOption(option: "--assets", message: "no asset chosen") }
        var seen: Set<String> = []
        return try chosen.map { name in
            guard let j = index(of: name) else {
                throw TailRiskError.invalidOption(option: "--assets",
                    message: "unknown asset \"\(name)\" (file has: \(assets.joined(separator: ", ")))")
            }
            guard seen.insert(name).inserted else {
                throw TailRiskError.invalidOption(option: "--assets", message: "asset \"\(name)\" is listed twice")
            }
            return j
        }
    }

    /// Row indices of the price dates in `from...to`.
    private func dateRange(from: Day?, to: Day?) throws -> Range<Int> {
        if let from, let to, from > to {
            throw TailRiskError.invalidOption(option: "--from", message: "\(from) is after --to \(to)")
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
