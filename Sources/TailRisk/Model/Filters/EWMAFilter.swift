import Foundation

/// The RiskMetrics exponentially weighted volatility of one asset (J.P.
/// Morgan/Reuters, *RiskMetrics — Technical Document*, 1996), as the filter
/// of filtered historical simulation (methods.md §8), zero mean:
///
///     σ²_1     = (1/m) Σ_{t=1}^{m} r²_t,   m = min(30, T),
///     σ²_{t+1} = λ σ²_t + (1 − λ) r²_t,    t = 1 … T.
///
/// The recursion runs over every return, so `r_1 … r_m` enter both the seed and
/// the recursion: this differs from `EWMACovariance`, whose recursion starts after
/// its warm-up. `σ_t` is the forecast made before `r_t`; `σ_{T+1}` is today's.
/// LCH's PAIRS and ICE's IRM use λ between 0.94 and 0.97.
/// - Complexity: O(T).
public struct EWMAFilter: VolatilityFilter {
    /// RiskMetrics' daily decay, 0.94 (the EWMA covariance's default too).
    public static let riskMetricsLambda = EWMACovariance.riskMetricsLambda
    /// Returns whose mean square seeds the recursion (fewer when `T < 30`).
    public static let seedLength = 30

    public let lambda: Double

    /// RiskMetrics' λ = 0.94.
    public init() {
        lambda = Self.riskMetricsLambda
    }

    /// Throws `.invalidParameter(.filterDecay, …)` unless `0 < λ < 1`.
    public init(lambda: Double) throws {
        self.lambda = try EWMACovariance.checkedDecay(lambda, parameter: .filterDecay, of: "the EWMA filter's decay")
    }

    /// The variances `σ²_1 … σ²_{T+1}` (`T + 1` values).
    /// - Precondition: at least one return.
    public func variances(_ returns: [Double]) -> [Double] {
        precondition(!returns.isEmpty, "the EWMA filter needs at least one return")
        let m = Swift.min(Self.seedLength, returns.count)
        var seed = 0.0
        for t in 0..<m { seed += returns[t] * returns[t] }
        var s2 = [Double](repeating: 0, count: returns.count + 1)
        s2[0] = seed / Double(m)
        for t in returns.indices { s2[t + 1] = lambda * s2[t] + (1 - lambda) * returns[t] * returns[t] }
        return s2
    }

    /// - Throws: `.insufficientData` for an empty window; `.numerical` for a non-finite
    ///   return or a zero volatility (the seed window and every return before a day all zero).
    public func fit(_ returns: [Double]) throws -> FilterFit {
        guard !returns.isEmpty else {
            throw TailRiskError.insufficientData(message: "the EWMA filter needs at least one return")
        }
        return try FilterFit.fromVariances(returns, variances(returns), filter: "ewma")
    }
}
