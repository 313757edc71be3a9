import CLapack

/// Solving `A X = B` for a symmetric positive-definite `A` by LAPACK `dposv`
/// (Cholesky `A = L Lᵀ`, then two triangular solves per column of `B`).
public enum SymmetricSolve {
    /// `X = A⁻¹ B` (`A` is `n × n` SPD, `B` is `n × k`); `nil` when `dpotrf`
    /// finds a leading minor that is not positive, or an entry is not finite.
    /// Only the lower triangle of `A` is read.
    /// - Complexity: n³/3 + 2n²k flops.
    public static func solve(_ a: Matrix, _ b: Matrix) -> Matrix? {
        precondition(a.rows == a.cols && b.rows == a.rows, "solve: A must be n × n and B n × k")
        let n = a.rows
        if n == 0 || b.cols == 0 { return b }
        if a.storage.contains(where: { !$0.isFinite }) || b.storage.contains(where: { !$0.isFinite }) { return nil }
        BLAS.configure()
        var factor = a
        var x = b
        let info = factor.storage.withUnsafeMutableBufferPointer { pa in
            x.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dposv(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(b.cols),
                              pa.baseAddress, Int32(n), pb.baseAddress, Int32(n))
            }
        }
        return info == 0 ? x : nil
    }
}
