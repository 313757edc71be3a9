/// The nearest correlation matrix with some entries held fixed (methods.md §3,
/// §9: a correlation break). Higham (2002), *IMA J. Numer. Anal.* 22, §4 (the
/// `U` set may fix off-diagonal entries as well as the diagonal): the same
/// alternating projections with Dykstra's correction as `NearestCorrelation`,
/// with `P_U` setting the diagonal to 1 **and** every fixed entry `(i, j)` to
/// its value `ρ_ij` (both sets stay convex, so the iteration converges when
/// their intersection is not empty).
///
/// A matrix that already passes `PositiveDefiniteRepair`'s check with the
/// entries set is returned unchanged (it is its own nearest correlation matrix),
/// so setting a correlation to its fitted value changes no bit.
public enum FixedCorrelation {
    /// One entry held fixed: `C_ij = C_ji = value`, `i ≠ j`.
    public struct Entry: Sendable, Equatable {
        public let i: Int
        public let j: Int
        public let value: Double

        public init(i: Int, j: Int, value: Double) {
            precondition(i != j, "a fixed correlation is off the diagonal")
            self.i = i
            self.j = j
            self.value = value
        }
    }

    /// The result: the matrix, the iterations (0 when nothing was needed), and the
    /// Frobenius distance from the matrix with the entries set.
    public struct Result: Sendable {
        public let correlation: Matrix
        public let iterations: Int
        public let frobeniusDistance: Double
        public let minimumEigenvalueBefore: Double
        public let minimumEigenvalueAfter: Double
    }

    /// `correlation` with `entries` set, made a correlation matrix with those entries kept.
    ///
    /// Throws `.numerical` when `maxIterations` pass without convergence (e.g. the set
    /// entries admit no positive-definite completion).
    /// - Complexity: O(d³) per iteration (one `dsyevd`), at most `maxIterations`.
    public static func nearest(_ correlation: Matrix, fixing entries: [Entry],
                               floor: Double = NearestCorrelation.defaultFloor,
                               tolerance: Double = NearestCorrelation.defaultTolerance,
                               maxIterations: Int = 2_000) throws -> Result {
        let d = correlation.rows
        func project(_ m: inout Matrix) {
            for i in 0..<d { m[i, i] = 1 }
            for e in entries {
                m[e.i, e.j] = e.value
                m[e.j, e.i] = e.value
            }
        }
        var target = correlation.symmetrized
        project(&target)
        let before = try SymmetricEigen(target).values.first ?? 0
        if try PositiveDefiniteRepair.accepted(target) != nil && before >= floor {
            return Result(correlation: target, iterations: 0, frobeniusDistance: 0,
                          minimumEigenvalueBefore: before, minimumEigenvalueAfter: before)
        }
        var y = target
        var x = y
        var correction = Matrix(rows: d, cols: d)
        for k in 1...maxIterations {
            let r = y - correction
            let xNew = try SymmetricEigen(r).reconstruct { Swift.max($0, floor) }
            correction = xNew - r
            var yNew = xNew
            project(&yNew)
            let changeX = (xNew - x).frobeniusNorm / xNew.frobeniusNorm
            let changeY = (yNew - y).frobeniusNorm / yNew.frobeniusNorm
            let gap = (yNew - xNew).frobeniusNorm / yNew.frobeniusNorm
            x = xNew
            y = yNew
            if Swift.max(changeX, changeY, gap) <= tolerance {
                let after = try SymmetricEigen(y).values.first ?? 0
                return Result(correlation: y, iterations: k, frobeniusDistance: (y - target).frobeniusNorm,
                              minimumEigenvalueBefore: before, minimumEigenvalueAfter: after)
            }
        }
        throw TailRiskError.numerical(message: "the correlations set admit no nearby correlation matrix "
                                      + "(\(maxIterations) Higham iterations did not converge)")
    }
}
