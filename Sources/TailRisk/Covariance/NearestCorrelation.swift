/// The nearest correlation matrix in the Frobenius norm, by Higham (2002),
/// "Computing the nearest correlation matrix — a problem from finance",
/// *IMA J. Numerical Analysis* 22, 329–343, Algorithm 3.3: alternating
/// projections with Dykstra's correction,
///
///     R_k = Y_{k−1} − ΔS_{k−1},   X_k = P_S(R_k),   ΔS_k = X_k − R_k,   Y_k = P_U(X_k),
///
/// where `P_U` sets the diagonal to 1 and `P_S` projects onto the symmetric
/// matrices with eigenvalues at least `floor` (`V max(Λ, floor) Vᵀ`; the paper's
/// `floor = 0` gives a singular result, useless for a Cholesky factor; the floored
/// set is still convex, so the iteration converges). It stops when the relative
/// changes of `X` and `Y` and `‖Y − X‖_F / ‖Y‖_F` are all at most `tolerance`
/// (Higham's criterion) and returns `Y`, which has an exact unit diagonal.
public enum NearestCorrelation {
    /// Eigenvalue floor of the projection onto the positive semi-definite cone.
    public static let defaultFloor = 1e-8
    /// Relative stopping tolerance.
    public static let defaultTolerance = 1e-10

    /// The Higham nearest correlation matrix to the symmetric `a` (unit diagonal
    /// expected but not required), and the number of iterations it took; `nil`
    /// when `maxIterations` pass without convergence.
    /// - Complexity: O(d³) per iteration (one `dsyevd`); tens of iterations on return data.
    public static func higham(_ a: Matrix, floor: Double = defaultFloor, tolerance: Double = defaultTolerance,
                              maxIterations: Int = 10_000) throws -> (correlation: Matrix, iterations: Int)? {
        precondition(a.rows == a.cols, "nearest correlation matrix of a non-square matrix")
        let d = a.rows
        var y = a.symmetrized
        var x = y
        var correction = Matrix(rows: d, cols: d)
        for k in 1...maxIterations {
            let r = y - correction
            let xNew = try SymmetricEigen(r).reconstruct { Swift.max($0, floor) }
            correction = xNew - r
            var yNew = xNew
            for i in 0..<d { yNew[i, i] = 1 }
            let changeX = (xNew - x).frobeniusNorm / xNew.frobeniusNorm
            let changeY = (yNew - y).frobeniusNorm / yNew.frobeniusNorm
            let gap = (yNew - xNew).frobeniusNorm / yNew.frobeniusNorm
            x = xNew
            y = yNew
            if Swift.max(changeX, changeY, gap) <= tolerance { return (y, k) }
        }
        return nil
    }
}
