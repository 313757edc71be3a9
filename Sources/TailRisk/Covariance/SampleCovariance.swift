/// The unbiased sample covariance `S = (X − x̄)ᵀ(X − x̄) / (T − 1)`.
///
/// The divisor is `T − 1` (NumPy `np.cov`, pandas `DataFrame.cov`, R `cov`);
/// scikit-learn's `EmpiricalCovariance` divides by `T` instead, and so do the
/// shrinkage estimators `LedoitWolf` and `OAS` here, which match scikit-learn.
/// Needs `T ≥ 2` rows of finite returns.
/// - Complexity: O(T·d²) flops (one `dsyrk`).
public struct SampleCovariance: CovarianceFitting {
    public init() {}

    public var kind: CovarianceEstimator { .sample }

    public func fit(_ returns: Matrix) throws -> CovarianceEstimate {
        let centered = try CenteredReturns(returns, estimator: kind)
        let t = returns.rows
        return CovarianceEstimate(
            estimator: kind, covariance: centered.crossProduct(divisor: Double(t - 1)), mean: centered.mean,
            observations: t, notes: ["sample covariance with divisor T − 1 = \(t - 1)"])
    }
}

/// Validated returns minus their column means: the common first step of the
/// estimators that centre the data.
struct CenteredReturns {
    /// `X − x̄`, `T × d`, column-major.
    let values: Matrix
    /// Column means `x̄`.
    let mean: [Double]

    /// Checks that `returns` has at least `minimumRows` rows and only finite
    /// entries, then centres each column.
    /// - Complexity: O(T·d).
    init(_ returns: Matrix, estimator: CovarianceEstimator, minimumRows: Int = 2) throws {
        try CenteredReturns.validate(returns, estimator: estimator, minimumRows: minimumRows)
        let t = returns.rows
        var x = returns
        var mean = [Double](repeating: 0, count: returns.cols)
        for j in 0..<returns.cols {
            var sum = 0.0
            for i in 0..<t { sum += x[i, j] }
            let m = sum / Double(t)
            mean[j] = m
            for i in 0..<t { x[i, j] -= m }
        }
        values = x
        self.mean = mean
    }

    /// `(X − x̄)ᵀ(X − x̄) / divisor`, exactly symmetric.
    /// - Complexity: O(T·d²) flops.
    func crossProduct(divisor: Double) -> Matrix {
        (1 / divisor) * BLAS.gram(values)
    }

    /// Throws `.insufficientData` for fewer than `minimumRows` rows and
    /// `.numerical` for a NaN or infinite return (naming its row and column, 1-based).
    static func validate(_ returns: Matrix, estimator: CovarianceEstimator, minimumRows: Int) throws {
        precondition(returns.cols > 0, "covariance of a return matrix without columns")
        guard returns.rows >= minimumRows else {
            throw TailRiskError.insufficientData(
                message: "the \(estimator.rawValue) covariance needs at least \(minimumRows) return rows, "
                    + "got \(returns.rows) (for \(returns.cols) assets)")
        }
        if let k = returns.storage.firstIndex(where: { !$0.isFinite }) {
            let row = k % returns.rows + 1
            let column = k / returns.rows + 1
            throw TailRiskError.numerical(
                message: "the \(estimator.rawValue) covariance needs finite returns, but row \(row), "
                    + "column \(column) is \(returns.storage[k]); align the prices (intersect) or use "
                    + "the pairwise estimator")
        }
    }
}
