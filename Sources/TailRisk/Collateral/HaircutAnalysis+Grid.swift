/// The risk committee's table: every asset's standalone haircut over several
/// horizons and confidences, simulated `h`-step and `√h`-scaled side by side
/// (methods.md §1, §5).
///
/// Each asset is taken on its own common history with the numéraire (not the
/// basket's), with the policy's measure, estimator and distribution and a
/// unit position. The `√h` column scales the 1-step figure of the same seed;
/// the gap between the columns is what square-root scaling misses (jumps,
/// fat-tailed sums, the drift's `h` against `√h`).
public struct HaircutGrid: Sendable {
    public static let horizons = [1, 2, 5, 10]
    public static let confidences = [0.99, 0.995]

    /// One asset at one horizon and confidence.
    public struct Cell: Sendable, Equatable {
        public let asset: String
        public let horizon: Int
        public let confidence: Double
        /// From `h`-step scenarios.
        public let simulated: Double
        /// The 1-step haircut × `√h`.
        public let scaled: Double
        /// Daily returns the asset's estimate used.
        public let observations: Int
    }

    public let numeraire: HaircutAnalysis.Numeraire
    /// Cells by asset (file order), then horizon, then confidence.
    public let cells: [Cell]
    /// Assets left out, with the reason (e.g. too short a common history).
    public let skipped: [(asset: String, reason: String)]

    /// Computes the grid for every column of `table` except the debt asset.
    /// - Complexity: `horizons.count` one-asset engine runs per asset.
    public static func run(table: PriceTable, settings: HaircutAnalysis.Settings) throws -> HaircutGrid {
        var policy = settings.policy
        policy.collateral = []
        try policy.validate()
        let numeraire = try HaircutAnalysis.numeraire(policy: policy, assets: table.assets)
        let spec = try HaircutAnalysis.modelSpec(policy, settings: settings)
        let levels = try confidences.map { try ConfidenceLevel($0) }
        let engine = HaircutAnalysis.engineSettings(settings, standalone: false)
        var cells: [Cell] = []
        var skipped: [(asset: String, reason: String)] = []
        for asset in table.assets where asset != numeraire.name {
            let series: ReturnSeries
            do {
                series = try HaircutAnalysis.relativeSeries(table: table, collateral: [asset], numeraire: numeraire,
                                                            from: settings.from, to: settings.to, window: settings.window)
            } catch let TailRiskError.insufficientData(message) {
                skipped.append((asset, message))
                continue
            }
            let fitted = try RiskModel.fit(series, spec: spec)
            var oneStep: [Double] = []
            for h in horizons {
                let result = try MonteCarloEngine().run(model: fitted.scenarioModel(horizon: h), values: [1],
                                                        levels: levels, settings: engine)
                let haircuts = result.estimates.map { policy.measure == .es ? $0.expectedShortfall : $0.valueAtRisk }
                if h == 1 { oneStep = haircuts }
                for (k, c) in confidences.enumerated() {
                    cells.append(Cell(asset: asset, horizon: h, confidence: c, simulated: haircuts[k],
                                      scaled: BaselHaircuts.scale(oneStep[k], from: 1, to: h),
                                      observations: series.count))
                }
            }
        }
        return HaircutGrid(numeraire: numeraire, cells: cells, skipped: skipped)
    }
}
