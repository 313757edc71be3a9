/// Kendall's rank correlation τ-b (Kendall 1945), the variant that counts ties,
/// as `scipy.stats.kendalltau` computes it (methods.md §8):
///
///     τ_b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)),
///
/// `n_0 = n(n − 1)/2` pairs of days, `n_c`/`n_d` the concordant/discordant pairs,
/// `n_1`/`n_2` the pairs tied in `x`/in `y` (a pair tied in both counts in each and
/// is neither concordant nor discordant). Ties matter on price data: stale prices
/// give runs of zero returns, which τ-a would treat as information.
///
/// The count is exact in integers: O(n²) time over the `n(n − 1)/2` pairs and O(1)
/// memory (Knight's O(n log n)
/// merge-sort count is the upgrade for windows of many thousand days).
public enum KendallTau {
    /// τ-b of two equally long series; `0` when either is constant (SciPy gives NaN:
    /// a constant price carries no rank information, and a zero keeps `R` usable).
    /// - Precondition: `x.count == y.count`.
    public static func tauB(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "τ-b of series of different lengths")
        let n = x.count
        guard n >= 2 else { return 0 }
        var s = 0, tiesX = 0, tiesY = 0
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                for i in 0..<(n - 1) {
                    let xi = xp[i], yi = yp[i]
                    for j in (i + 1)..<n {
                        let dx = xp[j] - xi, dy = yp[j] - yi
                        if dx == 0 { tiesX += 1 }
                        if dy == 0 { tiesY += 1 }
                        if (dx > 0 && dy > 0) || (dx < 0 && dy < 0) { s += 1 }
                        else if (dx > 0 && dy < 0) || (dx < 0 && dy > 0) { s -= 1 }
                    }
                }
            }
        }
        let n0 = n * (n - 1) / 2
        let denominator = (Double(n0 - tiesX) * Double(n0 - tiesY)).squareRoot()
        return denominator > 0 ? Double(s) / denominator : 0
    }

    /// τ-b of every pair of columns of a `T × d` matrix: symmetric, unit diagonal.
    /// - Complexity: O(d² T²).
    public static func matrix(_ data: Matrix) -> Matrix {
        let d = data.cols
        let columns = (0..<d).map { data.column($0) }
        var tau = Matrix.identity(d)
        for i in 0..<d {
            for j in (i + 1)..<d {
                let t = tauB(columns[i], columns[j])
                tau[i, j] = t
                tau[j, i] = t
            }
        }
        return tau
    }
}
