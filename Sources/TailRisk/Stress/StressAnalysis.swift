/// What `tailrisk stress` computes on the inputs of `tailrisk haircut`: the
/// basket valued today in the debt numéraire and its historical replays
/// (methods.md §9).
///
/// Pipeline: policy → numéraire (`HaircutAnalysis.numeraire`) → the
/// collateral's daily log returns in it (`HaircutAnalysis.relativeSeries`,
/// `r_i − r_D` when the debt asset is a column) → today's values
/// `C_i = q_i P_i / P_D` → liquidation thresholds (given, or the haircut's
/// standalone `LT(H)` from one haircut run of the same policy) → one
/// `HistoricalReplay` per window.
/// - Complexity: O(T·d) for the returns, O(n·d·h) per window, plus one
///   haircut simulation when the thresholds are not given and a debt is.
public struct StressAnalysis: Sendable {
    /// Where the liquidation thresholds came from.
    public enum ThresholdSource: String, Sendable {
        case given
        case haircut
    }

    public let policy: HaircutPolicy
    public let numeraire: HaircutAnalysis.Numeraire
    /// Daily returns of the collateral in the numéraire (the whole history used).
    public let series: ReturnSeries
    /// `C_i` today, in numéraire units.
    public let values: [Double]
    /// `LT_i` per asset, with a debt.
    public let thresholds: [Double]?
    public let thresholdSource: ThresholdSource?
    public let replays: [HistoricalReplay.Result]
    public let shocks: [HypotheticalShock.Result]
    public let depegs: [DepegScenario.Result]
    public let correlationBreaks: [CorrelationBreak.Result]
    public let notes: [String]

    /// Runs the replays.
    ///
    /// - Parameters:
    ///   - settings: the haircut settings (policy, estimator, simulation), used for
    ///     the series and, without `thresholds`, for the haircut LTs.
    ///   - replays: windows given one by one (an uncovered one is an error).
    ///   - catalogue: catalogue windows (one the basket's history does not cover
    ///     is skipped with a note).
    ///   - depegs: `--depeg` scenarios (`DepegScenario`), against the haircut's current figures.
///   - correlationBreaks: `--set-correlation` scenarios (`CorrelationBreak`), against the same.
///   - shocks: `--shock` scenarios (`StressAnalysis+Shocks`).
///   - thresholds: `--lt ASSET=x`; every collateral asset, each in [0, 1].
    /// - Throws: the haircut inputs' errors, `invalidParameter(.liquidationThreshold)`, and
    ///   `.insufficientData` for a `--replay` window with fewer than `h` returns.
    public static func run(table: PriceTable, settings: HaircutAnalysis.Settings, replays: [ReplayWindow],
                           catalogue: [ReplayWindow] = [], shocks: [ShockRequest] = [],
                           depegs: [DepegScenario.Spec] = [], correlationBreaks breaks: [CorrelationBreak.Spec] = [],
                           thresholds given: [String: Double]? = nil) throws -> StressAnalysis {
        let policy = settings.policy
        try policy.validate()
        guard !policy.collateral.isEmpty else {
            throw TailRiskError.invalidParameter(.collateral, message: "no collateral: give --collateral BTC=10,ETH=120")
        }
        let numeraire = try HaircutAnalysis.numeraire(policy: policy, assets: table.assets)
        let assets = policy.collateral.map(\.asset)
        let series = try HaircutAnalysis.relativeSeries(table: table, collateral: assets, numeraire: numeraire,
                                                        from: settings.from, to: settings.to, window: settings.window)
        let values = zip(policy.collateral, series.lastPrices).map { $0.quantity * $1 }
        for (asset, value) in zip(assets, values) {
            try Limits.checkAmount(value, parameter: .collateral, what: "\(asset): the value in \(numeraire.name)")
        }
        var notes: [String] = []
        // One haircut run, shared by the haircut LTs and the depegs' "before".
        let haircut = given == nil && policy.debtAmount != nil || !depegs.isEmpty || !breaks.isEmpty
            ? try HaircutAnalysis.run(table: table, settings: settings) : nil
        var thresholds: [Double]?
        var source: ThresholdSource?
        if let typed = given {
            let given = try HaircutPolicy.thresholds(typed, matching: assets)
            for asset in given.keys.sorted() where !assets.contains(asset) {
                throw TailRiskError.invalidParameter(.liquidationThreshold, message: "\(asset) is not collateral (\(assets.joined(separator: ", ")))")
            }
            thresholds = try assets.map { asset in
                guard let lt = given[asset] else {
                    throw TailRiskError.invalidParameter(.liquidationThreshold, message: "no threshold for collateral asset \(asset)")
                }
                guard lt >= 0 && lt <= 1 else {
                    throw TailRiskError.invalidParameter(.liquidationThreshold, message: "the threshold of \(asset) must lie in [0, 1], got \(lt)")
                }
                return lt
            }
            source = .given
            if policy.debtAmount == nil { notes.append("--lt without a debt: no health factor") }
        } else if policy.debtAmount != nil {
            thresholds = haircut!.primary.report.assets.map(\.liquidationThreshold)
            source = .haircut
        }
        let debt = policy.debtAmount
        let lts = debt == nil ? nil : thresholds
        var results: [HistoricalReplay.Result] = []
        for w in replays {
            results.append(try HistoricalReplay.run(series: series, values: values, window: w, horizon: policy.horizon,
                                                    thresholds: lts, debt: debt))
        }
        var skipped: [String] = []
        for w in catalogue {
            if w.rows(in: series.dates).count < policy.horizon {
                skipped.append(w.label)
                continue
            }
            results.append(try HistoricalReplay.run(series: series, values: values, window: w, horizon: policy.horizon,
                                                    thresholds: lts, debt: debt, parameter: .catalogue))
        }
        if !skipped.isEmpty {
            notes.append("catalogue windows with fewer than \(policy.horizon) of the basket's returns "
                         + "(\(series.dates.first.map(\.description) ?? "-") → \(series.endDate)), skipped: \(skipped.joined(separator: ", "))")
        }
        for r in results where r.healthFactorStart.map({ $0 < 1 }) ?? false {
            notes.append("the basket is liquidatable before any replay (health factor \(r.healthFactorStart!))")
            break
        }
        let shocked = try Self.shocks(shocks, table: table, settings: settings, numeraire: numeraire,
                                      thresholds: lts, debt: debt)
        return StressAnalysis(policy: policy, numeraire: numeraire, series: series, values: values,
                              thresholds: lts, thresholdSource: lts == nil ? nil : source, replays: results,
                              shocks: shocked,
                              depegs: try depegs.map { try DepegScenario.run($0, haircut: haircut!, settings: settings) },
                              correlationBreaks: try breaks.map { try CorrelationBreak.run($0, haircut: haircut!, settings: settings) },
                              notes: notes)
    }
}
