/// The one parser of scenario-distribution names, shared by every command
/// that simulates (var, haircut, backtest) and by policy files.
extension RiskAnalysis.Distribution {
    /// The names `parse` accepts, in the order error messages list them.
    public static let names = ["normal", "t", "student-t", "studentt", "bootstrap"]

    /// The distribution called `name` (case-insensitive): `normal`, `t` (also
    /// `student-t`, `studentt`) with `degreesOfFreedom` `ν`, or `bootstrap`.
    /// `ν` is read only for t and must be finite and greater than 2, so that the
    /// draws have the finite covariance the model scales to (variance `ν/(ν − 2)`
    /// before scaling).
    ///
    /// - Parameters:
    ///   - option: the flag that gave `name`, named in the error (`--dist`);
    ///     an invalid `ν` is reported against `--df`.
    /// - Throws: `invalidOption(option:)` for an unknown name,
    ///   `invalidOption(option: "--df")` for `ν ≤ 2`, NaN or infinity.
    /// - Complexity: O(length of `name`).
    public static func parse(_ name: String, degreesOfFreedom: Double,
                             option: String = "--dist") throws -> RiskAnalysis.Distribution {
        switch name.lowercased() {
        case "normal":
            return .normal
        case "t", "student-t", "studentt":
            guard degreesOfFreedom > 2, degreesOfFreedom.isFinite else {
                throw TailRiskError.invalidOption(
                    option: "--df", message: degreesOfFreedomMessage(degreesOfFreedom))
            }
            return .studentT(degreesOfFreedom: degreesOfFreedom)
        case "bootstrap":
            return .bootstrap
        default:
            throw TailRiskError.invalidOption(
                option: option, message: "'\(name)' is not one of \(names.joined(separator: ", "))")
        }
    }

    /// The error text for Student-t degrees of freedom that are not finite and above 2.
    static func degreesOfFreedomMessage(_ df: Double) -> String {
        "must be a finite number greater than 2 (the variance is infinite otherwise), got \(df)"
    }
}
