/// Pairwise-complete sample covariance of returns with gaps: NaN marks a
/// missing return, and each entry uses the rows where both assets have one,
///
///     Σ_ij = Σ_{t ∈ R_ij} (x_ti − x̄_i^(ij))(x_tj − x̄_j^(ij)) / (n_ij − 1),
///
/// where `R_ij` are the `n_ij` rows with both returns present and the means
/// `x̄^(ij)` are taken over those same rows (pandas `DataFrame.cov()`, R
/// `cov(use = "pairwise.complete.obs")`). Nothing is filled in: a missing price
/// is never a zero return. The entries come from different samples, so the
/// matrix **may be indefinite**: factor it with `PositiveDefiniteRepair.factor`,
/// which repairs and reports.
///
/// Each pair needs `n_ij ≥ 2`, else `.insufficientData` names the columns.
/// Infinite returns are an error. `mean` is each column's mean over its own
/// present rows; `observations` is the row count `T`; the notes give the
/// smallest `n_ij`.
/// - Complexity: O(T·d²).
public struct PairwiseCovariance: CovarianceFitting {
    public init() {}

    public var kind: CovarianceEstimator { .pairwise }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        precondition(returns.cols > 0, "covariance of a return matrix without columns")
        let t = returns.rows
        let d = returns.cols
        if let k = returns.storage.firstIndex(where: { $0.isInfinite }) {
            throw TailRiskError.numerical(
                message: "the pairwise covariance got an infinite return at row \(k % t + 1), column \(k / t + 1)")
        }
        var sigma = Matrix(rows: d, cols: d)
        var fewest = (count: Int.max, i: 0, j: 0)
        try returns.storage.withUnsafeBufferPointer { x in
            for j in 0..<d {
                let cj = x.baseAddress! + j * t
                for i in j..<d {
                    let ci = x.baseAddress! + i * t
                    var n = 0, sumI = 0.0, sumJ = 0.0
                    for r in 0..<t where !ci[r].isNaN && !cj[r].isNaN {
                        n += 1
                        sumI += ci[r]
                        sumJ += cj[r]
                    }
                    if n < fewest.count { fewest = (n, i, j) }
                    guard n >= 2 else {
                        let what = i == j ? "column \(i + 1) has" : "columns \(j + 1) and \(i + 1) have"
                        throw TailRiskError.insufficientData(
                            message: "the pairwise covariance needs at least 2 rows where both returns are present; "
                                + "\(what) \(n) of \(t)")
                    }
                    let mi = sumI / Double(n), mj = sumJ / Double(n)
                    var c = 0.0
                    for r in 0..<t where !ci[r].isNaN && !cj[r].isNaN { c += (ci[r] - mi) * (cj[r] - mj) }
                    c /= Double(n - 1)
                    sigma[i, j] = c
                    sigma[j, i] = c
                }
            }
        }
        let mean = (0..<d).map { j -> Double in
            let present = returns.column(j).filter { !$0.isNaN }
            return present.reduce(0, +) / Double(present.count)
        }
        return CovarianceEstimate(
            estimator: kind, covariance: sigma, mean: mean, observations: t,
            notes: ["pairwise-complete covariance, divisor n_ij − 1; fewest common rows: \(fewest.count) "
                + "(columns \(fewest.j + 1) and \(fewest.i + 1)); may be indefinite"])
    }
}
