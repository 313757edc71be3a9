/// What `tailrisk haircut` computes: the haircut report of a collateral basket
/// from one Monte Carlo simulation of its returns in the debt asset
/// (methods.md §5).
///
/// Pipeline: prices → daily log returns of the collateral relative to the
/// debt asset (`r_i − r_D`; plain returns when the debt is the price currency)
/// → covariance (optionally blended with a stressed one) → one engine run with
/// `standalone: true` → `HaircutCalculator.report`. From that one run:
/// standalone haircuts `H_i = measure_i / C_i` (each asset's own tail of the
/// same scenarios), the portfolio haircut `H_p = measure / Σ C_i`, and the
/// allocated haircuts `h_i = E[L_i | tail] / C_i` (Tasche's Euler
/// contributions, weighted like the ES), whose value-weighted sum is `H_p`.
///
/// Horizon `h` (margin period of risk, rows of the aligned table):
/// `simulate` draws `h`-step scenarios (exactly `N(hμ, hΣ)` under the normal
/// model, a sum of `h` daily draws under t and bootstrap); `sqrt` runs one
/// step and multiplies every haircut by `√h` (Basel CRE22.57), which keeps the
/// Euler identity.
///
/// Under `measure: var` the allocated haircuts are the ES contributions scaled
/// by `VaR / ES` (scenario VaR contributions are one noisy scenario wide);
/// they still sum to `H_p`.
///
/// With a stress window the covariance of the window's returns `Σ_s` is
/// blended, `(1 − w) Σ + w Σ_s` (EMIR RTS 153/2013 art. 28; `w` defaults to
/// 25%), and both the current and the blended figures are computed from the
/// same seed.
/// - Complexity: one or two engine runs, O(n d²) each, plus O(T d²) for the covariance.
public struct HaircutAnalysis: Sendable {
    public struct Settings: Sendable {
        /// Every policy setting; its `scenarios` and `seed`, when set, override `simulation`'s.
        public var policy: HaircutPolicy
        /// EWMA decay (with `estimator: ewma`).
        public var lambda: Double
        public var pnl: PnLModel
        /// Simulate with a zero daily mean instead of the sample mean.
        public var zeroMean: Bool
        /// Engine settings (threads, antithetic, precision target); `standalone` is forced on.
        public var simulation: SimulationSettings
        public var liquidity: LiquidityTable?
        public var from: Day?
        public var to: Day?
        /// Use only the last `window` returns.
        public var window: Int?

        public init(policy: HaircutPolicy, lambda: Double = EWMACovariance.riskMetricsLambda, pnl: PnLModel = .exact,
                    zeroMean: Bool = false, simulation: SimulationSettings = SimulationSettings(),
                    liquidity: LiquidityTable? = nil, from: Day? = nil, to: Day? = nil, window: Int? = nil) {
            self.policy = policy
            self.lambda = lambda
            self.pnl = pnl
            self.zeroMean = zeroMean
            self.simulation = simulation
            self.liquidity = liquidity
            self.from = from
            self.to = to
            self.window = window
        }
    }

    /// The figures of one simulation.
    public struct Outcome: Sendable {
        /// The daily covariance simulated, after any repair.
        public let covariance: Matrix
        public let repair: RepairReport
        public let simulation: SimulationResult
        /// The portfolio loss measure over the horizon, in numéraire units.
        public let portfolioMeasure: Double
        public let report: HaircutReport
        /// Assets whose standalone or allocated loss exceeded their value (√h
        /// scaling or linear P&L) and whose haircut was capped at 100%; capped
        /// allocated haircuts no longer add up to the portfolio haircut.
        public let cappedAssets: [String]
        /// Whether the portfolio loss exceeded the basket's value and was capped.
        public let portfolioCapped: Bool
    }

    /// The policy used: the input with the defaults it left open filled in.
    public let policy: HaircutPolicy
    public let numeraire: Numeraire
    /// Daily returns of the collateral in the numéraire.
    public let series: ReturnSeries
    /// `C_i = q_i P_i / P_D` on the last date.
    public let values: [Double]
    public let estimate: CovarianceEstimate
    /// The stress window's estimate, when one is set.
    public let stressedEstimate: CovarianceEstimate?
    /// Figures from the current covariance.
    public let current: Outcome
    /// Figures from the blended covariance, when a stress window is set.
    public let stressed: Outcome?
    /// How the horizon was reached, for the output.
    public let horizonTreatment: String
    public let notes: [String]
    /// The primary outcome's portfolio ES against the history's (`HaircutAnalysis+ModelRisk`).
    public let modelRisk: ModelRiskCheck?
    /// The model fitted to `series` (its law holds any copula fit; a stress blend keeps that law).
    public let model: RiskModel

    /// The figures the policy sets: the blended ones under a stress window, else the current ones.
    public var primary: Outcome { stressed ?? current }

    /// Runs the analysis on the prices of `table`.
    /// - Throws: `TailRiskError` for an invalid policy, unknown assets or debt
    ///   asset, a collateral value `q·P` that is not positive and finite
    ///   (underflow or overflow), a liquidity table without a row for a
    ///   collateral asset (checked before simulating), too little data, a covariance that cannot be repaired, or
    ///   unusable simulation settings.
    public static func run(table: PriceTable, settings: Settings) throws -> HaircutAnalysis {
        var policy = settings.policy
        try policy.validate()
        try Limits.checkConfidence(policy.confidence)
        if let debt = policy.debtAmount { try Limits.checkAmount(debt, parameter: .debt, what: "the debt") }
        guard !policy.collateral.isEmpty else {
            throw TailRiskError.invalidParameter(.collateral,
                                              message: "no collateral: give --collateral BTC=10,ETH=120 or 'collateral:' in the policy")
        }
        if policy.stressWindow != nil && policy.stressWeight == nil { policy.stressWeight = StressBlend.minimumEMIRWeight }
        try fillFilter(&policy)
        let numeraire = try numeraire(policy: policy, assets: table.assets)
        for asset in policy.floors.keys.sorted() where table.index(of: asset) == nil {
            throw TailRiskError.invalidParameter(
                .floor, message: "unknown asset '\(asset)' (\(table.source) has: \(table.assets.joined(separator: ", ")))")
        }
        let assets = policy.collateral.map(\.asset)
        let quantities = policy.collateral.map(\.quantity)
        let series = try relativeSeries(table: table, collateral: assets, numeraire: numeraire,
                                        from: settings.from, to: settings.to, window: settings.window)
        let values = zip(quantities, series.lastPrices).map { $0 * $1 }
        for (i, value) in values.enumerated() where !(value > 0 && value.isFinite) {
            throw TailRiskError.invalidParameter(
                .collateral,
                message: "\(assets[i]): value \(value) in \(numeraire.name) (\(quantities[i]) × \(series.lastPrices[i])) "
                    + "is not a positive finite amount")
        }
        guard values.reduce(0, +).isFinite else {
            throw TailRiskError.invalidParameter(.collateral,
                                              message: "the basket's total value in \(numeraire.name) is not finite")
        }
        for (asset, value) in zip(assets, values) {
            try Limits.checkAmount(value, parameter: .collateral, what: "\(asset): the value in \(numeraire.name)")
        }
        try Limits.checkAmount(values.reduce(0, +), parameter: .collateral, what: "the basket's value in \(numeraire.name)")
        try Limits.checkCovarianceSize(assets.count, parameter: .collateral)
        if case let .asset(debt) = numeraire { try series.requireBoundedReturns(measuredIn: debt) } else {
            try series.requireBoundedReturns()
        }
        var notes: [String] = []
        if let liquidity = settings.liquidity {
            for asset in assets where liquidity[asset] == nil {
                throw TailRiskError.file(path: liquidity.source, line: nil, column: nil,
                                         message: "no row for collateral asset '\(asset)' (the liquidity add-on needs one per asset)")
            }
            for (asset, q) in zip(assets, quantities) {
                let adv = liquidity[asset]!.adv
                try Limits.checkAmount(adv, parameter: .liquidity, what: "\(liquidity.source): the ADV of \(asset)")
                guard (q / adv).isFinite else {
                    throw TailRiskError.invalidParameter(
                        .liquidity, message: "the quantity of \(asset), \(q), over its ADV \(adv) in "
                            + "\(liquidity.source) is not a finite share of a day's volume")
                }
            }
            let extra = liquidity.entries.keys.filter { !assets.contains($0) }.sorted()
            if !extra.isEmpty {
                notes.append("liquidity rows not in the collateral, ignored: \(extra.joined(separator: ", "))")
            }
        }
        let spec = try modelSpec(policy, settings: settings)
        let fitted = try RiskModel.fit(series, spec: spec)
        let estimate = fitted.estimate
        let dist = spec.law
        let current = try simulate(assets: assets, quantities: quantities, values: values, model: fitted,
                                   policy: policy, settings: settings)
        var stressedEstimate: CovarianceEstimate?
        var stressed: Outcome?
        if let window = policy.stressWindow, let w = policy.stressWeight {
            if dist == .bootstrap || dist == .fhs {
                throw TailRiskError.invalidParameter(.stressWindow, message: "needs --dist normal or t "
                    + "(\(dist.name) resamples history and has no covariance to blend)")
            }
            let s = try stressedCovariance(table: table, collateral: assets, numeraire: numeraire, window: window,
                                           estimator: try spec.estimator.makeEstimator(lambda: spec.lambda))
            stressedEstimate = s
            let blended = StressBlend.covariance(current: estimate.covariance, stressed: s.covariance, weight: w)
            stressed = try simulate(assets: assets, quantities: quantities, values: values,
                                    model: try fitted.replacingCovariance(blended, history: series.returns),
                                    policy: policy, settings: settings)
            if w < StressBlend.minimumEMIRWeight {
                notes.append("stress weight \(w) is below EMIR's recommended minimum of 25%")
            }
            if let s = stressed, s.report.basket.haircutPortfolio < current.report.basket.haircutPortfolio {
                notes.append("the stress window \(window.from):\(window.to) is calmer than the current one: the blend LOWERS "
                             + "the portfolio haircut; choose a stressed period (EMIR art. 28 expects it to add margin)")
            }
        }
        if policy.measure == .var {
            notes.append("allocated haircuts under VaR are the ES contributions scaled by VaR/ES")
        }
        if policy.horizon > series.count {
            notes.append("horizon \(policy.horizon) exceeds the \(series.count) returns of history")
        }
        notes += capNotes([current] + (stressed.map { [$0] } ?? []), assets: assets, policy: policy)
        return HaircutAnalysis(policy: policy, numeraire: numeraire, series: series, values: values, estimate: estimate,
                               stressedEstimate: stressedEstimate, current: current, stressed: stressed,
                               horizonTreatment: horizonTreatment(policy, dist), notes: notes,
                               modelRisk: modelRisk(series, values, outcome: stressed ?? current, policy, settings.pnl),
                               model: fitted)
    }

    /// One engine run of a fitted model and its report.
    ///
    /// `marginals`, when given, is an outcome of a model with the same marginal
    /// laws (a correlation break keeps every mean, variance and law): its
    /// standalone figures are taken as they are and this run draws no per-asset
    /// tails, so a correlation cannot move a standalone (single-asset) haircut
    /// through the Monte Carlo noise of a re-factored covariance.
    /// - Complexity: O(n d²) for the simulation.
    static func simulate(assets: [String], quantities: [Double], values: [Double], model: RiskModel,
                         policy: HaircutPolicy, settings: Settings, marginals: Outcome? = nil) throws -> Outcome {
        let factored = model.factored
        let h = policy.horizon
        let steps = policy.horizonMethod == .simulate ? h : 1
        let result = try MonteCarloEngine().run(model: model.scenarioModel(horizon: steps), values: values,
                                                levels: [ConfidenceLevel(policy.confidence)],
                                                settings: engineSettings(settings, standalone: marginals == nil))
        let scale = policy.horizonMethod == .sqrt ? BaselHaircuts.scale(1, from: 1, to: h) : 1
        let estimate = result.estimates[0]
        func measure(_ e: RiskEstimate) -> Double {
            scale * (policy.measure == .es ? e.expectedShortfall : e.valueAtRisk)
        }
        let total = values.reduce(0, +)
        let uncapped = measure(estimate)
        let es = scale * estimate.expectedShortfall
        let contributions = (estimate.contributions ?? []).map { c -> Double in
            let inCurrency = scale * c
            return policy.measure == .es || es == 0 ? inCurrency : inCurrency * uncapped / es
        }
        // A long spot position cannot lose more than its value: √h scaling and
        // linear P&L can say otherwise, so every haircut is capped at 100%.
        let standaloneRaw = zip((marginals?.simulation ?? result).standalone ?? [], values).map { Haircuts.standalone(measure: measure($0[0]), value: $1) }
        let allocatedRaw = Haircuts.allocated(contributions: contributions, values: values)
        let capped = assets.indices.filter { standaloneRaw[$0] > 1 || allocatedRaw[$0] > 1 }.map { assets[$0] }
        let portfolio = min(uncapped, total)
        let report = try HaircutCalculator.report(
            assets: assets, quantities: quantities, values: values, standaloneHaircuts: standaloneRaw.map { min($0, 1) },
            allocatedHaircuts: allocatedRaw.map { min($0, 1) },
            portfolioHaircut: portfolio / total,
            dailyVolatility: factored.covariance.diagonal.map { $0.squareRoot() },
            liquidity: settings.liquidity, policy: policy, debtAmount: policy.debtAmount)
        try report.requireFinite()
        return Outcome(covariance: factored.covariance, repair: factored.repair, simulation: result,
                       portfolioMeasure: portfolio, report: report, cappedAssets: capped,
                       portfolioCapped: uncapped > total)
    }
}
