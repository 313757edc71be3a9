import Foundation

/// Lower tail dependence of every pair of a basket (issue 13, methods.md §8): what a
/// risk committee reads beside the correlation matrix.
///
/// - Empirical, on the pseudo-observations `U_{t,i} = rank(r_{t,i})/(T + 1)` (average
///   ranks): `λ̂_L(u) = C_n(u, u)/u` with `C_n(u, u) = #{t : U_{t,i} ≤ u, U_{t,j} ≤ u}/T`,
///   the share of days both assets are in their lowest `u`, over `u`; with a binomial
///   standard error `√(p̂(1 − p̂)/T)/u`, `p̂ = C_n(u, u)` (a rough guide: it ignores that
///   the ranks are estimated).
/// - The fitted copulas at the same `u`: `C(u, u)/u` of the t-copula with `ν` (given, or
///   fitted by pseudo-likelihood on the whole basket, `TCopulaDegreesOfFreedom`) and
///   of the Gaussian copula, both with the basket's Kendall-based `ρ_ij = sin(πτ_ij/2)`
///   (after any repair), by `CopulaDiagonal`; and the t-copula's limit
///   `λ_L = 2 t_{ν+1}(−√((ν + 1)(1 − ρ)/(1 + ρ)))` (`TailDependence.tCopula`; the
///   Gaussian copula's limit is 0).
/// - Complexity: O(d² T²) for τ-b, the ν fit (see `TCopulaDegreesOfFreedom`),
///   O(d² T) for the counts and O(d² · 200) CDF evaluations for the copula diagonals.
public struct PairTailDependence: Sendable {
    /// One pair `(first, second)` of columns.
    public struct Pair: Sendable {
        public let first: Int
        public let second: Int
        public let kendallTau: Double
        /// The copula correlation `ρ` (after any repair of the basket's matrix).
        public let correlation: Double
        /// Days with both pseudo-observations at or below each level.
        public let jointCounts: [Int]
        /// `C_n(u, u)/u` per level.
        public let empirical: [Double]
        /// `√(p̂(1 − p̂)/T)/u` per level.
        public let empiricalStandardError: [Double]
        /// `C(u, u)/u` of the fitted t-copula per level.
        public let tCopula: [Double]
        /// `C(u, u)/u` of the Gaussian copula per level.
        public let gaussianCopula: [Double]
        /// The t-copula's `λ_L` (the limit `u → 0`).
        public let tCopulaLimit: Double
    }

    /// The levels `u` (default 0.05 and 0.01).
    public let levels: [Double]
    public static let defaultLevels = [0.05, 0.01]
    /// `T`.
    public let observations: Int
    /// The t-copula's `ν`, and whether it was fitted.
    public let degreesOfFreedom: Double
    public let degreesOfFreedomFitted: Bool
    /// The basket's copula correlation (τ-b, `sin(πτ/2)`, repair report).
    public let correlation: CopulaCorrelation
    /// Every pair `i < j`, in row order.
    public let pairs: [Pair]

    /// The estimator, as the outputs state it.
    public static let estimatorDescription =
        "empirical λ_L(u) = C_n(u,u)/u, C_n(u,u) = #{t: U_ti ≤ u and U_tj ≤ u}/T on pseudo-observations U = rank/(T+1); "
        + "fitted: C(u,u)/u of the t-copula (ν) and the Gaussian copula with ρ = sin(πτ_b/2), "
        + "and the t-copula's limit λ_L = 2 t_{ν+1}(−√((ν+1)(1−ρ)/(1+ρ)))"

    /// Tail dependence of the columns of `data` (`T × d`, `d ≥ 2`).
    /// - Parameters:
    ///   - levels: each in `(0, 0.5]`.
    ///   - degreesOfFreedom: the t-copula's `ν > 0`, or `nil` to fit it on `[1, 100]`.
    /// - Throws: `.insufficientData` for fewer than 2 assets or 2 days, `.invalidParameter(.degreesOfFreedom)`
    ///   for a bad `ν`, the repair's errors.
    public init(_ data: Matrix, levels: [Double] = defaultLevels, degreesOfFreedom: Double? = nil) throws {
        guard data.cols >= 2 else {
            throw TailRiskError.insufficientData(message: "tail dependence needs at least 2 assets, got \(data.cols)")
        }
        guard data.rows >= 2 else {
            throw TailRiskError.insufficientData(message: "tail dependence needs at least 2 days, got \(data.rows)")
        }
        precondition(levels.allSatisfy { $0 > 0 && $0 <= 0.5 }, "tail levels must lie in (0, 0.5]")
        if let nu = degreesOfFreedom, !(nu > 0 && nu.isFinite) {
            throw TailRiskError.invalidParameter(.degreesOfFreedom, message: "must be a finite positive number, got \(nu)")
        }
        let correlation = try CopulaCorrelation(data)
        let nu = degreesOfFreedom ?? TCopulaDegreesOfFreedom.fit(data, correlation: correlation).degreesOfFreedom
        let u = TCopulaDegreesOfFreedom.pseudoObservations(data)
        let t = data.rows
        var pairs: [Pair] = []
        for i in 0..<data.cols {
            for j in (i + 1)..<data.cols {
                let rho = correlation.correlation[i, j]
                let counts = levels.map { level in (0..<t).reduce(0) { $0 + (u[$1, i] <= level && u[$1, j] <= level ? 1 : 0) } }
                let p = counts.map { Double($0) / Double(t) }
                pairs.append(Pair(
                    first: i, second: j, kendallTau: correlation.kendallTau[i, j], correlation: rho,
                    jointCounts: counts, empirical: zip(p, levels).map { $0 / $1 },
                    empiricalStandardError: zip(p, levels).map { ($0 * (1 - $0) / Double(t)).squareRoot() / $1 },
                    tCopula: levels.map { CopulaDiagonal.tCopula($0, correlation: rho, degreesOfFreedom: nu) / $0 },
                    gaussianCopula: levels.map { CopulaDiagonal.gaussianCopula($0, correlation: rho) / $0 },
                    tCopulaLimit: TailDependence.tCopula(correlation: rho, degreesOfFreedom: nu)))
            }
        }
        self.levels = levels
        observations = t
        self.degreesOfFreedom = nu
        degreesOfFreedomFitted = degreesOfFreedom == nil
        self.correlation = correlation
        self.pairs = pairs
    }
}
