import TailRisk

/// The CSV files of `tailrisk stress --accounts … --out DIR`, each row kind's fields declared once
/// (`ReportColumn`): the round table, the accounts' outcomes, the outcomes per rules variant, the
/// Monte Carlo samples and the LT scan. Names (shocks, accounts, assets) are quoted by `CSV.row`.
extension CascadeReport {
    /// A round of a cascade; `round == nil` is the row before any liquidation (round 0, at the shocked prices).
    typealias RoundRow = (shock: CascadeAnalysis.Shocked, round: LiquidationCascade.Round?)

    /// `shock,round,liquidations,seized_value,repaid,bad_debt,price_*,oracle_*,sold_*`: prices after the round's sales.
    var roundColumns: [ReportColumn<RoundRow>] {
        let assets = self.assets
        func perAsset(_ prefix: String, _ cells: @escaping (RoundRow) -> [String]) -> ReportColumn<RoundRow> {
            ReportColumn(prefix, in: .csv, value: { _ in .text(nil) }).csv(assets.map { prefix + $0 }, cells)
        }
        return [
            .text("shock") { $0.shock.label },
            .integer("round") { $0.round?.round ?? 0 },
            .integer("liquidations") { $0.round?.liquidations ?? 0 },
            ReportColumn("seized_value", in: .csv, value: { $0.round.map { .number($0.seizedValue) } ?? .integer(0) }),
            ReportColumn("repaid", in: .csv, value: { $0.round.map { .number($0.repaid) } ?? .integer(0) }),
            .number("bad_debt") { r in r.round?.badDebt ?? self.initialBadDebt(r.shock) },
            perAsset("price_") { r in (r.round?.marketPrices ?? r.shock.outcome.initialPrices).map { "\($0)" } },
            perAsset("oracle_") { r in r.round?.oraclePrices.map { "\($0)" } ?? assets.map { _ in "" } },
            perAsset("sold_") { r in r.round?.sold.map { "\($0)" } ?? assets.map { _ in "0" } },
        ]
    }

    /// One row per round of every cascade, after a round-0 row.
    var roundsCSV: String {
        let rows = analysis.cascades.flatMap { c in [(c, nil)] + c.outcome.roundTable.map { (c, $0) } }
        return ReportTable(roundColumns, rows: rows).csv
    }

    /// Every indebted account's outcome in each cascade.
    static let accountColumns: [ReportColumn<(shock: String, account: String, outcome: LiquidationCascade.AccountOutcome)>] = [
        .text("shock") { $0.shock },
        .text("account") { $0.account },
        .number("debt_before") { $0.outcome.debtBefore },
        .number("debt_after") { $0.outcome.debtAfter },
        .number("repaid") { $0.outcome.repaid },
        .number("seized_value") { $0.outcome.seizedValue },
        .number("collateral_value_after") { $0.outcome.collateralValueAfter },
        .number("bad_debt") { $0.outcome.badDebt },
        .integer("liquidations") { $0.outcome.liquidations },
        .number("hf_before") { $0.outcome.healthFactorBefore },
        .number("hf_after") { $0.outcome.healthFactorAfter },
    ]

    var accountsCSV: String {
        let rows = analysis.cascades.flatMap { c in
            c.outcome.accounts.enumerated().filter { $0.element.debtBefore > 0 }
                .map { (c.label, analysis.book.accounts[$0.offset], $0.element) }
        }
        return ReportTable(Self.accountColumns, rows: rows).csv
    }

    /// One row per initial shock and rules variant: the bad debt beside what the brakes left below HF 1.
    static let outcomeColumns: [ReportColumn<(shock: String, rules: String, outcome: LiquidationCascade.Outcome)>] = [
        .text("shock") { $0.shock },
        .text("rules") { $0.rules },
        .integer("rounds") { $0.outcome.rounds },
        .integer("liquidations") { $0.outcome.liquidations },
        .number("liquidated_value") { $0.outcome.liquidatedValue },
        .number("bad_debt") { $0.outcome.badDebt },
        .integer("accounts_below_hf1") { $0.outcome.accountsBelowOne },
        .number("latent_deficit") { $0.outcome.latentDeficit },
        .number("bad_debt_if_liquidated") { $0.outcome.badDebtIfLiquidated },
        .integer("halted_after_round") { $0.outcome.haltedAfter },
        .bool("capped") { $0.outcome.capped },
    ]

    var outcomesCSV: String {
        let rows = analysis.cascades.flatMap { c in
            zip(analysis.variants, [c.outcome] + c.others).map { (c.label, $0.name, $1) }
        }
        return ReportTable(Self.outcomeColumns, rows: rows).csv
    }

    /// `monte_carlo_shocks.csv`: each shock's bad debt, liquidated value and bad debt if the accounts left below HF 1 were liquidated.
    static let shockColumns: [ReportColumn<(index: Int, result: CascadeMonteCarlo.Result)>] = [
        .integer("shock") { $0.index },
        .number("bad_debt") { $0.result.badDebtSamples[$0.index] },
        .number("liquidated_value") { $0.result.liquidationSamples[$0.index] },
        .number("bad_debt_if_liquidated") { $0.result.badDebtIfLiquidatedSamples[$0.index] },
    ]

    /// `lt_scan.csv`: every point of each asset's LT scan with the recommendation.
    var scanColumns: [ReportColumn<(asset: Int, result: ThresholdRecommendation.AssetResult, point: ThresholdRecommendation.Point)>] {
        let haircut = analysis.haircutThresholds
        return [
            .text("asset") { $0.result.asset },
            .number("lt") { $0.point.threshold },
            .number("total_debt") { $0.point.totalDebt },
            .number("asset_debt") { $0.point.assetDebt },
            .number("bad_debt_var") { $0.point.badDebtVaR },
            .number("book_bad_debt_var") { $0.point.bookBadDebtVaR },
            .number("mean_bad_debt") { $0.point.meanBadDebt },
            .bool("acceptable") { $0.point.acceptable },
            .number("recommended") { $0.result.recommended },
            .number("haircut_lt") { r in haircut.map { $0[r.asset] } },
        ]
    }

    /// The files of `--out`: the round table, per-account outcomes, Monte Carlo samples and the LT scan.
    var files: [(name: String, text: String)] {
        var out: [(name: String, text: String)] = [("cascade_rounds.csv", roundsCSV), ("cascade_accounts.csv", accountsCSV),
                                                   ("cascade_outcomes.csv", outcomesCSV)]
        if let r = analysis.monteCarlo.first, !r.badDebtSamples.isEmpty {
            out.append(("monte_carlo_shocks.csv", ReportTable(Self.shockColumns, rows: r.badDebtSamples.indices.map { ($0, r) }).csv))
        }
        if let rec = analysis.recommendation {
            let rows = rec.enumerated().flatMap { i, r in r.points.map { (i, r, $0) } }
            out.append(("lt_scan.csv", ReportTable(scanColumns, rows: rows).csv))
        }
        return out
    }
}
