/// How many returns each entry of a pairwise-complete covariance rests on.
extension PairwiseCovariance {
    /// `n_ij`, the rows of `returns` where both column `i` and column `j` have
    /// a return (NaN marks a missing one); `n_ii` is column `i`'s own count.
    /// The same rows `fit` uses for `Σ_ij`.
    /// - Complexity: O(T·d²).
    public static func commonCounts(_ returns: Matrix) -> [[Int]] {
        let t = returns.rows, d = returns.cols
        var counts = Array(repeating: Array(repeating: 0, count: d), count: d)
        returns.storage.withUnsafeBufferPointer { x in
            for j in 0..<d {
                for i in j..<d {
                    var n = 0
                    for r in 0..<t where !x[i * t + r].isNaN && !x[j * t + r].isNaN { n += 1 }
                    counts[i][j] = n
                    counts[j][i] = n
                }
            }
        }
        return counts
    }
}

extension CovarianceAnalysis {
    /// The per-pair observation counts `n_ij` of a `pairwise` estimate (its
    /// series keeps NaN where an asset has no return); `nil` for the other
    /// estimators, whose every entry uses all `observations` rows.
    /// - Complexity: O(T·d²).
    public var pairwiseCounts: [[Int]]? {
        estimate.estimator == .pairwise ? PairwiseCovariance.commonCounts(series.returns) : nil
    }
}
