import Foundation

/// Does the data contradict the chosen model? The model's Expected Shortfall
/// against two model-free readings of the same basket's own history, at the
/// same confidence and horizon (issue 9, "Choosing the model"):
///
/// - historical: the ES of the overlapping `h`-step returns (`ReturnSeries.overlapping`),
///   as `--method historical` computes it;
/// - fhs: filtered historical simulation with the RiskMetrics filter
///   (`ewma`, λ = 0.94): `FilteredHistoricalSimulation.scenarioReturns(horizon:)`.
///
/// With `ES_ref = max(ES_historical, ES_fhs)` the check fires when
///
///     ES_model < (2/3) · ES_ref,
///
/// e.g. a normal model of a stablecoin that lost 99% of its value: the normal
/// law spreads that day's loss over a bell, while the history (and today's
/// filtered volatility) say the tail is a total loss. Two thirds leaves room for
/// the sampling error of a few tail days and for a model that is merely less
/// conservative; a model below it is one "the data contradict".
///
/// A reference that cannot be computed from the history (too few returns for the
/// horizon or level, or an EWMA volatility of zero on stale prices) is left out;
/// with neither, the check has no reference and does not fire.
/// - Complexity: O(T·d·h) for the overlapping returns and the FHS scenarios,
///   O(T log T) for each sort of losses.
public struct ModelRiskCheck: Sendable, Equatable {
    /// Which history the model is compared with.
    public enum Reference: String, Sendable, Equatable {
        case historical
        case fhs
    }

    /// The share of the reference ES below which the check fires.
    public static let threshold = 2.0 / 3.0
    /// The filter of the FHS reference: RiskMetrics' EWMA, λ = 0.94.
    public static let fhsFilter = VolatilityFilterSpec.standard

    public let level: ConfidenceLevel
    /// Steps of the aligned table.
    public let horizon: Int
    /// Historical ES of the overlapping `h`-step P&L (`nil` when the history is too short).
    public let historicalES: Double?
    /// FHS ES with the ewma filter (`nil` when it cannot be computed).
    public let fhsES: Double?
    /// The chosen model's ES.
    public let modelES: Double

    public init(level: ConfidenceLevel, horizon: Int, historicalES: Double?, fhsES: Double?, modelES: Double) {
        self.level = level
        self.horizon = horizon
        self.historicalES = historicalES
        self.fhsES = fhsES
        self.modelES = modelES
    }

    /// The larger of the two references (historical on a tie), or `nil` with neither.
    public var reference: Reference? {
        switch (historicalES, fhsES) {
        case let (h?, f?): return f > h ? .fhs : .historical
        case (_?, nil): return .historical
        case (nil, _?): return .fhs
        case (nil, nil): return nil
        }
    }

    /// `ES_ref`, the larger reference ES.
    public var referenceES: Double? {
        switch reference {
        case .historical?: return historicalES
        case .fhs?: return fhsES
        case nil: return nil
        }
    }

    /// `ES_model / ES_ref` (`nil` without a positive reference).
    public var ratio: Double? {
        guard let r = referenceES, r > 0 else { return nil }
        return modelES / r
    }

    /// Whether the model's ES lies below two thirds of a positive reference ES.
    public var fires: Bool {
        guard let r = referenceES, r > 0 else { return false }
        return modelES < Self.threshold * r
    }

    /// The sentence a user reads when the check fires.
    public var note: String {
        guard let reference, let ratio else { return "" }
        let pct = String(format: ratio < 0.1 ? "%.1f%%" : "%.0f%%", ratio * 100)
        return "ES \(pct) of the \(reference.rawValue) ES of the same basket (below two thirds): "
            + "the data contradict this model"
    }

    /// The two reference ES of a basket at each level, computed once and compared
    /// with any number of model estimates.
    public struct References: Sendable, Equatable {
        public let levels: [ConfidenceLevel]
        public let horizon: Int
        /// One per level, or `nil` when the history cannot give it.
        public let historical: [Double]?
        public let fhs: [Double]?

        /// The references of the basket with currency values `values` over the
        /// daily returns of `series`, under `pnl`.
        /// - Parameters:
        ///   - historical: the historical ES per level when already computed (they are
        ///     used as given); likewise `fhs`, which must come from the ewma(0.94) filter.
        ///   - convention: the historical quantile (the order statistic by default).
        /// - Complexity: O(T·d·h + T log T) per reference computed.
        public static func compute(series: ReturnSeries, values: [Double], levels: [ConfidenceLevel], horizon: Int,
                                   pnl: PnLModel, convention: QuantileConvention = .orderStatistic,
                                   historical: [Double]? = nil, fhs: [Double]? = nil) -> References {
            precondition(values.count == series.assets.count, "one value per asset")
            precondition(horizon >= 1, "horizon must be at least 1")
            let hist = historical ?? (try? {
                let windows = try series.overlapping(horizon: horizon)
                let pnlSeries = PnLSeries.portfolio(returns: windows.returns, values: values, model: pnl)
                return try HistoricalRisk.estimates(pnl: pnlSeries, levels: levels, convention: convention)
                    .map(\.expectedShortfall)
            }())
            let filtered = fhs ?? (try? {
                let fits = try ModelRiskCheck.fhsFilter.fit(columnsOf: series.returns)
                let scenarios = try FilteredHistoricalSimulation(fits: fits).scenarioReturns(horizon: horizon)
                let pnlSeries = PnLSeries.portfolio(returns: scenarios, values: values, model: pnl)
                return try HistoricalRisk.estimates(pnl: pnlSeries, levels: levels, convention: convention)
                    .map(\.expectedShortfall)
            }())
            return References(levels: levels, horizon: horizon, historical: hist, fhs: filtered)
        }

        /// The check of a model's ES at `level` (one of `levels`).
        public func check(modelES: Double, level: ConfidenceLevel) -> ModelRiskCheck {
            guard let k = levels.firstIndex(of: level) else { preconditionFailure("level \(level) not among the references") }
            return ModelRiskCheck(level: level, horizon: horizon, historicalES: historical?[k], fhsES: fhs?[k],
                                  modelES: modelES)
        }
    }

    /// The check of one model ES against the basket's own history (see the type).
    /// - Parameters:
    ///   - series: daily log returns (`horizon` 1) of the basket's assets, in the numéraire risk is measured in.
    ///   - values: the position values `V_i` in that numéraire.
    /// - Complexity: as `References.compute`.
    public static func run(series: ReturnSeries, values: [Double], level: ConfidenceLevel, horizon: Int,
                           pnl: PnLModel, modelES: Double) -> ModelRiskCheck {
        References.compute(series: series, values: values, levels: [level], horizon: horizon, pnl: pnl)
            .check(modelES: modelES, level: level)
    }
}
