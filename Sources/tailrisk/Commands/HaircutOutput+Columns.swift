import TailRisk

/// The fields of a haircut run's per-asset rows and of its horizon grid, each declared once:
/// the JSON's `assets` and `grid.cells`, `assets.csv` / `--format csv`, `grid.csv` and the
/// table's asset rows read the same columns (methods.md §9 for the quantities).
extension HaircutOutput {
    /// One row per collateral asset. The CSV repeats the basket's figures on every row (one frame
    /// for pandas); a haircut capped at 100% (a loss beyond the value, from √h scaling or linear
    /// P&L) is marked `‡` in its table cell, a floor that binds `*`, a clamp of LT to [0, 1/(1+β)] `†`.
    func assetColumns(basket b: HaircutBasket, capped: Set<String> = []) -> [ReportColumn<HaircutAssetRow>] {
        func mark(_ x: Double, _ binds: Bool, _ sign: String) -> String { Fmt.percent(x) + (binds ? sign : "") }
        return [
            .text("asset", "asset") { $0.asset },
            .number("quantity") { $0.quantity },
            .number("value", "value (\(analysis.numeraire.name))", { $0.value }, format: { Fmt.money($0) }),
            .number("weight", in: .json) { $0.weight },
            .number("floor") { $0.floor },
            .number("standalone_haircut") { $0.standaloneHaircut },
            .number("standalone_haircut_floored", "H_i", { $0.standaloneHaircutFloored }, cell: { r in
                mark(r.standaloneHaircutFloored, r.standaloneFloorBinds, "*")
                    + (capped.contains(r.asset) && r.standaloneHaircut == 1 ? "‡" : "")
            }),
            .bool("standalone_floor_binds", in: .json) { $0.standaloneFloorBinds },
            .number("allocated_haircut") { $0.allocatedHaircut },
            .number("allocated_haircut_floored", "h_i", { $0.allocatedHaircutFloored }, cell: { r in
                mark(r.allocatedHaircutFloored, r.allocatedFloorBinds, "*")
                    + (capped.contains(r.asset) && r.allocatedHaircut == 1 ? "‡" : "")
            }),
            .bool("allocated_floor_binds", in: .json) { $0.allocatedFloorBinds },
            .number("liquidity_addon", "s_i", { $0.liquidityAddon }, format: { Fmt.percent($0) }),
            .number("liquidation_threshold", "LT(H)", { $0.liquidationThreshold },
                    cell: { mark($0.liquidationThreshold, $0.liquidationThresholdClampBinds, "†") }),
            .bool("liquidation_threshold_clamp_binds", in: .json) { $0.liquidationThresholdClampBinds },
            .number("liquidation_threshold_allocated", "LT(h)", { $0.liquidationThresholdAllocated },
                    cell: { mark($0.liquidationThresholdAllocated, $0.liquidationThresholdAllocatedClampBinds, "†") }),
            .bool("liquidation_threshold_allocated_clamp_binds", in: .json) { $0.liquidationThresholdAllocatedClampBinds },
            .number("ltv", "LTV(H)", { $0.ltv }, format: { Fmt.percent($0) }),
            .number("ltv_allocated", "LTV(h)", { $0.ltvAllocated }, format: { Fmt.percent($0) }),
            .number("credited_haircut", in: .csv) { _ in b.creditedHaircut },
            .number("haircut_sum", in: .csv) { _ in b.haircutSum },
            .number("haircut_portfolio", in: .csv) { _ in b.haircutPortfolio },
            .number("haircut_portfolio_floored", in: .csv) { _ in b.haircutPortfolioFloored },
            .number("diversification_benefit", in: .csv) { _ in b.diversificationBenefit },
        ]
    }

    /// The asset rows of an outcome (the blended one, or `current` under a stress window).
    func assets(_ outcome: HaircutAnalysis.Outcome, capped: Set<String> = []) -> ReportTable<HaircutAssetRow> {
        ReportTable(assetColumns(basket: outcome.report.basket, capped: capped), rows: outcome.report.assets)
    }

    /// `assets.csv` (and `--format csv`): the primary outcome's rows.
    var assetsCSV: String { assets(analysis.primary).csv }

    /// The grid's cells (standalone haircuts per asset, horizon and confidence): JSON `grid.cells`, `grid.csv`.
    static let gridColumns: [ReportColumn<HaircutGrid.Cell>] = [
        .text("asset") { $0.asset },
        .integer("horizon") { $0.horizon },
        .number("confidence") { $0.confidence },
        .number("simulated") { $0.simulated },
        .number("sqrt_scaled") { $0.scaled },
        .integer("observations") { $0.observations },
    ]

    var gridCSV: String? { grid.map { ReportTable(Self.gridColumns, rows: $0.cells).csv } }
}
