/// Hypothetical shocks of a stress run: the model of the collateral, the debt
/// asset and the shocked assets in plain log returns, fitted once with the
/// haircut's estimator and mean convention (`HaircutAnalysis.modelSpec`),
/// then one `HypotheticalShock` per `--shock`.
extension StressAnalysis {
    /// One `--shock` as asked, and where it was given (the flag, or a scenario file's line),
    /// which every error about it names.
    public struct ShockRequest: Sendable {
        public let text: String
        public let conditional: Bool
        public let source: InputSource

        public init(text: String, conditional: Bool, source: InputSource = .parameter(.shock)) {
            self.text = text
            self.conditional = conditional
            self.source = source
        }
    }

    /// Fewest common returns a conditional shock is fitted on (and more than the
    /// modelled assets, so the sample covariance can have full rank): the
    /// regression `Σ_os Σ_ss⁻¹` on 2 returns gave a move of +1.1e116% (issue 21).
    public static let minimumConditionalReturns = 30

    /// Runs `requests` for the basket of `policy`.
    ///
    /// Names match the table's in any case (`btc` is BTC). Throws, against each request's
    /// `source`, for an asset that is not a column or is shocked twice; `.insufficientData` for a
    /// conditional shock on fewer than `minimumConditionalReturns` returns (or not more than the
    /// modelled assets); and the fit's errors (too little common history, an unrepairable covariance).
    /// - Complexity: O(T·u² + u³) for the fit over `u` modelled assets, O(u³) per shock.
    static func shocks(_ requests: [ShockRequest], table: PriceTable, settings: HaircutAnalysis.Settings,
                       numeraire: HaircutAnalysis.Numeraire, thresholds: [Double]?,
                       debt: Double?) throws -> [HypotheticalShock.Result] {
        guard !requests.isEmpty else { return [] }
        let policy = settings.policy
        // The table's spelling of every shocked asset, so that `btc` beside collateral BTC is one asset.
        let parsed = try requests.map { request in
            try TailRiskError.attributing(to: request.source, replacing: [.shock]) {
                var seen = Set<String>()
                return try HypotheticalShock.parse(request.text).map { shock -> (asset: String, simple: Double) in
                    guard let j = table.index(of: shock.asset) else {
                        throw request.source.error("unknown asset \(ErrorQuoting.quoted(shock.asset)) (\(table.source) has: "
                                                   + "\(ErrorQuoting.names(table.assets)))")
                    }
                    guard seen.insert(table.assets[j]).inserted else {
                        throw request.source.error("\(table.assets[j]) is shocked twice")
                    }
                    return (table.assets[j], shock.simple)
                }
            }
        }
        var assets = policy.collateral.map(\.asset)
        var debtIndex: Int?
        if case let .asset(d) = numeraire {
            debtIndex = assets.count
            assets.append(d)
        }
        for shock in parsed.joined() where !assets.contains(where: { table.index(of: $0) == table.index(of: shock.asset) }) {
            assets.append(shock.asset)
        }
        let series = try table.returnSeries(assets: assets, from: settings.from, to: settings.to, window: settings.window)
        try series.requireBoundedReturns()
        let needed = max(minimumConditionalReturns, assets.count + 1)
        if let request = requests.first(where: \.conditional), series.count < needed {
            throw TailRiskError.insufficientData(message:
                "\(request.text) --conditional regresses \(assets.count - 1) asset\(assets.count == 2 ? "" : "s") on the shocked ones: it needs "
                + "at least \(needed) common returns of \(assets.joined(separator: ", ")), got \(series.count)"
                + (series.count > 0 ? " (\(series.startDate) → \(series.endDate))" : ""))
        }
        let model = try RiskModel.fit(series, spec: try HaircutAnalysis.modelSpec(policy, settings: settings))
        // Values on this series' last date, which may differ from the replays' when a shocked asset starts later.
        let last = series.lastPrices
        let basketValues = policy.collateral.indices.map { i in
            policy.collateral[i].quantity * last[i] / (debtIndex.map { last[$0] } ?? 1)
        }
        return try zip(requests, parsed).map { request, shocks in
            // A collateral asset keeps the spelling the basket gave it.
            let shocks = shocks.map { s in
                (asset: assets.first { table.index(of: $0) == table.index(of: s.asset) } ?? s.asset, simple: s.simple)
            }
            return try TailRiskError.attributing(to: request.source, replacing: [.shock]) {
                try HypotheticalShock.run(text: request.text, shocks: shocks, conditional: request.conditional, assets: assets,
                                          mean: model.mean, covariance: model.factored.covariance, horizon: policy.horizon,
                                          values: basketValues, debtIndex: debtIndex, thresholds: thresholds, debt: debt,
                                          confidence: policy.confidence,
                                          simulation: HaircutAnalysis.engineSettings(settings, standalone: false))
            }
        }
    }
}
