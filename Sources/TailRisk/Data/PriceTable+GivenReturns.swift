import Foundation

/// How a returns file writes its returns (`--return-type`).
public enum ReturnType: String, Sendable, CaseIterable {
    /// `r = ln(P_t / P_{t−1})`, used as is.
    case log
    /// `R = P_t / P_{t−1} − 1`, read as the log return `ln(1 + R)` (R must exceed −1).
    case simple
}

extension PriceTable {
    /// The series of a table read with `kind: .returns` or `.pnl`: the file's own numbers,
    /// on the dates of `from...to` where every chosen asset has one (intersect; a date missing
    /// for one asset is dropped for all and never rolled into the next, as a return that was
    /// never observed cannot be rebuilt). Returns are converted to log returns (`returnType`).
    ///
    /// A P&L column `x` (in the price currency, positive for gains) becomes the series
    /// `x / S` with `S = 2^⌈log₂ max|x|⌉` (1 for a column of zeros), and `lastPrices` holds
    /// `S`: a position of one unit is worth `S`, and its linear P&L `S · (x / S)` is `x`
    /// exactly (scaling by a power of two is exact in binary floating point), while the
    /// series stays within the return bounds every method checks (`|x / S| ≤ 1`).
    ///
    /// `startDate` is the first date used (the file has no price date before it); for
    /// returns `lastPrices` are 1.
    ///
    /// - Throws: as `returnSeries` for the options; `.file` for a simple return of −100% or less.
    /// - Complexity: O(dates in range × chosen assets).
    public func givenReturnSeries(kind: InputKind, returnType: ReturnType = .log, assets chosen: [String]? = nil,
                                  from: Day? = nil, to: Day? = nil, window: Int? = nil,
                                  minimumReturns: Int = 2) throws -> ReturnSeries {
        precondition(kind != .prices, "prices take returnSeries")
        let columns = try chosen.map { names in
            try names.map { try index(of: resolve($0, parameter: .assets))! }
        } ?? Array(assets.indices)
        guard Set(columns).count == columns.count else {
            throw TailRiskError.invalidParameter(.assets, message: "an asset is listed twice")
        }
        if let from, let to, from > to {
            throw TailRiskError.invalidParameter(.from, message: "\(from) is after --to \(to)")
        }
        let inRange = dates.indices.filter { t in (from.map { dates[t] >= $0 } ?? true) && (to.map { dates[t] <= $0 } ?? true) }
        let dense = columns.map { prices.columns[$0].values(at: inRange) }
        var kept = inRange.indices.filter { s in dense.allSatisfy { $0[s].isFinite } }
        let lost = dense.map { column in column.filter(\.isFinite).count - kept.count }
        if let window {
            guard window >= 1 else {
                throw TailRiskError.invalidParameter(.window, message: "the window must be at least 1 return, got \(window)")
            }
            guard kept.count >= window else {
                throw TailRiskError.insufficientData(message:
                    "--window \(window) asks for more than the \(kept.count) common \(kind.rawValue) rows in \(source)")
            }
            kept = Array(kept.suffix(window))
        }
        let names = columns.map { assets[$0] }
        guard kept.count >= max(minimumReturns, 1) else {
            throw TailRiskError.insufficientData(message:
                "\(ErrorQuoting.names(names)): \(kept.count) common \(kind.rawValue) rows in \(source); at least \(max(minimumReturns, 1)) needed")
        }
        var storage: [Double] = []
        storage.reserveCapacity(kept.count * columns.count)
        var scales = [Double](repeating: 1, count: columns.count)
        for (k, column) in dense.enumerated() {
            if kind == .pnl, let largest = kept.map({ abs(column[$0]) }).max(), largest > 0 {
                scales[k] = Double(sign: .plus, exponent: Int((Foundation.log2(largest)).rounded(.up)), significand: 1)
            }
            for s in kept {
                var r = column[s] / scales[k]
                if kind == .returns && returnType == .simple {
                    guard r > -1 else {
                        throw TailRiskError.file(path: source, line: nil, column: nil, message:
                            "simple return \(r) for \(ErrorQuoting.bare(names[k])) on \(dates[inRange[s]]) is −100% or less; "
                                + "a simple return must exceed −1 (are these log returns? --return-type log)")
                    }
                    r = log1p(r)
                }
                storage.append(r)
            }
        }
        let used = kept.map { dates[inRange[$0]] }
        let report = AlignmentReport(policy: .intersect, datesInRange: inRange.count, datesKept: kept.count,
                                     datesLost: Dictionary(uniqueKeysWithValues: zip(names, lost)))
        return ReturnSeries(assets: names, dates: used, returns: Matrix(rows: kept.count, cols: columns.count, columnMajor: storage),
                            startDate: used[0], lastPrices: scales, alignment: report)
    }
}
