import Foundation

/// P&L series of constant positions over a history of log returns: the input of
/// historical and Cornish–Fisher risk and of backtests.
public enum PnLSeries {
    /// Portfolio P&L of each row: `Σ_i V_i (exp(r_ti) − 1)` (exact) or `Σ_i V_i r_ti` (linear).
    /// - Precondition: `values.count == returns.cols`.
    /// - Complexity: O(T·d).
    public static func portfolio(returns: Matrix, values: [Double], model: PnLModel) -> [Double] {
        precondition(values.count == returns.cols, "one value per asset")
        var pnl = [Double](repeating: 0, count: returns.rows)
        returns.storage.withUnsafeBufferPointer { r in
            for j in 0..<returns.cols {
                let v = values[j], base = j * returns.rows
                switch model {
                case .exact: for t in 0..<returns.rows { pnl[t] += v * expm1(r[base + t]) }
                case .linear: for t in 0..<returns.rows { pnl[t] += v * r[base + t] }
                }
            }
        }
        return pnl
    }

    /// Per-asset P&L, `T × d`: column `i` is `V_i (exp(r_ti) − 1)` (or `V_i r_ti`).
    /// Its row sums are `portfolio(returns:values:model:)` up to the order of summation.
    /// - Complexity: O(T·d).
    public static func assets(returns: Matrix, values: [Double], model: PnLModel) -> Matrix {
        precondition(values.count == returns.cols, "one value per asset")
        var out = Matrix(rows: returns.rows, cols: returns.cols)
        for j in 0..<returns.cols {
            let v = values[j], base = j * returns.rows
            for t in 0..<returns.rows {
                let r = returns.storage[base + t]
                out.storage[base + t] = model == .exact ? v * expm1(r) : v * r
            }
        }
        return out
    }
}
