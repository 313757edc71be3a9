/// The nearest correlation matrix with some entries held fixed (methods.md §3,
/// §9: a correlation break). Higham (2002), *IMA J. Numer. Anal.* 22, §4 (the
/// `U` set may fix off-diagonal entries as well as the diagonal): alternating
/// projections with Dykstra's correction, `P_U` setting the diagonal to 1
/// **and** every fixed entry `(i, j)` to its value `ρ_ij` (both sets stay
/// convex, so the iteration converges when their intersection is not empty),
/// accelerated by Anderson mixing (Higham & Strabić 2016,
/// `FixedCorrelation+Projection`): a break near ±1 took 12,000–330,000 plain
/// iterations (`BTC:ETH=0.999`, `0.9999`) and now takes 20–50.
///
/// A matrix that already passes `PositiveDefiniteRepair`'s check with the
/// entries set is returned unchanged (it is its own nearest correlation matrix),
/// so setting a correlation to its fitted value changes no bit.
///
/// **±1.** A correlation of exactly ±1 is valid but singular: `z_b = ±z_a`, so
/// every other correlation of `b` must be `±` that of `a` (`FixedCorrelation+Ties`).
/// Assets tied so form one group; the nearest matrix in the Frobenius norm is
/// then the nearest correlation matrix of the groups in the weighted norm
/// `‖W^{1/2}(X − Ā)W^{1/2}‖_F`, `W = diag(group sizes)`, `Ā` the sign-adjusted
/// average of the members' correlations (the same projections in that norm),
/// expanded back to the assets. Its lower-triangular factor is built from the
/// groups' Cholesky factor exactly (`factor`), so the ±1 holds to the bit.
///
/// What else moved is reported: every other entry whose value changed (`changes`).
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

    /// An entry the break did not set but moved: `C_ij` from `before` (the matrix given) to `after`.
    public struct Change: Sendable, Equatable {
        public let i: Int
        public let j: Int
        public let before: Double
        public let after: Double
        public var delta: Double { after - before }
    }

    /// The result: the matrix, the iterations (0 when nothing was needed), and the
    /// Frobenius distance from the matrix with the entries set.
    public struct Result: Sendable {
        public let correlation: Matrix
        public let iterations: Int
        public let frobeniusDistance: Double
        public let minimumEigenvalueBefore: Double
        public let minimumEigenvalueAfter: Double
        /// Groups of assets tied by set correlations of ±1 (two or more members each, ascending).
        public let tied: [[Int]]
        /// With ties, a lower-triangular `L` with `L Lᵀ = correlation` exactly up to
        /// rounding (the matrix is singular: factor it with this, not `dpotrf`); `nil` otherwise.
        public let factor: Matrix?
        /// Entries not set whose value changed by at least `reportedChange`, largest `|Δ|` first.
        public let changes: [Change]
    }

    /// Smallest `|Δ|` of an entry listed in `Result.changes`.
    public static let reportedChange = 1e-6

    /// `correlation` with `entries` set, made a correlation matrix with those entries kept.
    ///
    /// - Parameter names: the assets' names for error messages (default "asset 1", …).
    /// - Throws: `.invalidParameter(.correlationOverride)` for ±1 ties that contradict each
    ///   other or another set entry; `.numerical` when `maxIterations` pass without
    ///   convergence, naming any set triple that admits no correlation matrix.
    /// - Complexity: O(d³) per iteration (one `dsyevd`), at most `maxIterations`.
    public static func nearest(_ correlation: Matrix, fixing entries: [Entry], names: [String]? = nil,
                               floor: Double = NearestCorrelation.defaultFloor,
                               tolerance: Double = NearestCorrelation.defaultTolerance,
                               maxIterations: Int = 2_000) throws -> Result {
        let d = correlation.rows
        let label = { (i: Int) in names?[i] ?? "asset \(i + 1)" }
        let fitted = correlation.symmetrized
        var target = fitted
        set(&target, entries)
        let before = try SymmetricEigen(target).values.first ?? 0
        let ties = try Ties(dimension: d, entries: entries, name: label)
        if ties.groups.count == d {
            if try PositiveDefiniteRepair.accepted(target) != nil && before >= floor {
                return Result(correlation: target, iterations: 0, frobeniusDistance: 0, minimumEigenvalueBefore: before,
                              minimumEigenvalueAfter: before, tied: [], factor: nil, changes: [])
            }
            let (y, k) = try solve(target, entries: entries, weights: nil, name: label, floor: floor,
                                   tolerance: tolerance, maxIterations: maxIterations)
            return try result(y, iterations: k, target: target, fitted: fitted, entries: entries, before: before,
                              tied: [], factor: nil)
        }
        // ±1 ties: the groups' problem in the weighted norm, expanded back.
        let reducedEntries = try ties.reduce(entries, name: label)
        var reduced = ties.reduce(fitted)
        set(&reduced, reducedEntries)
        var y = reduced, k = 0
        if !(try PositiveDefiniteRepair.accepted(reduced) != nil && SymmetricEigen(reduced).values.first ?? 0 >= floor) {
            (y, k) = try solve(reduced, entries: reducedEntries, weights: ties.groups.map { Double($0.count) },
                               name: { label(ties.groups[$0][0]) }, floor: floor, tolerance: tolerance,
                               maxIterations: maxIterations)
        }
        guard let lower = Cholesky.factor(y) else {
            throw TailRiskError.numerical(message: "the correlation of the ±1-tied groups is not positive definite")
        }
        return try result(ties.expand(y), iterations: k, target: target, fitted: fitted, entries: entries,
                          before: before, tied: ties.groups.filter { $0.count > 1 }, factor: ties.expandFactor(lower))
    }

    /// The diagonal set to 1 and every entry to its value.
    static func set(_ m: inout Matrix, _ entries: [Entry]) {
        for i in 0..<m.rows { m[i, i] = 1 }
        for e in entries {
            m[e.i, e.j] = e.value
            m[e.j, e.i] = e.value
        }
    }

    private static func result(_ y: Matrix, iterations: Int, target: Matrix, fitted: Matrix, entries: [Entry],
                               before: Double, tied: [[Int]], factor: Matrix?) throws -> Result {
        let d = y.rows
        let fixed = Set(entries.map { [min($0.i, $0.j), max($0.i, $0.j)] })
        var changes: [Change] = []
        for j in 0..<d {
            for i in 0..<j where !fixed.contains([i, j]) && abs(y[i, j] - fitted[i, j]) >= reportedChange {
                changes.append(Change(i: i, j: j, before: fitted[i, j], after: y[i, j]))
            }
        }
        changes.sort { abs($0.delta) != abs($1.delta) ? abs($0.delta) > abs($1.delta) : ($0.i, $0.j) < ($1.i, $1.j) }
        return Result(correlation: y, iterations: iterations, frobeniusDistance: (y - target).frobeniusNorm,
                      minimumEigenvalueBefore: before, minimumEigenvalueAfter: try SymmetricEigen(y).values.first ?? 0,
                      tied: tied, factor: factor, changes: changes)
    }
}
