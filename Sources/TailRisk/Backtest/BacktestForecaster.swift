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

    /// A shared risk-measure method (`RiskMeasureMethod`, the one `var` runs) on each
    /// day's window: what the method declares it reads is fitted to the window's rows
    /// alone (`RiskMeasureMethod.fit`), its window P&L is given only when it declares
    /// `.window`, and it forecasts one step. A method drawing scenarios runs the engine
    /// on one thread (the backtest is parallel across days) with the day's own seed
    /// `daySeed(simulation.seed, dayIndex: t)`, without standalone figures, tail export
    /// or histogram, so a backtest is reproducible for any thread count.
    /// - Parameters:
    ///   - spec: estimator, mean convention, filter and law, refitted on each window.
    ///   - pnl: how scenario returns are revalued (fhs); the realised P&L is the backtest's.
    ///   - simulation: scenarios, seed, antithetic, P&L model and adaptive precision
    ///     of a Monte Carlo method; `threads`, standalone, tail export and histogram are ignored.
    /// - Complexity: the method's, per day (see each method's type).
    public static func method(_ method: any RiskMeasureMethod, spec: RiskModelSpec = RiskModelSpec(),
                              pnl: PnLModel = .exact, quantile: QuantileConvention = .orderStatistic,
                              simulation: SimulationSettings = SimulationSettings()) -> BacktestForecaster {
        var perDay = simulation
        perDay.threads = 1
        perDay.standalone = false
        perDay.tailScenariosToExport = 0
        perDay.histogramBins = 0
        let base = perDay
        let needs = method.requirements(spec)
        let fits = !needs.isDisjoint(with: [.covariance, .filter, .scenarios])
        return BacktestForecaster(name: method.id(spec)) { w in
            let fitted: (model: RiskModel?, filters: [FilterFit]?) = try fits ? method.fit(w.returns, spec: spec) : (nil, nil)
            var day = base
            day.seed = daySeed(base.seed, dayIndex: w.dayIndex)
            let inputs = RiskMethodInputs(pnl: needs.contains(.window) ? Array(w.pnl) : [], values: w.values,
                                          levels: w.levels, horizon: 1, pnlModel: pnl, quantile: quantile, spec: spec,
                                          model: fitted.model, filters: fitted.filters, simulation: day)
            let output = try method.estimate(inputs)
            return BacktestForecast(estimates: output.estimates, scale: output.scale)
        }
    }

    /// Historical VaR/ES of the window's P&L (`HistoricalMethod`; no scale: unscaled McNeil–Frey residuals).
    /// - Complexity: O(window log window) per day.
    public static func historical(convention: QuantileConvention = .orderStatistic) -> BacktestForecaster {
        .method(HistoricalMethod(), quantile: convention)
    }

    /// Parametric normal (`NormalMethod`) from the window's mean and covariance of log
    /// returns under the linear P&L (`μ_p = V·x̄`, `σ_p = √(VᵀΣV)`); scale `σ_p`.
    /// - Parameters:
    ///   - covariance: a covariance of the window's returns used as given; by default the
    ///     sample covariance `(X − x̄)ᵀ(X − x̄)/(T − 1)`, repaired if needed (methods.md §3), as `var` uses it.
    ///   - zeroMean: use `μ = 0` instead of the window's mean return.
    /// - Complexity: O(window·d² + d³) per day.
    public static func normal(covariance: (@Sendable (Matrix) throws -> Matrix)? = nil,
                              zeroMean: Bool = false) -> BacktestForecaster {
        guard let covariance else { return .method(NormalMethod(), spec: RiskModelSpec(zeroMean: zeroMean)) }
        return BacktestForecaster(name: RiskMethod.normal.rawValue) { w in
            let x = w.returns
            let mean = zeroMean ? [Double](repeating: 0, count: x.cols) : columnMeans(x)
            let inputs = RiskMethodInputs(pnl: [], values: w.values, levels: w.levels)
            let output = NormalMethod.estimate(mean: mean, covariance: try covariance(x), inputs: inputs)
            return BacktestForecast(estimates: output.estimates, scale: output.scale)
        }
    }

    /// Cornish–Fisher VaR/ES of the window's P&L (`CornishFisherMethod`); scale `√m₂`.
    /// - Complexity: O(window) per day.
    public static func cornishFisher() -> BacktestForecaster {
        .method(CornishFisherMethod())
    }

    static func columnMeans(_ x: Matrix) -> [Double] {
        (0..<x.cols).map { j in
            var s = 0.0
            for i in 0..<x.rows { s += x[i, j] }
            return s / Double(x.rows)
        }
    }
}
