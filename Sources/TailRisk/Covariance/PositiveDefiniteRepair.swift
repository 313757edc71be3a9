/// Positive-definiteness check and repair of a covariance matrix (methods.md §3):
/// factor `Σ = L Lᵀ` when it is safely positive definite, otherwise repair it,
/// factor the result and **report what changed**.
///
/// **Check.** `Σ` is accepted when LAPACK `dpotrf` succeeds, every variance is
/// positive, and the smallest eigenvalue (`dsyevd`) of its correlation matrix
/// `C = D^{-1/2} Σ D^{-1/2}` is at least `relativeTolerance · λ_max(C)` with
/// `relativeTolerance = 1e-12`. The test is on `C` rather than `Σ` because it is
/// scale-free: assets whose variances differ by many orders of magnitude (a
/// stablecoin next to MKR) do not make `Σ` ill-conditioned for Cholesky, which
/// is invariant to that diagonal scaling.
///
/// **Repair**, in the order given (by default all three):
/// 1. `.eigenvalueClipping`: `C' = V max(Λ, 1e-8) Vᵀ`, rescaled to unit diagonal,
///    then `Σ' = D^{1/2} C' D^{1/2}`: the variances are kept exactly;
/// 2. `.higham`: `NearestCorrelation.higham` on `C` (eigenvalue floor 1e-8), variances kept;
/// 3. `.ridge`: `Σ + εI`, `ε = max(0, −λ_min(Σ)) + 1e-8 · tr(Σ)/d`; the only
///    method that works when a variance is zero (a constant price), and the only
///    one that changes variances.
/// The first result that passes the check is factored. Clipping and Higham are
/// skipped when a variance is not positive. If nothing passes, `.numerical` is thrown.
public enum PositiveDefiniteRepair {
    /// Smallest accepted eigenvalue of the correlation matrix, relative to its largest.
    public static let relativeTolerance = 1e-12
    /// Floor of the correlation eigenvalues in clipping and Higham's projection.
    public static let eigenvalueFloor = 1e-8

    /// Factors `sigma`, repairing it first if the check fails.
    ///
    /// Throws `.invalidParameter(.assets)` above `Limits.covarianceAssets` (2000) assets,
    /// `.numerical` for non-finite entries or when no method in `methods` yields
    /// an acceptable matrix.
    /// - Complexity: O(d³) for the check (with a clipping repair about seven
    ///   `dsyevd`-equivalents: 12 s at 2000 assets on one idle core); Higham adds
    ///   one `dsyevd` per iteration, at most `Limits.highamIterations(dimension:)`
    ///   of them (about 20 s more at 2000).
    public static func factor(
        _ sigma: Matrix, methods: [RepairMethod] = [.eigenvalueClipping, .higham, .ridge]
    ) throws -> FactoredCovariance {
        precondition(sigma.rows == sigma.cols && sigma.rows > 0, "factoring a non-square or empty covariance matrix")
        try Limits.checkCovarianceSize(sigma.rows, parameter: .assets)
        let original = sigma.symmetrized
        guard !original.storage.contains(where: { !$0.isFinite }) else {
            throw TailRiskError.numerical(message: "the covariance matrix has non-finite entries")
        }
        let minimumBefore = try SymmetricEigen(original).values.first ?? 0
        if let l = try accepted(original) {
            return FactoredCovariance(covariance: original, cholesky: l,
                                      repair: .notNeeded(minimumEigenvalue: minimumBefore))
        }
        let variances = original.diagonal
        let positiveVariances = variances.allSatisfy { $0 > 0 }
        for method in methods {
            var candidate: Matrix?
            var iterations: Int?
            switch method {
            case .none:
                continue
            case .eigenvalueClipping where positiveVariances:
                candidate = try clipped(original)
            case .higham where positiveVariances:
                let c = CovarianceEstimate.correlation(of: original)
                if let (nearest, k) = try NearestCorrelation.higham(
                    c, floor: eigenvalueFloor, maxIterations: Limits.highamIterations(dimension: c.rows)) {
                    candidate = scaled(nearest, variances: variances)
                    iterations = k
                }
            case .eigenvalueClipping, .higham:
                continue
            case .ridge:
                candidate = ridged(original, minimumEigenvalue: minimumBefore)
            }
            guard let repaired = candidate, let l = try accepted(repaired) else { continue }
            let report = RepairReport(
                method: method, minimumEigenvalueBefore: minimumBefore,
                minimumEigenvalueAfter: try SymmetricEigen(repaired).values.first ?? 0,
                frobeniusDistance: (repaired - original).frobeniusNorm,
                largestVarianceChange: zip(repaired.diagonal, variances).map { abs($0 - $1) }.max() ?? 0,
                iterations: iterations)
            return FactoredCovariance(covariance: repaired, cholesky: l, repair: report)
        }
        throw TailRiskError.numerical(
            message: "the covariance matrix is not positive definite (smallest eigenvalue \(minimumBefore)) and "
                + "\(methods.map(\.rawValue).joined(separator: ", ")) did not repair it")
    }

    /// The Cholesky factor of `sigma` if it passes the check described above, else `nil`.
    static func accepted(_ sigma: Matrix) throws -> Matrix? {
        guard sigma.diagonal.allSatisfy({ $0 > 0 }), let l = Cholesky.factor(sigma) else { return nil }
        let values = try SymmetricEigen(CovarianceEstimate.correlation(of: sigma)).values
        guard let smallest = values.first, let largest = values.last,
              smallest >= relativeTolerance * largest else { return nil }
        return l
    }

    /// Eigenvalue clipping on the correlation matrix with the variances restored.
    /// - Complexity: O(d³).
    static func clipped(_ sigma: Matrix) throws -> Matrix {
        let c = try SymmetricEigen(CovarianceEstimate.correlation(of: sigma)).reconstruct {
            Swift.max($0, eigenvalueFloor)
        }
        return scaled(CovarianceEstimate.correlation(of: c), variances: sigma.diagonal)
    }

    /// `Σ_ij = C_ij √(v_i v_j)` with the diagonal exactly `v`.
    static func scaled(_ correlation: Matrix, variances: [Double]) -> Matrix {
        let s = variances.map { $0.squareRoot() }
        var sigma = correlation
        for j in 0..<sigma.cols {
            for i in 0..<sigma.rows { sigma[i, j] = i == j ? variances[i] : correlation[i, j] * (s[i] * s[j]) }
        }
        return sigma
    }

    /// `Σ + εI` with `ε = max(0, −λ_min) + 1e-8 · tr(Σ)/d`; `nil` when the trace is not positive.
    static func ridged(_ sigma: Matrix, minimumEigenvalue: Double) -> Matrix? {
        let averageVariance = sigma.diagonal.reduce(0, +) / Double(sigma.rows)
        guard averageVariance > 0 else { return nil }
        let epsilon = Swift.max(0, -minimumEigenvalue) + eigenvalueFloor * averageVariance
        var m = sigma
        for i in 0..<m.rows { m[i, i] += epsilon }
        return m
    }
}

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
    /// when `maxIterations` pass without convergence (`PositiveDefiniteRepair` then
    /// falls back to the ridge).
    /// - Complexity: O(d³) per iteration (one `dsyevd`); tens of iterations on return data,
    ///   at most `maxIterations` (`Limits.highamIterations`, 100; the repair passes
    ///   `Limits.highamIterations(dimension:)`, fewer above 965 assets).
    public static func higham(_ a: Matrix, floor: Double = defaultFloor, tolerance: Double = defaultTolerance,
                              maxIterations: Int = Limits.highamIterations) throws -> (correlation: Matrix, iterations: Int)? {
        precondition(a.rows == a.cols, "nearest correlation matrix of a non-square matrix")
        precondition(maxIterations >= 1, "at least one iteration")
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
