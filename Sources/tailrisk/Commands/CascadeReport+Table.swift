import TailRisk

/// The terminal table of `tailrisk stress --accounts`.
extension CascadeReport {
    private func money(_ x: Double) -> String { Fmt.money(x) }

    private var headLines: [String] {
        let a = analysis, r = a.rules
        var lines = [provenance.headline]
        let book = a.book
        let collateral = assets.indices.map { i in
            "\(assets[i]) \(Fmt.amount(book.totalQuantities[i])) @ \(Fmt.money(a.prices[i]))"
        }
        lines.append("book \(ErrorQuoting.visible(book.source)): \(book.accounts.count) accounts (\(book.debts.filter { $0 > 0 }.count) with debt), "
                     + "debt \(money(book.totalDebt)) \(unit), collateral \(collateral.joined(separator: ", ")) (prices in \(unit), \(a.stress.series.endDate))")
        var ruleText = "rules: LT " + zip(assets, r.thresholds).map { "\($0) \(Fmt.percent($1))" }.joined(separator: ", ")
            + "; bonus \(Fmt.percent(r.bonus)); close factor 0.5 at HF ≥ 0.95, else 1; cap \(r.maxRounds) rounds"
        if r.dust > 0 { ruleText += "; dust \(money(r.dust))" }
        if let o = r.oracle {
            ruleText += "; oracle deviation \(Fmt.percent(o.deviation)), heartbeat \(o.heartbeat.map { "\($0) rounds" } ?? "none")"
        }
        if let b = r.breaker { ruleText += "; breaker \(Fmt.percent(b))" }
        lines.append(ruleText)
        let depth = assets.indices.map { i -> String in
            guard let adv = a.depth.adv[i] else { return "\(assets[i]) no impact" }
            return "\(assets[i]) σ \(Fmt.percent(a.depth.volatility[i])), ADV \(Fmt.amount(adv)), Y \(Fmt.fixed(a.depth.impact[i], decimals: 2))"
        }
        lines.append("market depth (P = P0 exp(−Y σ √(Q/ADV)), σ daily relative to \(unit)): \(depth.joined(separator: "; "))")
        return lines
    }

    private var cascadeLines: [String] {
        let a = analysis
        guard !a.cascades.isEmpty else { return [] }
        var lines = ["", "cascades after each initial shock (prices in \(unit)):"]
        var t = TextTable(["shock", "rounds", "liquidations", "liquidated value", "bad debt", "left below HF 1", "latent deficit",
                           "final prices", "note"], leftAligned: [0, 7, 8])
        for c in a.cascades {
            let o = c.outcome
            var note: [String] = []
            if o.capped { note.append("round cap bound") }
            if let h = o.haltedAfter { note.append("breaker halted after round \(h)") }
            t.append([c.label, "\(o.rounds)", "\(o.liquidations)", money(o.liquidatedValue), money(o.badDebt),
                      "\(o.accountsBelowOne)", money(o.latentDeficit),
                      zip(assets, o.finalPrices).map { "\($0) \(Fmt.money($1))" }.joined(separator: ", "), note.joined(separator: "; ")])
        }
        lines.append(t.rendered)
        if a.variants.count > 1 {
            lines.append("")
            lines.append("bad debt / liquidated value (rounds) [+ latent deficit (accounts left below HF 1)], with and without the brakes:")
            var v = TextTable(["shock"] + a.variants.map(\.name))
            for c in a.cascades {
                v.append([c.label] + ([c.outcome] + c.others).map { o in
                    "\(money(o.badDebt)) / \(money(o.liquidatedValue)) (\(o.rounds))"
                        + (o.accountsBelowOne > 0 ? " + latent \(money(o.latentDeficit)) (\(o.accountsBelowOne))" : "")
                })
            }
            lines.append(v.rendered)
        }
        for c in a.cascades where c.outcome.accountsBelowOne > 0 {
            let o = c.outcome, left = belowOneAccounts(o)
            let hfs = left.compactMap(\.outcome.healthFactorAfter)
            var line = "\(c.label): \(o.accountsBelowOne) account(s) left below HF 1"
                + (hfs.isEmpty ? "" : " (HF \(Self.hfText(hfs.min()!))–\(Self.hfText(hfs.max()!)))")
                + ", latent deficit \(money(o.latentDeficit)): bad debt \(money(o.badDebt)) as given, "
                + "\(money(o.badDebtIfLiquidated)) if they were liquidated now"
            if let free = zip(a.variants.dropFirst(), c.others).first(where: { $0.0.name == "neither" })?.1 {
                line += ", \(money(free.badDebt)) without the brakes"
            }
            lines.append(line + "; largest: " + left.prefix(5).map { "\($0.name) \(money($0.outcome.latentDeficit ?? 0))" }
                .joined(separator: ", "))
        }
        if a.cascades.contains(where: { ([$0.outcome] + $0.others).contains { $0.accountsBelowOne > 0 } }) {
            lines.append(Self.latentDefinition)
        }
        for c in a.cascades {
            let top = topAccounts(c.outcome).filter { $0.outcome.badDebt > 0 }
            guard !top.isEmpty else { continue }
            lines.append("\(ErrorQuoting.visible(c.label)): largest bad debts "
                         + top.prefix(5).map { "\(ErrorQuoting.visible($0.name)) \(money($0.outcome.badDebt))" }.joined(separator: ", "))
        }
        return lines
    }

    /// A health factor below 1 to 3 decimals, rounded down so that it never reads 1.000.
    static func hfText(_ hf: Double) -> String { Fmt.fixed((hf * 1000).rounded(.down) / 1000, decimals: 3) }

    private var monteCarloLines: [String] {
        let a = analysis
        guard let s = a.monteCarloSettings, let first = a.monteCarlo.first else { return [] }
        let drift = zip(assets, a.sampleDrift).map { "\($0) \(Fmt.percent($1))" }.joined(separator: ", ")
        var lines = ["", "Monte Carlo: \(first.shocks) shocks of the fitted \(a.lawName) model over \(a.stress.policy.horizon) step(s), seed \(s.seed)",
                     "mean: \(a.meanNote); the window's drift over the horizon (log, relative to \(unit)): \(drift)"]
        var t = TextTable(["rules", "level", "bad-debt VaR", "95% CI", "bad-debt ES (SE)", "liquidations at risk", "95% CI"])
        for (variant, r) in zip(a.variants, a.monteCarlo) {
            for (b, l) in zip(r.badDebt, r.liquidations) {
                func ci(_ e: RiskEstimate) -> String {
                    e.valueAtRiskInterval.map { "[\(money($0.lowerBound)), \(money($0.upperBound))]" } ?? "-"
                }
                t.append([variant.name, Fmt.percent(b.level.confidence, decimals: 0), money(b.valueAtRisk), ci(b),
                          "\(money(b.expectedShortfall)) (\(money(b.expectedShortfallStandardError ?? 0)))",
                          money(l.valueAtRisk), ci(l)])
            }
        }
        lines.append(t.rendered)
        lines.append("mean bad debt \(money(first.meanBadDebt)), P(bad debt > 0) \(Fmt.percent(first.probabilityOfBadDebt)), "
                     + "max \(money(first.maxBadDebt)); mean rounds \(Fmt.fixed(first.meanRounds, decimals: 2)), max \(first.maxRounds); "
                     + "round cap bound in \(first.cappedShocks) shocks" + (a.rules.breaker != nil ? ", breaker halted \(first.haltedShocks)" : ""))
        let braked = a.rules.breaker != nil || a.rules.oracle != nil
        for (variant, r) in zip(a.variants, a.monteCarlo) where r.probabilityOfAccountsBelowOne > 0 || (braked && variant.name == "as given") {
            lines.append("\(variant.name): accounts left below HF 1 in \(Fmt.percent(r.probabilityOfAccountsBelowOne)) of shocks "
                         + "(mean \(Fmt.fixed(r.meanAccountsBelowOne, decimals: 2))), mean latent deficit \(money(r.meanLatentDeficit)); "
                         + "bad-debt VaR if they were liquidated now "
                         + r.badDebtIfLiquidated.map { "\(Fmt.percent($0.level.confidence, decimals: 0)) \(money($0.valueAtRisk))" }
                            .joined(separator: ", "))
        }
        if a.monteCarlo.contains(where: { $0.probabilityOfAccountsBelowOne > 0 }) { lines.append(Self.latentDefinition) }
        let top = topAccounts(first)
        if !top.isEmpty {
            lines.append("largest mean bad debt by account: "
                         + top.prefix(5).map { "\(ErrorQuoting.visible($0.name)) \(money($0.mean))" }.joined(separator: ", "))
            lines.append("mean bad debt by asset (split by collateral value): "
                         + zip(assets, first.assetBadDebt).map { "\($0) \(money($1))" }.joined(separator: ", "))
        }
        return lines
    }

    private var recommendationLines: [String] {
        let a = analysis
        guard let rec = a.recommendation, let s = a.monteCarloSettings, let s0 = a.recommendationSettings else { return [] }
        var lines = ["", "recommended liquidation thresholds (\(s.shocks) shocks, \(a.mean.rawValue) mean; debts re-levered to the same share of borrowing power, "
                     + "LTV = LT − \(Fmt.percent(a.stress.policy.ltvBuffer))): the largest LT whose \(Fmt.percent(s0.level.confidence, decimals: 0)) VaR "
                     + "of the bad debt attributed to the asset is within \(Fmt.percent(s0.tolerance, decimals: 2)) of the debt attributed to it",
                     "haircut LT(H) = (1 − H)/(1 + β) from the asset's standalone ES, without the liquidity add-on (which would sell the whole book at once)"]
        var t = TextTable(["asset", "current LT", "recommended LT", "haircut LT(H)", "grid", "attributed bad-debt VaR at recommended"])
        for (i, r) in rec.enumerated() {
            let at = r.recommended.flatMap { x in r.points.first { $0.threshold == x } }
            t.append([r.asset, Fmt.percent(r.current), r.recommended.map { Fmt.percent($0) } ?? "none in grid",
                      a.haircutThresholds.map { Fmt.percent($0[i]) } ?? "-",
                      "\(Fmt.percent(r.points.first?.threshold ?? 0)) … \(Fmt.percent(r.points.last?.threshold ?? 0)) (\(r.points.count))",
                      at.map { money($0.badDebtVaR) } ?? "-"])
        }
        lines.append(t.rendered)
        return lines
    }

    var table: String {
        (headLines + cascadeLines + monteCarloLines + recommendationLines + analysis.notes.map { "note: \($0)" })
            .joined(separator: "\n")
    }
}
