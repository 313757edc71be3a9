import Foundation

extension ReturnSeries {
    /// Overlapping `h`-step log returns: row `t` is `Σ_{s=t}^{t+h−1} r_s` of the daily rows,
    /// dated at the end of its last step, so there are `T − h + 1` rows (methods.md §1:
    /// horizons count rows of the aligned table). Consecutive rows share `h − 1` steps.
    ///
    /// - Precondition: `h ≥ 1` and the series has horizon 1 (validate options before).
    /// - Throws: `.insufficientData` when fewer than 2 overlapping returns result (`T < h + 1`).
    /// - Complexity: O(T · d · h); each row is a fresh sum, so no rounding accumulates.
    public func overlapping(horizon h: Int) throws -> ReturnSeries {
        precondition(h >= 1, "horizon must be at least 1")
        precondition(horizon == 1, "overlapping returns are built from a daily series")
        if h == 1 { return self }
        guard h < count else {
            throw TailRiskError.insufficientData(message:
                "\(count) returns from \(startDate) to \(endDate) make fewer than 2 overlapping \(h)-step returns")
        }
        let rows = count - h + 1
        var out = Matrix(rows: rows, cols: assets.count)
        for j in 0..<assets.count {
            for t in 0..<rows {
                var s = 0.0
                for k in t..<(t + h) { s += returns[k, j] }
                out[t, j] = s
            }
        }
        return ReturnSeries(assets: assets, dates: Array(dates[(h - 1)...]), returns: out, startDate: startDate,
                            lastPrices: lastPrices, horizon: h, alignment: alignment)
    }

    /// The last `n` returns (all of them when `n ≥ count`).
    ///
    /// - Precondition: `n ≥ 0`; see `rows(_:)`.
    public func suffix(_ n: Int) -> ReturnSeries {
        precondition(n >= 0, "negative suffix length")
        return rows(max(count - n, 0)..<count)
    }

    /// The returns in rows `range`, e.g. one window of a rolling backtest.
    ///
    /// `startDate` becomes the date before the first row, and `lastPrices` the prices
    /// on the last row's date, recovered as `P_T · exp(−Σ_{t ≥ end} r_t)` (exact up to
    /// a relative rounding of about `1e-15` per return dropped from the end). The
    /// alignment report still describes the whole series.
    ///
    /// - Precondition: `range` lies within `0..<count`, and the series is daily (horizon 1):
    ///   the start and end prices of a slice of overlapping returns are not recoverable,
    ///   so slice the daily series first, then take `overlapping(horizon:)`.
    /// - Complexity: O(count · d) for the price recovery, O(range.count · d) copying.
    public func rows(_ range: Range<Int>) -> ReturnSeries {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "rows \(range) outside 0..<\(count)")
        if range == 0..<count { return self }
        precondition(horizon == 1, "slice the daily series, then take overlapping returns")
        var storage: [Double] = []
        storage.reserveCapacity(range.count * assets.count)
        var prices = lastPrices
        returns.storage.withUnsafeBufferPointer { r in
            for j in 0..<assets.count {
                let column = r.baseAddress! + j * count
                storage.append(contentsOf: UnsafeBufferPointer(start: column + range.lowerBound, count: range.count))
                var after = 0.0
                var t = range.upperBound
                while t < count {
                    after += column[t]
                    t += 1
                }
                prices[j] = lastPrices[j] * exp(-after)
            }
        }
        let start = range.lowerBound == 0 ? startDate : dates[range.lowerBound - 1]
        return ReturnSeries(assets: assets, dates: Array(dates[range]),
                            returns: Matrix(rows: range.count, cols: assets.count, columnMajor: storage),
                            startDate: start, lastPrices: prices, horizon: 1, alignment: alignment)
    }
}
