/// Anti-procyclical blending of a current and a stressed covariance matrix.
///
/// EMIR RTS 153/2013 art. 28(1)(b) asks a CCP to give stressed observations a
/// weight of at least 25% in its margin calibration. Blending the covariance
/// `Σ = (1 − w) Σ_current + w Σ_stressed` does this for a parametric or Monte
/// Carlo model. A convex combination of positive semi-definite matrices is
/// positive semi-definite, so the blend needs no repair when its inputs do not.
public enum StressBlend {
    /// EMIR's minimum stressed weight, 25%.
    public static let minimumEMIRWeight = 0.25

    /// `(1 − w) Σ_current + w Σ_stressed`.
    /// - Precondition: equal shapes and `0 ≤ w ≤ 1` (validate user input first).
    /// - Complexity: O(d²).
    public static func covariance(current: Matrix, stressed: Matrix, weight w: Double) -> Matrix {
        precondition(current.rows == stressed.rows && current.cols == stressed.cols, "covariance shapes differ")
        precondition(w >= 0 && w <= 1, "stress weight must lie in [0, 1]")
        var blended = current
        for k in blended.storage.indices {
            blended.storage[k] = (1 - w) * current.storage[k] + w * stressed.storage[k]
        }
        return blended
    }
}
