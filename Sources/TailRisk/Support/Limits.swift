/// Upper bounds on sizes a user can ask for, so that a mistyped number gets a
/// clear refusal instead of an integer overflow or an out-of-memory kill.
///
/// Each is far above what a risk run needs: 10⁹ scenarios keep about 0.4 GB of
/// exact tail at 97.5% and take minutes on two cores.
public enum Limits {
    public static let scenarios = 1_000_000_000
    public static let threads = 1024
    /// Steps of the aligned table (about 40 years of trading days).
    public static let horizon = 10_000
    public static let histogramBins = 1_000_000
    public static let exportedTailScenarios = 1_000_000

    /// Throws `.invalidOption(option:)` unless `1 ≤ value ≤ limit`.
    public static func check(_ value: Int, atMost limit: Int, option: String, atLeast lower: Int = 1) throws {
        guard value >= lower else {
            throw TailRiskError.invalidOption(option: option, message: "must be at least \(lower), got \(value)")
        }
        guard value <= limit else {
            throw TailRiskError.invalidOption(option: option, message: "must be at most \(limit), got \(value)")
        }
    }
}
