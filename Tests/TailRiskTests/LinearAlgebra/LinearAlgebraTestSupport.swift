@testable import TailRisk

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator for test matrices.
struct SplitMixTestGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A `rows × cols` matrix of uniform draws on [-1, 1).
    mutating func matrix(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, columnMajor: (0..<(rows * cols)).map { _ in Double.random(in: -1..<1, using: &self) })
    }

    /// A random symmetric positive-definite `n × n` matrix `A Aᵀ + n·1e-3·I`.
    mutating func spd(_ n: Int) -> Matrix {
        let a = matrix(rows: n, cols: n)
        var s = BLAS.multiply(a, a, transposeB: true).symmetrized
        for i in 0..<n { s[i, i] += Double(n) * 1e-3 }
        return s
    }
}

/// Naive triple-loop product `A·B`, the reference for the BLAS wrappers.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, cols: b.cols)
    for i in 0..<a.rows {
        for j in 0..<b.cols {
            var sum = 0.0
            for k in 0..<a.cols { sum += a[i, k] * b[k, j] }
            c[i, j] = sum
        }
    }
    return c
}
