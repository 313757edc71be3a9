import Foundation

/// What a forecaster sees on one backtest day: the `window` rows before the
/// day and nothing after (methods.md §6).
public struct BacktestWindow: Sendable {
    /// The full return matrix (`T × d`); only `rows` may be read.
    let allReturns: Matrix
    /// The full portfolio P&L series under the backtest's P&L model; only `rows` may be read.
    let allPnL: [Double]
    /// The rows `[t − window, t)` of the forecast for day `t`.
    public let rows: Range<Int>
    /// Position values `V`, held constant.
    public let values: [Double]
    /// The levels to forecast, in the backtest's order.
    public let levels: [ConfidenceLevel]

    /// The row index `t` of the day being forecast.
    public var dayIndex: Int { rows.upperBound }
    /// The window's log returns, `window × d` (a copy).
    public var returns: Matrix { allReturns.rows(rows) }
    /// The window's portfolio P&L (the positions `V` applied to each past day).
    public var pnl: ArraySlice<Double> { allPnL[rows] }
}

/// One day's forecasts: an estimate per level, and the forecast scale `σ_t`
/// for the McNeil–Frey residuals when the method has one.
public struct BacktestForecast: Sendable {
    public let estimates: [RiskEstimate]
    public let scale: Double?

    public init(estimates: [RiskEstimate], scale: Double? = nil) {
        self.estimates = estimates
        self.scale = scale
    }
}

/// A named rule that turns a window into VaR/ES forecasts.
public struct BacktestForecaster: Sendable {
    /// The label of the method in the results (e.g. `historical`, `monte-carlo`).
    public let name: String
    let forecast: @Sendable (BacktestWindow) throws -> BacktestForecast

    public init(name: String, forecast: @escaping @Sendable (BacktestWindow) throws -> BacktestForecast) {
        self.name = name
        self.forecast = forecast
    }

    /// Any method given as a closure of the window's returns and the day index,
    /// returning one estimate per level (e.g. Monte Carlo with a per-day seed).
    public static func custom(name: String,
                              _ f: @escaping @Sendable (_ window: Matrix, _ dayIndex: Int) throws -> [RiskEstimate])
        -> BacktestForecaster {
        BacktestForecaster(name: name) { w in BacktestForecast(estimates: try f(w.returns, w.dayIndex)) }
    }

    /// Historical VaR/ES of the window's P&L (no scale: unscaled McNeil–Frey residuals).
    /// - Complexity: O(window log window) per day.
    public static func historical(convention: QuantileConvention = .orderStatistic) -> BacktestForecaster {
        BacktestForecaster(name: RiskMethod.historical.rawValue) { w in
            let sorted = w.pnl.map { -$0 }.sorted(by: >)
            return BacktestForecast(estimates: try HistoricalRisk.estimates(sortedLosses: sorted, levels: w.levels,
                                                                              convention: convention))
        }
    }

    /// Parametric normal from the window's sample mean and covariance of log
    /// returns under the linear P&L (`μ_p = V·x̄`, `σ_p = √(VᵀSV)`); scale `σ_p`.
    /// - Parameters:
    ///   - covariance: the estimator applied to the window's returns;
    ///     by default the sample covariance `(X − x̄)ᵀ(X − x̄)/(T − 1)`.
    ///   - zeroMean: use `μ = 0` instead of the window's mean return.
    /// - Complexity: O(window·d²) per day (one `dsyrk`).
    public static func normal(covariance: (@Sendable (Matrix) throws -> Matrix)? = nil,
                              zeroMean: Bool = false) -> BacktestForecaster {
        BacktestForecaster(name: RiskMethod.normal.rawValue) { w in
            let x = w.returns
            let sampleMean = columnMeans(x)
            let mean = zeroMean ? [Double](repeating: 0, count: x.cols) : sampleMean
            let s = try covariance?(x) ?? sampleCovariance(x, means: sampleMean)
            let estimates = ParametricNormal.estimates(mean: mean, covariance: s, values: w.values, levels: w.levels)
            let sv = BLAS.multiply(s, w.values)
            let variance = zip(w.values, sv).reduce(0) { $0 + $1.0 * $1.1 }
            return BacktestForecast(estimates: estimates, scale: max(variance, 0).squareRoot())
        }
    }

    /// Cornish–Fisher VaR/ES of the window's P&L; scale `√m₂`.
    /// - Complexity: O(window) per day.
    public static func cornishFisher() -> BacktestForecaster {
        BacktestForecaster(name: RiskMethod.cornishFisher.rawValue) { w in
            let pnl = Array(w.pnl)
            let estimates = try CornishFisher.estimates(pnl: pnl, levels: w.levels)
            return BacktestForecast(estimates: estimates, scale: SampleMoments(pnl).standardDeviation)
        }
    }

    static func columnMeans(_ x: Matrix) -> [Double] {
        (0..<x.cols).map { j in
            var s = 0.0
            for i in 0..<x.rows { s += x[i, j] }
            return s / Double(x.rows)
        }
    }

    /// `(X − x̄)ᵀ(X − x̄)/(T − 1)` by `dsyrk` on the centred window.
    static func sampleCovariance(_ x: Matrix, means: [Double]) -> Matrix {
        var centred = x
        for j in 0..<x.cols { for i in 0..<x.rows { centred[i, j] -= means[j] } }
        return (1 / Double(x.rows - 1)) * BLAS.gram(centred)
    }
}
