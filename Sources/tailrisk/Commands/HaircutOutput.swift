import TailRisk

/// Formats a `HaircutAnalysis` (and its grid) as a table, JSON and CSV.
struct HaircutOutput: Report {
    let analysis: HaircutAnalysis
    let grid: HaircutGrid?
    let pnl: PnLModel
    let zeroMean: Bool
    let provenance: Provenance

    private var policy: HaircutPolicy { analysis.policy }
    private var unit: String { analysis.numeraire.name }

    private var returnsNote: String {
        switch analysis.numeraire {
        case let .asset(d): return "log returns relative to \(d) (r_i − r_\(d)); values in \(d)"
        case let .currency(c): return "plain log returns; values in \(c)"
        }
    }

    private var measureName: String {
        "\(policy.measure == .es ? "ES" : "VaR") \(Fmt.percent(policy.confidence, decimals: 1))"
    }

    // MARK: JSON

    private func basketJSON(_ outcome: HaircutAnalysis.Outcome) -> JSONValue {
        let b = outcome.report.basket
        var pairs: [(String, JSONValue)] = [
            ("value", .number(b.value)), ("portfolio_measure", .number(outcome.portfolioMeasure)),
            ("haircut_sum", .number(b.haircutSum)), ("haircut_portfolio", .number(b.haircutPortfolio)),
            ("haircut_portfolio_floored", .number(b.haircutPortfolioFloored)),
            ("diversification_benefit", .optional(b.diversificationBenefit)),
            ("credited_haircut", .number(b.creditedHaircut)),
            ("max_borrow", .number(b.maxBorrow)), ("max_borrow_allocated", .number(b.maxBorrowAllocated)),
        ]
        if let debt = b.debt {
            pairs += [
                ("debt", .number(debt)), ("health_factor", .optional(b.healthFactor)),
                ("price_drop_to_liquidation", .optional(b.priceDropToLiquidation)),
                ("health_factor_allocated", .optional(b.healthFactorAllocated)),
                ("price_drop_to_liquidation_allocated", .optional(b.priceDropToLiquidationAllocated)),
            ]
        }
        return .object(pairs)
    }

    private func simulationJSON(_ outcome: HaircutAnalysis.Outcome) -> JSONValue {
        let s = outcome.simulation
        let e = s.estimates[0]
        return .object([
            ("seed", .string(String(s.seed))), ("scenarios", .integer(s.scenarios)),
            ("stream_unit", .integer(s.streamUnit)), ("portfolio_var", .number(e.valueAtRisk)),
            ("portfolio_es", .number(e.expectedShortfall)), ("es_se", .optional(e.expectedShortfallStandardError)),
            ("repair", outcome.repair.json), ("seconds", .number(s.seconds)),
        ])
    }

    var json: JSONValue {
        let primary = analysis.primary
        let estimate = analysis.estimate
        var fields: [(String, JSONValue)] = [
            ("numeraire", .object([
                ("name", .string(unit)), ("debt_asset_is_column", .bool(analysis.numeraire != .currency(unit))),
                ("returns", .string(returnsNote)),
            ])),
            ("valuation_date", .string(analysis.series.endDate.description)),
            ("policy", .object(policy.echo.map { ($0.key, Self.json($0.value)) })),
            ("measure", .string(policy.measure.rawValue)), ("confidence", .number(policy.confidence)),
            ("horizon", .integer(policy.horizon)), ("horizon_unit", "rows of the aligned table"),
            ("horizon_method", .string(policy.horizonMethod.rawValue)),
            ("horizon_treatment", .string(analysis.horizonTreatment)),
            ("pnl", .string(pnl.rawValue)), ("mean", .string(MeanTreatment.of(law: analysis.model.spec).rawValue)),
            ("mean_treatment", .string(MeanTreatment.describe(.monteCarlo, spec: analysis.model.spec))),
            ("estimator", .string(estimate.estimator.rawValue)), ("shrinkage", .optional(estimate.shrinkage)),
            ("lambda", .optional(estimate.lambda)), ("distribution", .string((policy.model.law ?? .normal).name)),
            ("method", .string(analysis.methodID)), ("filter", ModelJSON.filter(analysis.filter, fits: analysis.filter == nil ? nil : analysis.model.filters,
                                                                           assets: analysis.series.assets)),
            ("copula", ModelJSON.copula(analysis.model.law, assets: analysis.series.assets)),
            ("model_risk", ModelJSON.modelRisk(analysis.modelRisk)),
            ("simulation", simulationJSON(primary)),
            ("assets", assets(primary).json), ("basket", basketJSON(primary)),
        ]
        if let stressed = analysis.stressedEstimate, let window = policy.stressWindow, let w = policy.stressWeight {
            fields.append(("stress", .object([
                ("window", .string(window.description)), ("weight", .number(w)),
                ("observations", .integer(stressed.observations)),
                ("note", "assets and basket use (1 − w)·current + w·stressed; current holds the unblended figures"),
            ])))
            fields.append(("current", .object([
                ("simulation", simulationJSON(analysis.current)),
                ("assets", assets(analysis.current).json), ("basket", basketJSON(analysis.current)),
            ])))
        }
        if let grid { fields.append(("grid", gridJSON(grid))) }
        fields.append(("notes", .strings(analysis.notes)))
        // The provenance's list of asset names gives way to the per-asset rows, which name them.
        guard case let .object(head) = provenance.json else { return .object(fields) }
        return .object(head.filter { $0.0 != "assets" } + fields)
    }

    static func json(_ value: HaircutPolicy.EchoValue) -> JSONValue {
        switch value {
        case let .number(x): return .number(x)
        case let .integer(n): return .integer(n)
        case let .unsigned(n): return .string(String(n))
        case let .text(s): return .string(s)
        case let .table(keys, values): return .object(zip(keys, values).map { ($0.0, .number($0.1)) })
        }
    }

    var csv: String { assetsCSV }

    var files: [(name: String, text: String)] { [("assets.csv", assetsCSV)] + (gridCSV.map { [("grid.csv", $0)] } ?? []) }
}
