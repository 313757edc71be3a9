import Foundation

/// How a covariance matrix was made positive definite.
public enum RepairMethod: String, CaseIterable, Sendable {
    /// The matrix was positive definite already.
    case none
    /// Eigenvalues of the correlation matrix clipped from below, unit diagonal restored, variances kept.
    case eigenvalueClipping = "eigenvalue-clipping"
    /// Higham (2002) nearest correlation matrix, variances kept.
    case higham
    /// `Σ + εI`: the last resort, which changes every variance.
    case ridge
}

/// What a positive-definite repair changed, printed with every result that used it.
public struct RepairReport: Sendable, Equatable {
    public let method: RepairMethod
    /// Smallest eigenvalue of the covariance matrix given (negative when indefinite).
    public let minimumEigenvalueBefore: Double
    /// Smallest eigenvalue of the covariance matrix returned.
    public let minimumEigenvalueAfter: Double
    /// `‖Σ_after − Σ_before‖_F`.
    public let frobeniusDistance: Double
    /// `max_i |Σ_after,ii − Σ_before,ii|` (0 for clipping and Higham, up to rounding).
    public let largestVarianceChange: Double
    /// Alternating-projection iterations (Higham only).
    public let iterations: Int?

    public init(method: RepairMethod, minimumEigenvalueBefore: Double, minimumEigenvalueAfter: Double,
                frobeniusDistance: Double, largestVarianceChange: Double, iterations: Int? = nil) {
        self.method = method
        self.minimumEigenvalueBefore = minimumEigenvalueBefore
        self.minimumEigenvalueAfter = minimumEigenvalueAfter
        self.frobeniusDistance = frobeniusDistance
        self.largestVarianceChange = largestVarianceChange
        self.iterations = iterations
    }

    /// The report of a matrix that needed nothing.
    static func notNeeded(minimumEigenvalue: Double) -> RepairReport {
        RepairReport(method: .none, minimumEigenvalueBefore: minimumEigenvalue,
                     minimumEigenvalueAfter: minimumEigenvalue, frobeniusDistance: 0, largestVarianceChange: 0)
    }

    /// One line for a table or a log, e.g. "eigenvalue clipping: smallest eigenvalue −6.7e-04 → 2.1e-11, …".
    public var summary: String {
        let before = Self.format(minimumEigenvalueBefore)
        guard method != .none else {
            return "not needed (positive definite, smallest eigenvalue \(before))"
        }
        let name: String
        switch method {
        case .none: name = ""
        case .eigenvalueClipping: name = "eigenvalue clipping on the correlation matrix"
        case .higham: name = "Higham nearest correlation matrix (\(iterations ?? 0) iterations)"
        case .ridge: name = "ridge Σ + εI"
        }
        return "\(name): smallest eigenvalue \(before) → \(Self.format(minimumEigenvalueAfter)), "
            + "Frobenius distance \(Self.format(frobeniusDistance)), "
            + "largest variance change \(Self.format(largestVarianceChange))"
    }

    private static func format(_ x: Double) -> String {
        x == 0 ? "0" : String(format: "%.3g", x)
    }
}

/// A covariance matrix that is positive definite, with its Cholesky factor and
/// the record of any repair it took.
public struct FactoredCovariance: Sendable {
    /// The (possibly repaired) covariance matrix, exactly symmetric.
    public let covariance: Matrix
    /// Lower-triangular `L` with `L Lᵀ = covariance`.
    public let cholesky: Matrix
    public let repair: RepairReport
}
