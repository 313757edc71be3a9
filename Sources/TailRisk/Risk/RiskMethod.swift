/// The risk methods the toolkit implements.
public enum RiskMethod: String, Sendable, CaseIterable, Codable {
    case historical
    case normal
    case cornishFisher = "cornish-fisher"
    /// Filtered historical simulation (methods.md §8): deterministic, one scenario per day of the window.
    case fhs
    case monteCarlo = "monte-carlo"
}
