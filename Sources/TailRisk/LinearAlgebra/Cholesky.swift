import CLapack

/// Cholesky factorisation `Σ = L Lᵀ` by LAPACK `dpotrf`.
public enum Cholesky {
    /// The lower-triangular factor `L` of a symmetric positive-definite matrix,
    /// with the strict upper triangle zeroed; `nil` when `dpotrf` reports that the
    /// leading minor of some order is not positive (info > 0).
    /// - Complexity: n³/3 flops.
    public static func factor(_ sigma: Matrix) -> Matrix? {
        precondition(sigma.rows == sigma.cols, "Cholesky of a non-square matrix")
        let n = sigma.rows
        if n == 0 { return sigma }
        if sigma.storage.contains(where: { !$0.isFinite }) { return nil }
        BLAS.configure()
        var a = sigma
        let info = a.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
        }
        guard info == 0 else { return nil }
        for j in 0..<n { for i in 0..<j { a[i, j] = 0 } }
        return a
    }

    /// A lower-triangular `L` with `L Lᵀ = Σ` for a symmetric positive
    /// **semi**-definite `Σ`, singular allowed (a conditional law with a fixed
    /// component, a correlation of ±1), where `dpotrf` stops at the first zero
    /// pivot: `F = V max(Λ, 0)^{1/2}` from `dsyevd` (`F Fᵀ = Σ` up to the clipped
    /// rounding), then `Fᵀ = Q R` by `dgeqrf` and `L = Rᵀ`, since
    /// `F Fᵀ = Rᵀ Qᵀ Q R = Rᵀ R`; each column's sign is set so the diagonal is ≥ 0.
    /// `nil` when an eigenvalue is below `−tolerance · max(λ_max, 0)` (indefinite)
    /// or an entry is not finite.
    /// - Complexity: O(n³): one `dsyevd` and one `dgeqrf`.
    public static func semidefiniteFactor(_ sigma: Matrix, tolerance: Double = 1e-10) throws -> Matrix? {
        precondition(sigma.rows == sigma.cols, "factor of a non-square matrix")
        let n = sigma.rows
        if n == 0 { return sigma }
        if sigma.storage.contains(where: { !$0.isFinite }) { return nil }
        let eigen = try SymmetricEigen(sigma)
        let largest = Swift.max(eigen.values.last ?? 0, 0)
        guard (eigen.values.first ?? 0) >= -tolerance * largest else { return nil }
        var ft = Matrix(rows: n, cols: n)   // Fᵀ: row j is √λ_j v_jᵀ
        for j in 0..<n {
            let s = Swift.max(eigen.values[j], 0).squareRoot()
            for i in 0..<n { ft[j, i] = s * eigen.vectors[i, j] }
        }
        BLAS.configure()
        var tau = [Double](repeating: 0, count: n)
        let info = ft.storage.withUnsafeMutableBufferPointer { p in
            tau.withUnsafeMutableBufferPointer { t in
                LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), p.baseAddress, Int32(n), t.baseAddress)
            }
        }
        guard info == 0 else { return nil }
        var l = Matrix(rows: n, cols: n)
        for j in 0..<n {
            let sign: Double = ft[j, j] < 0 ? -1 : 1
            for i in j..<n { l[i, j] = sign * ft[j, i] }
        }
        return l
    }

    /// Whether `dpotrf` succeeds on `sigma`.
    public static func isPositiveDefinite(_ sigma: Matrix) -> Bool {
        factor(sigma) != nil
    }
}

/// Eigen-decomposition of a symmetric matrix by LAPACK `dsyevd`.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as columns, in the order of `values`.
    public let vectors: Matrix

    /// - Complexity: O(n³).
    public init(_ a: Matrix) throws {
        precondition(a.rows == a.cols, "eigen-decomposition of a non-square matrix")
        let n = a.rows
        guard !a.storage.contains(where: { !$0.isFinite }) else {
            throw TailRiskError.numerical(message: "matrix has non-finite entries; cannot compute eigenvalues")
        }
        BLAS.configure()
        var v = a.symmetrized
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = v.storage.withUnsafeMutableBufferPointer { pv in
                w.withUnsafeMutableBufferPointer { pw in
                    LAPACKE_dsyevd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")),
                                   Int32(n), pv.baseAddress, Int32(n), pw.baseAddress)
                }
            }
            guard info == 0 else {
                throw TailRiskError.numerical(message: "dsyevd failed to converge (info \(info))")
            }
        }
        values = w
        vectors = v
    }

    /// `V diag(f(λ)) Vᵀ`: the matrix function with the same eigenvectors.
    public func reconstruct(mapping f: (Double) -> Double = { $0 }) -> Matrix {
        let n = values.count
        var scaled = vectors
        for j in 0..<n {
            let s = f(values[j])
            for i in 0..<n { scaled[i, j] *= s }
        }
        return BLAS.multiply(scaled, vectors, transposeB: true).symmetrized
    }
}
