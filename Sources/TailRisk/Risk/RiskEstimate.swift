/// A confidence level `c` and its tail probability `α = 1 − c`, with `α`
/// rounded to 12 decimals so that `n·α` is exact for round numbers
/// (`1 − 0.99` is 0.010000000000000009 in binary64; methods.md §4).
public struct ConfidenceLevel: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let confidence: Double
    public let alpha: Double

    /// - Precondition: `0 < confidence < 1` (validate user input before).
    public init(_ confidence: Double) {
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        self.confidence = confidence
        self.alpha = ((1 - confidence) * 1e12).rounded() / 1e12
    }

    /// `k = n·α`, the (possibly fractional) number of tail observations in a sample of `n`.
    public func tailCount(_ n: Int) -> Double { ((Double(n) * alpha) * 1e6).rounded() / 1e6 }

    public static func < (a: ConfidenceLevel, b: ConfidenceLevel) -> Bool { a.confidence < b.confidence }
    public var description: String { String(confidence) }
}

/// The risk methods the toolkit implements.
public enum RiskMethod: String, Sendable, CaseIterable, Codable {
    case historical
    case normal
    case cornishFisher = "cornish-fisher"
    /// Filtered historical simulation (methods.md §8): deterministic, one scenario per day of the window.
    case fhs
    case monteCarlo = "monte-carlo"
}

/// One VaR/ES figure: positive loss amounts in the price currency.
public struct RiskEstimate: Sendable, Equatable {
    public let method: RiskMethod
    public let level: ConfidenceLevel
    /// Value at Risk (positive = loss). Negative when the quantile is a gain.
    public let valueAtRisk: Double
    /// Expected Shortfall (positive = loss).
    public let expectedShortfall: Double
    /// Distribution-free 95% confidence interval of the VaR (simulation methods).
    public var valueAtRiskInterval: ClosedRange<Double>?
    /// Standard error of the ES (simulation methods).
    public var expectedShortfallStandardError: Double?
    /// Euler contributions of each asset to the ES, in currency, summing to the ES.
    public var contributions: [Double]?
    /// Remarks a user should see (e.g. a negative VaR, a non-monotone expansion).
    public var notes: [String]

    public init(method: RiskMethod, level: ConfidenceLevel, valueAtRisk: Double, expectedShortfall: Double,
                valueAtRiskInterval: ClosedRange<Double>? = nil, expectedShortfallStandardError: Double? = nil,
                contributions: [Double]? = nil, notes: [String] = []) {
        self.method = method
        self.level = level
        self.valueAtRisk = valueAtRisk
        self.expectedShortfall = expectedShortfall
        self.valueAtRiskInterval = valueAtRiskInterval
        self.expectedShortfallStandardError = expectedShortfallStandardError
        self.contributions = contributions
        self.notes = notes
    }
}
