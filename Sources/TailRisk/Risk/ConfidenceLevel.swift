/// A confidence level `c` and its tail probability `α = 1 − c`, with `α`
/// rounded to 12 decimals so that `n·α` is exact for round numbers
/// (`1 − 0.99` is 0.010000000000000009 in binary64; methods.md §4).
public struct ConfidenceLevel: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let confidence: Double
    public let alpha: Double

    /// - Precondition: `confidence` lies in `Limits.confidence`, `[0.5, 1 − 1e-9]`
    ///   (validate user input with `init(validating:option:)`): outside it `α`
    ///   rounds to 0 or 1, or the "VaR" is a gain quantile.
    public init(_ confidence: Double) {
        precondition(Limits.confidence.contains(confidence), "confidence must lie in \(Limits.confidence)")
        self.confidence = confidence
        self.alpha = ((1 - confidence) * 1e12).rounded() / 1e12
    }

    /// The level `confidence`, or `.invalidOption(option:)` when it lies outside `Limits.confidence`.
    public init(validating confidence: Double, option: String = "--confidence") throws {
        try Limits.checkConfidence(confidence, option: option)
        self.init(confidence)
    }

    /// `k = n·α`, the (possibly fractional) number of tail observations in a sample of `n`.
    public func tailCount(_ n: Int) -> Double { ((Double(n) * alpha) * 1e6).rounded() / 1e6 }

    public static func < (a: ConfidenceLevel, b: ConfidenceLevel) -> Bool { a.confidence < b.confidence }
    public var description: String { String(confidence) }
}
