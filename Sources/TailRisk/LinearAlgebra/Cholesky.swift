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
