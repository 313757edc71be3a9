import Foundation

/// What `tailrisk stress --accounts` computes (methods.md §9): liquidation
/// cascades of an account book after given shocks and over Monte Carlo shocks,
/// with and without the oracle lag and the breaker, and, on request,
/// thresholds calibrated from them beside the haircut-based ones.
///
/// Pipeline: the book's debt asset is the numéraire (a price column: returns
/// `r_a − r_D`; otherwise the price currency, priced at 1) → the book's
/// collateral totals become the basket of a `StressAnalysis`, which supplies
/// today's prices `P_a` and the initial shocks (replay windows: `P_a exp(Σ ρ_a)`
/// over the window; `--shock` and scenario files: `P_a (1 + s_a)` in the
/// numéraire) → the model fitted on the relative returns gives `σ_a` for the
/// market depth and the Monte Carlo shocks → `LiquidationCascade` per shock.
/// The shocks' mean is zero unless the request asks for the sample drift
/// (`CascadeAnalysis+Mean`; `settings.zeroMean` is not read).
/// - Complexity: one cascade per shock and rules variant; one Monte Carlo run
///   per variant; one per grid point and asset for the recommendation, plus
///   one haircut simulation.
public struct CascadeAnalysis: Sendable {
    public struct Request: Sendable {
        public var thresholds: [String: Double]
        public var dust: Double = 0
        public var maxRounds: Int = CascadeRules.defaultMaxRounds
        public var oracle: CascadeRules.OracleLag?
        public var breaker: Double?
        public var replays: [ReplayWindow] = []
        public var catalogue: [ReplayWindow] = []
        public var shocks: [StressAnalysis.ShockRequest] = []
        public var monteCarlo = false
        /// Shocks of the Monte Carlo when the policy sets no `scenarios`.
        public var defaultShocks = 10_000
        public var levels: [ConfidenceLevel] = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)]
        public var recommend: ThresholdRecommendation.Settings?
        /// The mean of every model the cascade fits (`CascadeAnalysis+Mean`): zero unless asked.
        public var mean: Mean = .zero
        /// A shard: evaluate only these stream units of each variant's Monte Carlo run and keep
        /// their accumulators (`accumulators`) instead of results (needs `monteCarlo`, no `recommend`).
        public var units: Range<Int>?

        public init(thresholds: [String: Double]) { self.thresholds = thresholds }
    }

    /// Rules variants: as asked, and without the brakes for comparison.
    public struct Variant: Sendable {
        public let name: String
        public let rules: CascadeRules
    }

    /// One initial shock and its cascade.
    public struct Shocked: Sendable {
        public let label: String
        public let kind: String
        public let outcome: LiquidationCascade.Outcome
        /// Bad debt, volume and rounds under each other variant (same order as `variants.dropFirst()`).
        public let others: [LiquidationCascade.Outcome]
    }

    public let book: AccountBook
    public let stress: StressAnalysis
    public let numeraire: HaircutAnalysis.Numeraire
    /// Today's prices in the numéraire, per asset of the book.
    public let prices: [Double]
    public let depth: MarketDepth
    public let variants: [Variant]
    public let cascades: [Shocked]
    /// Per variant, when asked.
    public let monteCarlo: [CascadeMonteCarlo.Result]
    public let monteCarloSettings: CascadeMonteCarlo.Settings?
    /// Per variant, the accumulator of `request.units` (a shard); empty otherwise.
    public let accumulators: [TailAccumulator]
    public let lawName: String
    /// The mean used, and the sentence the outputs print about it.
    public let mean: Mean
    public let meanNote: String
    /// The window's drift over the horizon, `h μ̂_a` per asset (left out under zero mean, kept under sample).
    public let sampleDrift: [Double]
    public let recommendation: [ThresholdRecommendation.AssetResult]?
    public let recommendationSettings: ThresholdRecommendation.Settings?
    public let haircutThresholds: [Double]?
    public let notes: [String]

    public var rules: CascadeRules { variants[0].rules }

    /// The library's spellings of the inputs an account book stands in for (errors name the book instead).
    static let bookOptions: Set<Parameter> = [.collateral, .debt, .debtAsset]

    public static func run(table: PriceTable, settings: HaircutAnalysis.Settings, book: AccountBook,
                           request: Request) throws -> CascadeAnalysis {
        var notes: [String] = []
        let bookSource = InputSource.file(path: book.source, line: nil)
        var policy = settings.policy
        try policy.validate()
        guard !book.assets.isEmpty else {
            throw TailRiskError.file(path: book.source, line: nil, column: nil, message: "no account holds collateral")
        }
        for asset in book.assets where table.index(of: asset) == nil {
            throw TailRiskError.file(path: book.source, line: book.assetLines[asset], column: nil,
                                     message: "unknown asset '\(asset)' (\(table.source) has: \(table.assets.joined(separator: ", ")))")
        }
        let debtAsset = book.debtAsset ?? policy.debtAsset ?? policy.currency
        if table.index(of: debtAsset) == nil && debtAsset != policy.currency {
            notes.append("the debt asset \(debtAsset) is not a column of \(table.source): priced at 1, as the price currency")
            policy.currency = debtAsset
        }
        policy.debtAsset = debtAsset
        let totals = book.totalQuantities
        for (asset, total) in zip(book.assets, totals) where !(total > 0) {
            throw TailRiskError.file(path: book.source, line: book.assetLines[asset], column: nil,
                                     message: "asset '\(asset)' is held in quantity 0 by every account; drop its rows")
        }
        policy.collateral = zip(book.assets, totals).map { HaircutPolicy.Position(asset: $0, quantity: $1) }
        policy.debtAmount = book.totalDebt > 0 ? book.totalDebt : nil
        let thresholds = try HaircutPolicy.thresholds(request.thresholds, matching: book.assets)
        for asset in thresholds.keys.sorted() where !book.assets.contains(asset) {
            throw TailRiskError.invalidParameter(.liquidationThreshold, message: "\(asset) is not collateral in \(book.source) "
                                              + "(\(book.assets.joined(separator: ", ")))")
        }
        let lts = try book.assets.map { asset in
            guard let x = thresholds[asset] else {
                throw TailRiskError.invalidParameter(.liquidationThreshold, message: "no threshold for collateral asset \(asset)")
            }
            return x
        }
        let base = CascadeRules(thresholds: lts, bonus: policy.liquidationBonus, dust: request.dust,
                                maxRounds: request.maxRounds, oracle: request.oracle, breaker: request.breaker)
        try base.validate(assets: book.assets)
        var variants = [Variant(name: "as given", rules: base)]
        if base.oracle != nil && base.breaker != nil {
            variants.append(Variant(name: "without oracle lag", rules: base.without(oracle: true, breaker: false)))
            variants.append(Variant(name: "without breaker", rules: base.without(oracle: false, breaker: true)))
        }
        if base.oracle != nil || base.breaker != nil {
            variants.append(Variant(name: "neither", rules: base.without(oracle: true, breaker: true)))
        }
        var stressSettings = settings
        stressSettings.policy = policy
        stressSettings.zeroMean = request.mean == .zero
        // The basket and the debt are the book's: an error about them names the book, not --collateral or --debt.
        let stress = try TailRiskError.attributing(to: bookSource, replacing: bookOptions) {
            try StressAnalysis.run(table: table, settings: stressSettings, replays: request.replays,
                                   catalogue: request.catalogue, shocks: request.shocks,
                                   thresholds: Dictionary(uniqueKeysWithValues: zip(book.assets, lts)))
        }
        notes += stress.notes
        let series = stress.series
        let prices = series.lastPrices
        let spec = try HaircutAnalysis.modelSpec(policy, settings: stressSettings)
        let dailyMean = Self.columnMeans(series.returns)
        let centre = request.mean == .zero && Self.drawsHistory(spec.law)
        let model = try RiskModel.fit(centre ? Self.centred(series.returns, mean: dailyMean) : series.returns, spec: spec)
        let depth = try MarketDepth.make(assets: book.assets, dailyVolatility: model.dailyVolatility, liquidity: settings.liquidity)
        if settings.liquidity == nil { notes.append("no --liquidity: seized collateral sells without price impact") }
        let cascades = variants.map { LiquidationCascade(book: book, rules: $0.rules, depth: depth) }
        var shocked: [(String, String, [Double])] = []
        for r in stress.replays {
            let rows = r.window.rows(in: series.dates)
            let moved = prices.indices.map { a in prices[a] * exp(rows.reduce(0.0) { $0 + series.returns[$1, a] }) }
            shocked.append((r.window.label, "replay \(r.firstDate) → \(r.lastDate)", moved))
        }
        for s in stress.shocks {
            shocked.append((s.text, s.conditional ? "shock, others at their conditional mean" : "shock",
                            prices.indices.map { prices[$0] * (1 + s.collateralReturns[$0]) }))
        }
        let results = shocked.map { label, kind, p in
            Shocked(label: label, kind: kind, outcome: cascades[0].run(shocked: p, oracleStart: prices, record: true),
                    others: cascades.dropFirst().map { $0.run(shocked: p, oracleStart: prices, record: false) })
        }
        var mcResults: [CascadeMonteCarlo.Result] = []
        var mcSettings: CascadeMonteCarlo.Settings?
        var accumulators: [TailAccumulator] = []
        let scenarioModel = model.scenarioModel(horizon: policy.horizon)
        if request.monteCarlo || request.recommend != nil {
            var simulation = settings.simulation
            simulation.scenarios = policy.scenarios ?? request.defaultShocks
            simulation.seed = policy.seed ?? settings.simulation.seed
            let s = CascadeMonteCarlo.Settings(levels: request.levels, simulation: simulation)
            mcSettings = s
            if let units = request.units {
                accumulators = try cascades.map {
                    try CascadeMonteCarlo.accumulate(cascade: $0, prices: prices, model: scenarioModel, settings: s, units: units)
                }
            } else if request.monteCarlo {
                mcResults = try cascades.map { try CascadeMonteCarlo.run(cascade: $0, prices: prices, model: scenarioModel, settings: s) }
            }
        }
        if request.mean == .sample && !request.monteCarlo && request.recommend == nil && !stress.shocks.contains(where: \.conditional) {
            notes.append("--sample-mean changes nothing here: only the Monte Carlo shocks, --recommend-lt and --conditional shocks use a mean")
        }
        var recommendation: [ThresholdRecommendation.AssetResult]?
        var haircutLTs: [Double]?
        if let r = request.recommend, let s = mcSettings, request.units == nil {
            var rs = r
            rs.ltvBuffer = policy.ltvBuffer
            recommendation = try ThresholdRecommendation.run(cascade: cascades[0], prices: prices, model: scenarioModel,
                                                             monteCarlo: s, settings: rs)
            // The haircut's LT from market risk alone: its liquidity add-on would sell the whole book at once.
            var plain = stressSettings
            plain.liquidity = nil
            haircutLTs = try TailRiskError.attributing(to: bookSource, replacing: bookOptions) {
                try HaircutAnalysis.run(table: table, settings: plain).primary.report.assets.map(\.liquidationThreshold)
            }
        }
        return CascadeAnalysis(book: book, stress: stress, numeraire: stress.numeraire, prices: prices, depth: depth,
                               variants: variants, cascades: results, monteCarlo: mcResults, monteCarloSettings: mcSettings, accumulators: accumulators,
                               lawName: model.law.name, mean: request.mean,
                               meanNote: Self.meanNote(request.mean, law: spec.law),
                               sampleDrift: dailyMean.map { $0 * Double(policy.horizon) }, recommendation: recommendation,
                               recommendationSettings: request.recommend, haircutThresholds: haircutLTs,
                               notes: notes)
    }
}
