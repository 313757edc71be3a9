/// A dense real matrix stored in column-major order (LAPACK's layout).
///
/// Element `(i, j)` lives at `storage[i + j * rows]`, so each column (for a
/// return matrix: each asset's series) is contiguous.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    public var storage: [Double]

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "negative matrix dimension")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, cols: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * cols, "storage does not match \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from an array of rows (convenient in tests and small examples).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "ragged rows")
        var s = [Double](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { s[i + j * r] = rowArrays[i][j] } }
        self.init(rows: r, cols: c, columnMajor: s)
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A diagonal matrix with `d` on its diagonal.
    public static func diagonal(_ d: [Double]) -> Matrix {
        var m = Matrix(rows: d.count, cols: d.count)
        for i in d.indices { m[i, i] = d[i] }
        return m
    }

    @inline(__always)
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// Column `j` as an array (a copy).
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array (a copy).
    public func row(_ i: Int) -> [Double] {
        (0..<cols).map { self[i, $0] }
    }

    /// The rows as arrays (for JSON output and tests).
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] {
        precondition(rows == cols, "diagonal of a non-square matrix")
        return (0..<rows).map { self[$0, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for j in 0..<cols { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// A sub-matrix of the rows in `rowRange` (all columns).
    public func rows(_ rowRange: Range<Int>) -> Matrix {
        var m = Matrix(rows: rowRange.count, cols: cols)
        for j in 0..<cols {
            for (k, i) in rowRange.enumerated() { m[k, j] = self[i, j] }
        }
        return m
    }

    /// A sub-matrix of the columns listed in `columnIndices` (all rows).
    public func columns(_ columnIndices: [Int]) -> Matrix {
        var s: [Double] = []
        s.reserveCapacity(rows * columnIndices.count)
        for j in columnIndices { s.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)]) }
        return Matrix(rows: rows, cols: columnIndices.count, columnMajor: s)
    }

    /// Frobenius norm `√Σ a_ij²`.
    public var frobeniusNorm: Double {
        storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Largest absolute difference between two matrices of equal shape.
    public func maxAbsDifference(_ other: Matrix) -> Double {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch")
        var m = 0.0
        for k in storage.indices { m = Swift.max(m, abs(storage[k] - other.storage[k])) }
        return m
    }

    /// `(A + Aᵀ)/2`, which removes rounding asymmetry.
    public var symmetrized: Matrix {
        precondition(rows == cols, "symmetrizing a non-square matrix")
        var s = self
        for j in 0..<cols {
            for i in 0..<j {
                let v = 0.5 * (self[i, j] + self[j, i])
                s[i, j] = v
                s[j, i] = v
            }
        }
        return s
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch")
        var c = a
        for k in c.storage.indices { c.storage[k] += b.storage[k] }
        return c
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch")
        var c = a
        for k in c.storage.indices { c.storage[k] -= b.storage[k] }
        return c
    }

    public static func * (s: Double, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, cols: a.cols, columnMajor: a.storage.map { s * $0 })
    }

    public var description: String {
        rowArrays.map { $0.map { String($0) }.joined(separator: "\t") }.joined(separator: "\n")
    }
}
