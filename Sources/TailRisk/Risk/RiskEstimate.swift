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
    /// Euler contributions to the VaR, summing to the VaR, where they are exact
    /// (the normal method's closed form); `nil` elsewhere (a scenario VaR
    /// contribution is one noisy scenario wide).
    public var valueAtRiskContributions: [Double]?
    /// Remarks a user should see (e.g. a negative VaR), some marking the
    /// figure unusable (a Cornish–Fisher expansion out of range): `RiskNote`.
    public var notes: [RiskNote]

    public init(method: RiskMethod, level: ConfidenceLevel, valueAtRisk: Double, expectedShortfall: Double,
                valueAtRiskInterval: ClosedRange<Double>? = nil, expectedShortfallStandardError: Double? = nil,
                contributions: [Double]? = nil, notes: [RiskNote] = []) {
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

extension RiskEstimate {
    /// The backstop of the rule "every figure printed is finite": throws
    /// `.numerical` naming the method, the level and the first quantity
    /// (VaR, ES, the VaR interval, SE(ES), an ES contribution) that is NaN or
    /// ±∞. Inputs are bounded (`Limits`) so that this does not happen; a
    /// figure that still overflows becomes this error instead of output.
    /// - Parameters:
    ///   - label: the method's name in the message (default `method.rawValue`).
    ///   - assets: names of the contributions' assets, for the message.
    /// - Complexity: O(contributions).
    public func requireFinite(label: String? = nil, assets: [String]? = nil) throws {
        let name = "\(label ?? method.rawValue) at \(level)"
        try Finite.require(valueAtRisk, "\(name): the VaR")
        try Finite.require(expectedShortfall, "\(name): the ES")
        if let ci = valueAtRiskInterval {
            try Finite.require(ci.lowerBound, "\(name): the lower end of the VaR interval")
            try Finite.require(ci.upperBound, "\(name): the upper end of the VaR interval")
        }
        if let se = expectedShortfallStandardError { try Finite.require(se, "\(name): the standard error of the ES") }
        for (i, c) in (contributions ?? []).enumerated() {
            let asset = assets.flatMap { i < $0.count ? $0[i] : nil } ?? "asset \(i + 1)"
            try Finite.require(c, "\(name): the ES contribution of \(asset)")
        }
        for (i, c) in (valueAtRiskContributions ?? []).enumerated() {
            let asset = assets.flatMap { i < $0.count ? $0[i] : nil } ?? "asset \(i + 1)"
            try Finite.require(c, "\(name): the VaR contribution of \(asset)")
        }
    }
}

/// Refusing non-finite results (the backstop of `Limits`' bounds).
public enum Finite {
    /// Throws `.numerical` when `value` is NaN or ±∞, naming `quantity` (e.g. "normal at 0.99: the VaR").
    /// - Complexity: O(1).
    @inline(__always)
    public static func require(_ value: Double, _ quantity: @autoclosure () -> String) throws {
        guard value.isFinite else {
            throw TailRiskError.numerical(
                message: "\(quantity()) is \(value), not a finite number: an intermediate result overflowed "
                    + "(check the magnitudes of prices, positions and horizon)")
        }
    }

    /// `require` for an optional: `nil` (a documented not-applicable figure) passes.
    @inline(__always)
    public static func require(_ value: Double?, _ quantity: @autoclosure () -> String) throws {
        if let value { try require(value, quantity()) }
    }
}
