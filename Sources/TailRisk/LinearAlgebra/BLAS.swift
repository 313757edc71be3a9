import CLapack
import Foundation

/// Thin wrappers over CBLAS (OpenBLAS). Only this folder calls the C libraries.
///
/// One rule for all dense linear algebra, set once: OpenBLAS runs on **one
/// thread** in this process, whatever `OPENBLAS_NUM_THREADS` or the core count
/// say. A multi-threaded `dgemm`/`dsyevd` splits its work by the thread count,
/// and a different split sums in a different order, so a repaired covariance
/// (and every result downstream) would change in its last bits with the
/// machine. TailRisk's parallelism is its own (engine workers, backtest days),
/// never BLAS's. Every wrapper below and in `Cholesky.swift` passes through
/// `BLAS.configured` first; it is a `static let`, so the setting is made
/// exactly once, thread-safely, before the first call into the library (and
/// no call ever changes it while another thread is inside LAPACK).
public enum BLAS {
    /// Evaluated once per process before any BLAS or LAPACK call.
    static let configured: Void = { openblas_set_num_threads(1) }()

    /// Makes sure the one-thread rule is in force (cheap after the first call).
    @inline(__always)
    static func configure() { _ = configured }

    /// The threads OpenBLAS uses for one call: always 1 once configured.
    public static var threads: Int {
        configure()
        return Int(openblas_get_num_threads())
    }

    /// The compute kernel OpenBLAS selected for this processor (its core type,
    /// e.g. `Haswell`, `SkylakeX`, or what `OPENBLAS_CORETYPE` forced).
    /// Different kernels may change last bits, so every output records it.
    public static var kernel: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name).trimmingCharacters(in: .whitespaces)
    }

    /// OpenBLAS's build configuration string (version, threading model, kernel).
    public static var buildConfiguration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config).trimmingCharacters(in: .whitespaces)
    }

    /// `C = Aᵀ·B`-style general product `C = op(A)·op(B)` (column-major), by `dgemm`.
    /// - Complexity: O(m·n·k) flops.
    public static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        configure()
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
        configure()
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
        configure()
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
        configure()
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                    Int32(d), Int32(n), 1.0, lower, Int32(d), block, Int32(d))
    }
}
