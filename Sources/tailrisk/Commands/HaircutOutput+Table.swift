import TailRisk

/// The terminal table of a haircut run and the horizon grid's formats.
extension HaircutOutput {
    var table: String {
        let a = analysis
        let p = a.policy
        var lines = [provenance.headline]
        switch a.numeraire {
        case let .asset(d): lines.append("risk measured in \(d): collateral returns relative to \(d) (r_i − r_\(d)); values in \(d)")
        case let .currency(c): lines.append("risk measured in \(c) (the price currency): plain returns")
        }
        var model = "\(p.measure == .es ? "ES" : "VaR") at \(Fmt.percent(p.confidence, decimals: 1)), horizon \(p.horizon): "
            + "\(a.horizonTreatment); estimator \(a.estimate.estimator.rawValue), \((p.model.law ?? .normal).name) scenarios"
            + (a.filter.map { " (\($0) filter)" } ?? "") + ", "
            + "P&L \(pnl.rawValue), mean: \(MeanTreatment.describe(.monteCarlo, spec: a.model.spec))"
        model += "; \(a.primary.simulation.scenarios) scenarios, seed \(a.primary.simulation.seed)"
        lines.append(model)
        lines.append("repair: \(a.primary.repair.summary)")
        lines.append("β \(Fmt.percent(p.liquidationBonus, decimals: 1)), LTV buffer \(Fmt.percent(p.ltvBuffer, decimals: 1)), "
            + "κ \(Fmt.fixed(p.diversificationCredit, decimals: 2))"
            + (p.liquidity.map { ", liquidity \($0)" } ?? ", no liquidity add-on"))
        if let window = p.stressWindow, let w = p.stressWeight {
            lines.append("stress: covariance (1 − \(w))·current + \(w)·stressed(\(window)); figures below are blended")
        }
        lines.append("")
        lines.append(assets(a.primary, capped: Set(a.primary.cappedAssets)).text)
        lines.append("* floor binds   † clamp to [0, 1/(1+β)] binds"
            + (a.primary.cappedAssets.isEmpty ? "" : "   ‡ UNUSABLE as measured: capped at 100% (see the note)"))
        lines.append("")
        lines += basketLines(a.primary.report.basket)
        if let stressed = a.stressed {
            let c = a.current.report.basket, s = stressed.report.basket
            lines.append("")
            lines.append("current vs blended: H_p \(Fmt.percent(c.haircutPortfolio)) → \(Fmt.percent(s.haircutPortfolio)), "
                + "H_sum \(Fmt.percent(c.haircutSum)) → \(Fmt.percent(s.haircutSum)), "
                + "credited \(Fmt.percent(c.creditedHaircut)) → \(Fmt.percent(s.creditedHaircut))"
                + (c.healthFactor.flatMap { hc in s.healthFactor.map { ", HF \(Fmt.fixed(hc, decimals: 3)) → \(Fmt.fixed($0, decimals: 3))" } } ?? ""))
        }
        if let grid {
            lines.append("")
            lines.append(gridTable(grid))
        }
        lines += a.notes.map { "note: \($0)" }
        if let risk = a.modelRisk, risk.fires, let reference = risk.reference, let ref = risk.referenceES {
            lines.append("note: model risk (\(a.methodID)): portfolio ES \(Fmt.money(risk.modelES)) \(a.numeraire.name), "
                + "\(reference.rawValue) ES \(Fmt.money(ref)) \(a.numeraire.name): \(risk.note); do not set haircuts from this model without saying why")
        }
        return lines.joined(separator: "\n")
    }

    private func basketLines(_ b: HaircutBasket) -> [String] {
        let u = analysis.numeraire.name
        var lines = [
            "basket value \(Fmt.money(b.value)) \(u)",
            "haircut without diversification H_sum \(Fmt.percent(b.haircutSum)), portfolio H_p \(Fmt.percent(b.haircutPortfolio))"
                + (b.haircutPortfolioFloored != b.haircutPortfolio
                    ? ", floored H_p' \(Fmt.percent(b.haircutPortfolioFloored))" : "")
                + (b.diversificationBenefit.map { ", diversification benefit \(Fmt.percent($0))" } ?? ""),
            "credited haircut (κ = \(Fmt.fixed(analysis.policy.diversificationCredit, decimals: 2))) \(Fmt.percent(b.creditedHaircut))",
            "max borrow \(Fmt.money(b.maxBorrow)) \(u) (standalone LTVs), \(Fmt.money(b.maxBorrowAllocated)) \(u) (allocated)",
        ]
        if let debt = b.debt {
            func hf(_ h: Double?, _ drop: Double?) -> String {
                guard let h else { return "n/a" }
                guard let drop, drop > 0 else { return "\(Fmt.fixed(h, decimals: 3)), liquidatable now (HF < 1)" }
                return "\(Fmt.fixed(h, decimals: 3)), liquidated after a uniform \(Fmt.percent(drop)) drop in collateral prices"
            }
            lines.append("debt \(Fmt.money(debt)) \(u): health factor \(hf(b.healthFactor, b.priceDropToLiquidation)) (standalone LTs)")
            lines.append("    health factor \(hf(b.healthFactorAllocated, b.priceDropToLiquidationAllocated)) (allocated LTs)")
        }
        return lines
    }

    // MARK: grid

    private func gridTable(_ g: HaircutGrid) -> String {
        var lines = ["standalone haircuts against \(g.numeraire.name) (\(analysis.policy.measure.rawValue), each asset on its own history): simulated h-step / √h-scaled"]
        var header = ["asset", "obs"]
        for h in HaircutGrid.horizons {
            for c in HaircutGrid.confidences { header.append("h=\(h) \(Fmt.percent(c, decimals: 1))") }
        }
        var t = TextTable(header)
        var assets: [String] = []
        for cell in g.cells where !assets.contains(cell.asset) { assets.append(cell.asset) }
        for asset in assets {
            let cells = g.cells.filter { $0.asset == asset }
            t.append([asset, "\(cells[0].observations)"] + cells.map {
                $0.horizon == 1 ? Fmt.percent($0.simulated) : "\(Fmt.percent($0.simulated)) / \(Fmt.percent($0.scaled))"
            })
        }
        lines.append(t.rendered)
        lines += g.skipped.map { "skipped \($0.asset): \($0.reason)" }
        return lines.joined(separator: "\n")
    }

    func gridJSON(_ g: HaircutGrid) -> JSONValue {
        .object([
            ("numeraire", .string(g.numeraire.name)),
            ("cells", ReportTable(Self.gridColumns, rows: g.cells).json),
            ("skipped", .array(g.skipped.map { .object([("asset", .string($0.asset)), ("reason", .string($0.reason))]) })),
        ])
    }
}
