import Foundation

/// The correlation matrix of an elliptical (t or Gaussian) copula from Kendall's τ
/// (methods.md §8): `R_ij = sin(π τ_ij / 2)`, the relation that holds exactly for
/// every elliptical law (Lindskog, McNeil & Schmock 2003), so `R` does not depend
/// on the marginals. The matrix need not be positive definite; it is then repaired
/// by `PositiveDefiniteRepair` (eigenvalue clipping and Higham keep the unit
/// diagonal) and the report kept for the output.
public struct CopulaCorrelation: Sendable {
    /// Kendall's τ-b of each pair.
    public let kendallTau: Matrix
    /// `sin(π τ / 2)` before any repair.
    public let raw: Matrix
    /// The correlation simulated (after any repair), its lower Cholesky factor and the repair report.
    public let factored: FactoredCovariance

    /// The copula correlation of the columns of `data` (`T × d`, returns or residuals).
    /// - Throws: `.insufficientData` for fewer than 2 days, the repair's errors.
    /// - Complexity: O(d² T²) for τ-b (`KendallTau`), O(d³) for the factor.
    public init(_ data: Matrix) throws {
        guard data.rows >= 2 else {
            throw TailRiskError.insufficientData(message: "a copula correlation needs at least 2 days, got \(data.rows)")
        }
        try self.init(kendallTau: KendallTau.matrix(data))
    }

    /// The copula correlation of a given τ matrix.
    public init(kendallTau tau: Matrix) throws {
        kendallTau = tau
        var r = tau
        for i in 0..<tau.rows {
            for j in 0..<tau.cols { r[i, j] = i == j ? 1 : sin(Double.pi * tau[i, j] / 2) }
        }
        raw = r
        factored = try PositiveDefiniteRepair.factor(r)
    }

    /// The correlation simulated.
    public var correlation: Matrix { factored.covariance }
    /// Its lower Cholesky factor.
    public var cholesky: Matrix { factored.cholesky }
    /// What the repair did (`notNeeded` when `R` was positive definite).
    public var repair: RepairReport { factored.repair }
}
