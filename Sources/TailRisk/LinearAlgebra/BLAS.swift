import CLapack

/// Thin wrappers over CBLAS (OpenBLAS). Only this folder calls the C libraries.
public enum BLAS {
    /// Sets OpenBLAS's own thread count. The scenario engine runs its own
    /// workers and calls this with 1, so BLAS does not oversubscribe the cores.
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(n))
    }

    /// `C = Aᵀ·B`-style general product `C = op(A)·op(B)` (column-major), by `dgemm`.
    /// - Complexity: O(m·n·k) flops.
    public static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        var c = Matrix(rows: m, cols: n)
        if m == 0 || n == 0 { return c }
        if k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1.0,
                        pa.baseAddress, Int32(max(1, a.rows)),
                        pb.baseAddress, Int32(max(1, b.rows)),
                        0.0, pc.baseAddress, Int32(max(1, m)))
                }
            }
        }
        return c
    }

    /// `Aᵀ·A` of a tall matrix (a Gram / cross-product matrix) by `dsyrk`, symmetric result.
    /// - Complexity: O(rows·cols²/1) flops, half of a general product.
    public static func gram(_ a: Matrix) -> Matrix {
        let n = a.cols
        var c = Matrix(rows: n, cols: n)
        if n == 0 || a.rows == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(a.rows), 1.0,
                            pa.baseAddress, Int32(a.rows), 0.0, pc.baseAddress, Int32(n))
            }
        }
        for j in 0..<n { for i in 0..<j { c[j, i] = c[i, j] } }
        return c
    }

    /// Matrix–vector product `y = A·x` (or `Aᵀ·x`), by `dgemv`.
    public static func multiply(_ a: Matrix, _ x: [Double], transpose: Bool = false) -> [Double] {
        let n = transpose ? a.rows : a.cols
        precondition(x.count == n, "vector length \(x.count) does not match \(n)")
        var y = [Double](repeating: 0, count: transpose ? a.cols : a.rows)
        if a.rows == 0 || a.cols == 0 { return y }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans,
                                Int32(a.rows), Int32(a.cols), 1.0, pa.baseAddress, Int32(a.rows),
                                px.baseAddress, 1, 0.0, py.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// In place `B = B·Lᵀ` for a row-major block `B` (`n × d`, leading dimension `d`)
    /// and a lower-triangular `L` in column-major storage, by `dtrmm`.
    ///
    /// This is the correlation step of the scenario engine: rows of `B` are
    /// independent standard draws `z`, and each becomes `L z`.
    /// Viewed column-major, the row-major `n × d` block is the `d × n` matrix
    /// `Bᵀ`, and `(B Lᵀ)ᵀ = L Bᵀ`, so this is a left multiplication by `L`.
    /// - Complexity: n·d² flops (half of `dgemm`).
    public static func multiplyRowsByLowerTransposed(
        _ block: UnsafeMutablePointer<Double>, rows n: Int, lower: UnsafePointer<Double>, dimension d: Int
    ) {
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                    Int32(d), Int32(n), 1.0, lower, Int32(d), block, Int32(d))
    }
}
