/// A confidence level `c` and its tail probability `α = 1 − c`, with `α`
/// rounded to 12 decimals so that `n·α` is exact for round numbers
/// (`1 − 0.99` is 0.010000000000000009 in binary64; methods.md §4).
public struct ConfidenceLevel: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByFloatLiteral {
    public let confidence: Double
    public let alpha: Double

    /// The level `confidence`; throws `.invalidParameter(.confidence)` unless it lies in
    /// `Limits.confidence`, `[0.5, 1 − 1e-9]`: outside it `α` rounds to 0 or 1, or the "VaR" is a
    /// gain quantile (`try ConfidenceLevel(99)` throws; the level is `0.99`).
    public init(_ confidence: Double) throws {
        try self.init(validating: confidence)
    }

    /// The level `confidence`, or `.invalidParameter(parameter)` when it lies outside `Limits.confidence`.
    public init(validating confidence: Double, parameter: Parameter = .confidence) throws {
        try Limits.checkConfidence(confidence, parameter: parameter)
        self.init(unchecked: confidence)
    }

    /// A level written as a literal in the source (`ConfidenceLevel(0.99)`, `[0.95, 0.99]`).
    /// - Precondition: the literal lies in `Limits.confidence` — a literal out of range is a mistake
    ///   in the program, visible where it is written; a computed or user-given level goes through
    ///   the throwing `init(_:)`.
    public init(floatLiteral confidence: Double) {
        precondition(Limits.confidence.contains(confidence), "confidence must lie in \(Limits.confidence)")
        self.init(unchecked: confidence)
    }

    private init(unchecked confidence: Double) {
        self.confidence = confidence
        self.alpha = ((1 - confidence) * 1e12).rounded() / 1e12
    }

    /// `k = n·α`, the (possibly fractional) number of tail observations in a sample of `n`.
    public func tailCount(_ n: Int) -> Double { ((Double(n) * alpha) * 1e6).rounded() / 1e6 }

    public static func < (a: ConfidenceLevel, b: ConfidenceLevel) -> Bool { a.confidence < b.confidence }
    public var description: String { String(confidence) }
}
