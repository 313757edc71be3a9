import Foundation

/// How today's volatility of one asset is read from its history (methods.md §8):
/// a filter turns a window of zero-mean returns `r_1 … r_T` into the volatility
/// forecasts `σ_t` (made before `r_t` is seen), today's `σ_{T+1}` and the
/// standardized residuals `z_t = r_t / σ_t` that filtered historical simulation
/// rescales by `σ_{T+1}` (Barone-Adesi, Giannopoulos & Vosper 1999, *VaR without
/// correlations for portfolios of derivative securities*, J. Futures Markets 19).
public protocol VolatilityFilter: Sendable {
    /// The filter of one asset's window of returns (zero mean: the returns are not demeaned).
    /// - Throws: `.insufficientData` for too short a window, `.numerical` when a
    ///   volatility is zero (e.g. a run of stale prices) or a return is not finite.
    func fit(_ returns: [Double]) throws -> FilterFit
}

/// A filter's result on one asset's window of `T` returns.
public struct FilterFit: Sendable, Equatable {
    /// `σ_1 … σ_T`: the volatility forecast for each day before its return was seen.
    public let sigmas: [Double]
    /// `σ_{T+1}`: today's volatility, the forecast for the next day.
    public let next: Double
    /// `z_t = r_t / σ_t`.
    public let residuals: [Double]
    /// The GARCH(1,1) fit when the filter is `garch` (its parameters also drive
    /// the variance along multi-day scenarios); `nil` for `none` and `ewma`.
    public let garch: GARCHFit?

    public init(sigmas: [Double], next: Double, residuals: [Double], garch: GARCHFit? = nil) {
        precondition(sigmas.count == residuals.count, "one residual per volatility")
        self.sigmas = sigmas
        self.next = next
        self.residuals = residuals
        self.garch = garch
    }

    /// The number of returns filtered.
    public var count: Int { residuals.count }

    /// The fit of a filter given its variances `σ²_1 … σ²_{T+1}` (`T + 1` values).
    /// - Throws: `.numerical` when a variance is not positive and finite.
    static func fromVariances(_ returns: [Double], _ variances: [Double], filter: String,
                              garch: GARCHFit? = nil) throws -> FilterFit {
        precondition(variances.count == returns.count + 1, "T + 1 variances for T returns")
        guard returns.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the \(filter) filter needs finite returns")
        }
        if let t = variances.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw TailRiskError.numerical(message:
                "the \(filter) filter's volatility of day \(t + 1) of \(returns.count) is \(variances[t]): "
                + "the returns before it are all zero (stale prices?)")
        }
        let sigmas = variances.map { $0.squareRoot() }
        let residuals = returns.indices.map { returns[$0] / sigmas[$0] }
        return FilterFit(sigmas: Array(sigmas.dropLast()), next: sigmas[returns.count], residuals: residuals, garch: garch)
    }
}

/// The filter of a model: `none` (static models: `σ ≡ 1`, so the residuals are the
/// returns and filtered historical simulation is historical simulation), the
/// RiskMetrics `ewma` with decay `λ`, or a member of the GARCH family fitted per asset:
/// `garch`, GARCH(1,1), or `gjr`, GJR-GARCH(1,1) (the family's `o = 1` member, `GARCHOrder`).
public enum VolatilityFilterSpec: Sendable, Equatable, CustomStringConvertible {
    case none
    case ewma(lambda: Double)
    case garch
    case gjr

    /// The default filter of `--method fhs`: `ewma` with `λ = 0.94`.
    public static let standard = VolatilityFilterSpec.ewma(lambda: EWMAFilter.riskMetricsLambda)

    /// `none`, `ewma` or `garch`.
    public var name: String {
        switch self {
        case .none: return "none"
        case .ewma: return "ewma"
        case .garch: return "garch"
        case .gjr: return "gjr"
        }
    }

    /// The GARCH family member of `garch` and `gjr`, `nil` for the others.
    public var garchOrder: GARCHOrder? {
        switch self {
        case .garch: return .garch11
        case .gjr: return .gjr11
        case .none, .ewma: return nil
        }
    }

    public var description: String {
        if case let .ewma(lambda) = self { return "ewma(λ = \(lambda))" }
        return name
    }

    /// The filter itself.
    /// - Throws: `.invalidParameter(.filterDecay, …)` unless `0 < λ < 1`.
    public func filter() throws -> any VolatilityFilter {
        switch self {
        case .none: return IdentityFilter()
        case let .ewma(lambda): return try EWMAFilter(lambda: lambda)
        case .garch: return GARCHFilter()
        case .gjr: return GARCHFilter(order: .gjr11)
        }
    }

    /// The filter of each column of a `T × d` return matrix (one asset per column).
    /// - Throws: as `VolatilityFilter.fit`, or `.invalidParameter` for a bad `λ`.
    /// - Complexity: `d` fits of `T` returns.
    public func fit(columnsOf returns: Matrix) throws -> [FilterFit] {
        let f = try filter()
        return try (0..<returns.cols).map { try f.fit(returns.column($0)) }
    }
}

/// The filter `none`: `σ_t = 1` for every day including today, `z_t = r_t`.
public struct IdentityFilter: VolatilityFilter {
    public init() {}

    public func fit(_ returns: [Double]) throws -> FilterFit {
        guard returns.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the none filter needs finite returns")
        }
        return FilterFit(sigmas: [Double](repeating: 1, count: returns.count), next: 1, residuals: returns)
    }
}
