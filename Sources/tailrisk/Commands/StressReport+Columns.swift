import TailRisk

/// The fields of a stress run's historical replays, each declared once: the JSON's `replays`,
/// `replays.csv` / `--format csv` and the replay table read the same columns; the hypothetical
/// shocks (the JSON's `shocks`, the shock table); and the per-window path files
/// `replay_FROM_TO.csv` of `--out` (methods.md §9).
extension StressReport {
    /// One row per replayed window. The table joins an amount with its fraction, the worst
    /// stretch's two dates and the liquidation with its date; the CSV's `name` is the window's
    /// label (its name, or FROM:TO), the JSON's its name or null.
    var replayColumns: [ReportColumn<HistoricalReplay.Result>] {
        func hf(_ x: Double) -> String { Fmt.fixed(x, decimals: 3) }
        return [
            .text("name", "window") { $0.window.name }.csv(["name"]) { [$0.window.label] }.withCell { $0.window.label },
            .text("note", in: .json) { $0.window.note },
            .text("from", "from") { $0.window.from.description }.left(),
            .text("to", "to") { $0.window.to.description }.left(),
            .integer("returns", "returns") { $0.returns },
            .text("first_return", in: .json) { $0.firstDate.description },
            .text("last_return", in: .json) { $0.lastDate.description },
            .number("start_value", in: .json) { $0.startValue },
            .number("total_loss", "total loss", { $0.totalLoss },
                    cell: { "\(Fmt.money($0.totalLoss)) (\(Fmt.percent($0.totalLossFraction)))" }),
            .number("total_loss_fraction") { $0.totalLossFraction },
            .number("worst_loss", "worst \(horizon)-step loss", { $0.worstLoss },
                    cell: { "\(Fmt.money($0.worstLoss)) (\(Fmt.percent($0.worstLossFraction)))" }),
            .number("worst_loss_fraction") { $0.worstLossFraction },
            .text("worst_start", "worst stretch") { $0.worstStart.description }.withCell { "\($0.worstStart) → \($0.worstEnd)" }.left(),
            .text("worst_end") { $0.worstEnd.description },
            .number("health_factor_start", "HF start", missing: "-", { $0.healthFactorStart }, format: hf),
            .number("health_factor_after_worst", "HF after worst", missing: "-", { $0.healthFactorAfterWorst }, format: hf),
            .number("min_health_factor", "min HF (date)", { $0.minimumHealthFactor },
                    cell: { r in r.minimumHealthFactor.map { "\(hf($0)) (\(r.minimumHealthFactorDate!))" } ?? "-" }).left(),
            .text("min_health_factor_date") { $0.minimumHealthFactorDate?.description },
            .bool("liquidated", "liquidated") { $0.liquidated }.withCell { r in r.liquidated.map { $0 ? "yes, \(r.liquidatedOn!)" : "no" } ?? "-" },
            .text("liquidated_on") { $0.liquidatedOn?.description },
        ]
    }

    var replays: ReportTable<HistoricalReplay.Result> { ReportTable(replayColumns, rows: analysis.replays) }

    /// One row per replay (the JSON's figures).
    var replaysCSV: String { replays.csv }

    /// One row per hypothetical shock: the moves it implies, the loss and health factor, and under
    /// `--conditional` the VaR/ES of the rest given the shock (exact P&L by Monte Carlo, and linearised).
    var shockColumns: [ReportColumn<HypotheticalShock.Result>] {
        let a = analysis, c = Fmt.percent(a.policy.confidence, decimals: 1)
        let collateral = a.policy.collateral.map(\.asset), before = a.replays.first?.healthFactorStart ?? healthFactorToday
        func money(_ x: Double) -> String { Fmt.money(x) }
        return [
            .text("shock", "shock") { $0.text },
            .text("others", "others") { $0.conditional ? "conditional mean" : "unchanged" }.left(),
            .json("log_returns") { r in .object(zip(r.assets, r.logReturns).map { ($0.0, .number($0.1)) }) },
            ReportColumn("collateral_returns", "collateral moves in \(unit)",
                         value: { r in .json(.object(zip(collateral, r.collateralReturns).map { ($0.0, .number($0.1)) })) },
                         cell: { r in zip(collateral, r.collateralReturns).map { "\($0.0) \(Fmt.percent($0.1))" }.joined(separator: ", ") })
                .left(),
            .number("loss", "loss", { $0.loss }, cell: { "\(money($0.loss)) (\(Fmt.percent($0.lossFraction)))" }),
            .number("loss_fraction") { $0.lossFraction },
            .number("health_factor_before", in: .json) { _ in before },
            .number("health_factor", "HF", missing: "-", { $0.healthFactor }, format: { Fmt.fixed($0, decimals: 3) }),
            .number("conditional_var", "cond. VaR \(c)", missing: "-", { $0.conditionalVaR }, format: money),
            .number("conditional_es", "cond. ES \(c)", missing: "-", { $0.conditionalES }, format: money),
            .text("conditional_method") { r in
                r.conditionalRisk.map { c in
                    c.scenarios == 0 ? "no random part left: VaR = ES = the scenario's loss"
                        : "exact P&L e^ρ − 1 under the conditional normal law, Monte Carlo (\(c.scenarios) scenarios, seed \(c.seed))"
                }
            },
            .integer("conditional_scenarios") { $0.conditionalRisk?.scenarios },
            .number("conditional_es_standard_error") { $0.conditionalRisk?.expectedShortfallStandardError },
            // The closed form with the P&L linearised at the conditional mean (issue 21 item 8: above the exact law).
            .number("conditional_var_linearised") { $0.conditionalRisk?.linearisedVaR },
            .number("conditional_es_linearised") { $0.conditionalRisk?.linearisedES },
        ]
    }

    var shocks: ReportTable<HypotheticalShock.Result> { ReportTable(shockColumns, rows: analysis.shocks) }

    /// A replay's path: `date,value,pnl,hf` (hf empty without a debt).
    static let pathColumns: [ReportColumn<HistoricalReplay.Point>] = [
        .text("date") { $0.date.description },
        .number("value") { $0.value },
        .number("pnl") { $0.pnl },
        .number("hf") { $0.healthFactor },
    ]

    /// `replay_FROM_TO.csv` per window (the first of windows with the same dates).
    var pathFiles: [(name: String, text: String)] {
        var seen = Set<String>()
        return analysis.replays.compactMap { r in
            let name = "replay_\(r.window.from)_\(r.window.to).csv"
            guard seen.insert(name).inserted else { return nil }
            return (name, ReportTable(Self.pathColumns, rows: r.path).csv)
        }
    }
}
