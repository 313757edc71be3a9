/// The normal law of the other assets given a shock to some (methods.md §9):
/// for `r ~ N(μ, Σ)` split into shocked `s` and others `o`,
///
///     E[r_o | r_s] = μ_o + Σ_os Σ_ss⁻¹ (r_s − μ_s)
///     Cov[r_o | r_s] = Σ_oo − Σ_os Σ_ss⁻¹ Σ_so
///
/// (Anderson, *An Introduction to Multivariate Statistical Analysis*, thm 2.5.1).
/// `Σ_ss⁻¹ Σ_so` is one `dposv` solve (`SymmetricSolve`), never an inverse.
/// - Complexity: O(s³ + s²·o + s·o²).
public enum ConditionalNormal {
    public struct Result: Sendable {
        /// Indices of the other assets, ascending.
        public let others: [Int]
        /// `E[r_o | r_s]`.
        public let mean: [Double]
        /// `Cov[r_o | r_s]`, `o × o`.
        public let covariance: Matrix
        /// `B = Σ_os Σ_ss⁻¹`, `o × s`: the regression of the others on the shocked.
        public let beta: Matrix
    }

    /// Conditions `N(mean, covariance)` on `r_s = values` for the assets `shocked`.
    ///
    /// Throws `.numerical` when `Σ_ss` is not positive definite.
    public static func condition(mean: [Double], covariance: Matrix, shocked: [Int], values: [Double]) throws -> Result {
        let d = mean.count
        precondition(covariance.rows == d && covariance.cols == d, "covariance must be d × d")
        precondition(shocked.count == values.count && !shocked.isEmpty, "one value per shocked asset")
        let others = (0..<d).filter { !shocked.contains($0) }
        let s = shocked.count, o = others.count
        var sss = Matrix(rows: s, cols: s)
        for a in 0..<s { for b in 0..<s { sss[a, b] = covariance[shocked[a], shocked[b]] } }
        var sso = Matrix(rows: s, cols: o)
        for a in 0..<s { for b in 0..<o { sso[a, b] = covariance[shocked[a], others[b]] } }
        guard let solved = SymmetricSolve.solve(sss, sso) else {   // Σ_ss⁻¹ Σ_so, s × o
            throw TailRiskError.numerical(message: "the covariance of the shocked assets is not positive definite")
        }
        let beta = solved.transposed                                 // Σ_os Σ_ss⁻¹, o × s
        var condMean = [Double](repeating: 0, count: o)
        for i in 0..<o {
            var m = mean[others[i]]
            for a in 0..<s { m += beta[i, a] * (values[a] - mean[shocked[a]]) }
            condMean[i] = m
        }
        var condCov = Matrix(rows: o, cols: o)
        for i in 0..<o {
            for j in 0..<o {
                var c = covariance[others[i], others[j]]
                for a in 0..<s { c -= beta[i, a] * sso[a, j] }
                condCov[i, j] = c
            }
        }
        return Result(others: others, mean: condMean, covariance: condCov.symmetrized, beta: beta)
    }
}
