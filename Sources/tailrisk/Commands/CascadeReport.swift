import TailRisk

/// Formats a `CascadeAnalysis` as JSON and CSV files (the table is in `CascadeReport+Table`).
struct CascadeReport {
    let analysis: CascadeAnalysis
    let provenance: Provenance
    /// Accounts listed as the top contributors to bad debt.
    static let topCount = 10

    var assets: [String] { analysis.book.assets }
    var unit: String { analysis.numeraire.name }

    private func prices(_ p: [Double]) -> JSONValue { .object(zip(assets, p).map { ($0.0, .number($0.1)) }) }

    /// The accounts with the largest bad debt of a cascade, then the largest liquidated value.
    func topAccounts(_ o: LiquidationCascade.Outcome) -> [(name: String, outcome: LiquidationCascade.AccountOutcome)] {
        let ranked = o.accounts.indices.filter { o.accounts[$0].liquidations > 0 || o.accounts[$0].badDebt > 0 }
            .sorted { a, b in
                let x = o.accounts[a], y = o.accounts[b]
                return x.badDebt != y.badDebt ? x.badDebt > y.badDebt
                    : (x.seizedValue != y.seizedValue ? x.seizedValue > y.seizedValue : a < b)
            }
        return ranked.prefix(Self.topCount).map { (analysis.book.accounts[$0], o.accounts[$0]) }
    }

    /// The accounts a brake left below HF 1, largest latent deficit first (`LiquidationCascade+Latent`).
    func belowOneAccounts(_ o: LiquidationCascade.Outcome) -> [(name: String, outcome: LiquidationCascade.AccountOutcome)] {
        o.accounts.indices.filter { o.accounts[$0].latentDeficit != nil }
            .sorted { a, b in
                let x = o.accounts[a].latentDeficit!, y = o.accounts[b].latentDeficit!
                return x != y ? x > y : a < b
            }
            .map { (analysis.book.accounts[$0], o.accounts[$0]) }
    }

    /// What the latent deficit is, for the outputs.
    static let latentDefinition = "latent deficit: Σ max(0, d − C/(1 + β)) over the accounts left below HF 1 at the final "
        + "market prices (liquidatable, but a brake stopped the run): the bad debt they leave if liquidated now at those "
        + "prices with the bonus, before the price impact of selling their collateral"

    /// Accounts ranked by mean bad debt over the Monte Carlo shocks.
    func topAccounts(_ r: CascadeMonteCarlo.Result) -> [(name: String, mean: Double)] {
        r.accountBadDebt.indices.filter { r.accountBadDebt[$0] > 0 }
            .sorted { r.accountBadDebt[$0] != r.accountBadDebt[$1] ? r.accountBadDebt[$0] > r.accountBadDebt[$1] : $0 < $1 }
            .prefix(Self.topCount).map { (analysis.book.accounts[$0], r.accountBadDebt[$0]) }
    }

    private func cascadeJSON(_ o: LiquidationCascade.Outcome) -> JSONValue {
        .object([
            ("rounds", .integer(o.rounds)), ("liquidated_value", .number(o.liquidatedValue)), ("bad_debt", .number(o.badDebt)),
            ("final_prices", prices(o.finalPrices)), ("capped", .bool(o.capped)),
            ("halted_after_round", o.haltedAfter.map { .integer($0) } ?? .null),
            ("liquidations", .integer(o.liquidations)), ("repaid", .number(o.repaid)), ("debt_left", .number(o.debtLeft)),
            ("initial_prices", prices(o.initialPrices)), ("sold_units", prices(o.soldUnits)),
            ("accounts_liquidated", .integer(o.accounts.filter { $0.liquidations > 0 }.count)),
            ("accounts_with_bad_debt", .integer(o.accounts.filter { $0.badDebt > 0 }.count)),
        ] + latentFields(o))
    }

    private func latentFields(_ o: LiquidationCascade.Outcome) -> [(String, JSONValue)] {
        [("accounts_below_hf1", .integer(o.accountsBelowOne)), ("latent_deficit", .number(o.latentDeficit)),
         ("bad_debt_if_liquidated", .number(o.badDebtIfLiquidated))]
    }

    private func variantJSON(_ name: String, _ o: LiquidationCascade.Outcome) -> JSONValue {
        .object([("rules", .string(name)), ("rounds", .integer(o.rounds)), ("liquidated_value", .number(o.liquidatedValue)),
                 ("bad_debt", .number(o.badDebt)), ("capped", .bool(o.capped)),
                 ("halted_after_round", o.haltedAfter.map { .integer($0) } ?? .null)] + latentFields(o))
    }

    private func estimateJSON(_ es: [RiskEstimate]) -> JSONValue {
        .object(es.map { e in
            (String(e.level.confidence), .object([
                ("value", .number(e.valueAtRisk)),
                ("ci95_low", .optional(e.valueAtRiskInterval?.lowerBound)),
                ("ci95_high", .optional(e.valueAtRiskInterval?.upperBound)),
                ("expected_shortfall", .number(e.expectedShortfall)),
                ("expected_shortfall_se", .optional(e.expectedShortfallStandardError)),
            ]))
        })
    }

    private func monteCarloJSON(_ r: CascadeMonteCarlo.Result, rules: String) -> JSONValue {
        .object([
            ("rules", .string(rules)), ("shocks", .integer(r.shocks)),
            ("bad_debt_var", estimateJSON(r.badDebt)), ("liquidations_at_risk", estimateJSON(r.liquidations)),
            ("mean_bad_debt", .number(r.meanBadDebt)), ("max_bad_debt", .number(r.maxBadDebt)),
            ("probability_of_bad_debt", .number(r.probabilityOfBadDebt)), ("mean_liquidated_value", .number(r.meanLiquidations)),
            ("capped_shocks", .integer(r.cappedShocks)), ("halted_shocks", .integer(r.haltedShocks)),
            ("mean_rounds", .number(r.meanRounds)), ("max_rounds", .integer(r.maxRounds)),
            ("top_accounts", .array(topAccounts(r).map { .object([("account", .string($0.name)), ("mean_bad_debt", .number($0.mean))]) })),
            ("asset_bad_debt", prices(r.assetBadDebt)),
            ("bad_debt_if_liquidated_var", estimateJSON(r.badDebtIfLiquidated)),
            ("mean_latent_deficit", .number(r.meanLatentDeficit)),
            ("probability_of_accounts_below_hf1", .number(r.probabilityOfAccountsBelowOne)),
            ("mean_accounts_below_hf1", .number(r.meanAccountsBelowOne)),
        ])
    }

    var json: JSONValue {
        let a = analysis, rules = a.rules
        var fields: [(String, JSONValue)] = [
            ("numeraire", .string(unit)), ("valuation_date", .string(a.stress.series.endDate.description)),
            ("book", .object([
                ("accounts", .integer(a.book.accounts.count)), ("indebted", .integer(a.book.debts.filter { $0 > 0 }.count)),
                ("total_debt", .number(a.book.totalDebt)),
                ("collateral", .object(zip(assets.indices, assets).map { i, asset in
                    (asset, .object([("quantity", .number(a.book.totalQuantities[i])), ("price", .number(a.prices[i])),
                                     ("value", .number(a.book.totalQuantities[i] * a.prices[i]))]))
                })),
            ])),
            ("rules", .object([
                ("liquidation_thresholds", prices(rules.thresholds)), ("liquidation_bonus", .number(rules.bonus)),
                ("close_factor", "0.5 at HF >= 0.95, else 1 (Aave v3)"), ("dust", .number(rules.dust)),
                ("max_rounds", .integer(rules.maxRounds)),
                ("oracle", rules.oracle.map { o in .object([("deviation", .number(o.deviation)),
                                                           ("heartbeat_rounds", o.heartbeat.map { .integer($0) } ?? .null)]) } ?? .null),
                ("breaker", .optional(rules.breaker)),
            ])),
            ("market_depth", .object(assets.indices.map { i in
                (assets[i], a.depth.adv[i] == nil ? .null : .object([
                    ("sigma_daily", .number(a.depth.volatility[i])), ("adv", .optional(a.depth.adv[i])), ("y", .number(a.depth.impact[i])),
                ]))
            })),
            ("cascades", .array(a.cascades.map { c in
                .object([("name", .string(c.label)), ("kind", .string(c.kind)), ("cascade", cascadeJSON(c.outcome)),
                         ("variants", .array(zip(a.variants.dropFirst(), c.others).map { variantJSON($0.name, $1) })),
                         ("top_accounts", .array(topAccounts(c.outcome).map { t in
                             .object([("account", .string(t.name)), ("bad_debt", .number(t.outcome.badDebt)),
                                      ("seized_value", .number(t.outcome.seizedValue)), ("repaid", .number(t.outcome.repaid)),
                                      ("liquidations", .integer(t.outcome.liquidations))])
                         })),
                         ("below_hf1_accounts", .array(belowOneAccounts(c.outcome).prefix(Self.topCount).map { t in
                             .object([("account", .string(t.name)), ("debt", .number(t.outcome.debtAfter)),
                                      ("collateral_value", .number(t.outcome.collateralValueAfter)),
                                      ("hf", .optional(t.outcome.healthFactorAfter)),
                                      ("latent_deficit", .number(t.outcome.latentDeficit ?? 0))])
                         }))])
            })),
        ]
        if let s = a.monteCarloSettings {
            var mc: [(String, JSONValue)] = [("shocks", .integer(s.shocks)), ("seed", .string(String(s.seed))),
                                             ("law", .string(a.lawName)), ("horizon", .integer(a.stress.policy.horizon)),
                                             ("mean", .string(a.mean.rawValue)), ("mean_note", .string(a.meanNote)),
                                             ("sample_drift", prices(a.sampleDrift))]
            if let first = a.monteCarlo.first {
                if case let .object(head) = monteCarloJSON(first, rules: a.variants[0].name) { mc += head.dropFirst() }
                mc.append(("variants", .array(zip(a.variants.dropFirst(), a.monteCarlo.dropFirst()).map { monteCarloJSON($1, rules: $0.name) })))
            }
            fields.append(("monte_carlo", .object(mc)))
        }
        if let rec = a.recommendation {
            fields.append(("recommended_lt", .object(rec.indices.map { i in
                let r = rec[i]
                return (r.asset, .object([
                    ("current", .number(r.current)), ("recommended", .optional(r.recommended)),
                    ("haircut_lt", .optional(a.haircutThresholds?[i])),
                    ("points", .array(r.points.map { p in
                        .object([("lt", .number(p.threshold)), ("total_debt", .number(p.totalDebt)),
                                 ("asset_debt", .number(p.assetDebt)), ("bad_debt_var", .number(p.badDebtVaR)),
                                 ("book_bad_debt_var", .number(p.bookBadDebtVaR)), ("mean_bad_debt", .number(p.meanBadDebt)),
                                 ("acceptable", .bool(p.acceptable))])
                    })),
                ]))
            })))
        }
        fields.append(("mean", .object([("used", .string(a.mean.rawValue)), ("note", .string(a.meanNote)),
                                        ("sample_drift", prices(a.sampleDrift))])))
        fields.append(("latent_deficit_definition", .string(Self.latentDefinition)))
        fields.append(("notes", .strings(a.notes)))
        guard case let .object(head) = provenance.json else { return .object(fields) }
        return .object(head + fields)
    }

    // MARK: CSV

    /// Names go through `CSV.row`'s quoting as they are.
    private func csvName(_ s: String) -> String { s }

    /// One row per round of every cascade: prices after the round's sales.
    var roundsCSV: String {
        var rows = [CSV.row(["shock", "round", "liquidations", "seized_value", "repaid", "bad_debt"]
                     + assets.map { "price_\($0)" } + assets.map { "oracle_\($0)" } + assets.map { "sold_\($0)" })]
        for c in analysis.cascades {
            let o = c.outcome
            rows.append(CSV.row([csvName(c.label), "0", "0", "0", "0", "\(initialBadDebt(c))"]
                         + o.initialPrices.map { "\($0)" } + o.initialPrices.map { _ in "" } + assets.map { _ in "0" }))
            for r in o.roundTable {
                rows.append(CSV.row([csvName(c.label), "\(r.round)", "\(r.liquidations)", "\(r.seizedValue)", "\(r.repaid)", "\(r.badDebt)"]
                             + r.marketPrices.map { "\($0)" } + r.oraclePrices.map { "\($0)" } + r.sold.map { "\($0)" }))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// One row per initial shock and rules variant: the bad debt beside what the brakes left below HF 1.
    var outcomesCSV: String {
        var rows = ["shock,rules,rounds,liquidations,liquidated_value,bad_debt,accounts_below_hf1,latent_deficit,"
                    + "bad_debt_if_liquidated,halted_after_round,capped"]
        for c in analysis.cascades {
            for (variant, o) in zip(analysis.variants, [c.outcome] + c.others) {
                rows.append([csvName(c.label), csvName(variant.name), "\(o.rounds)", "\(o.liquidations)", "\(o.liquidatedValue)",
                             "\(o.badDebt)", "\(o.accountsBelowOne)", "\(o.latentDeficit)", "\(o.badDebtIfLiquidated)",
                             o.haltedAfter.map { "\($0)" } ?? "", "\(o.capped)"].joined(separator: ","))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Bad debt at the shocked prices before any liquidation.
    private func initialBadDebt(_ c: CascadeAnalysis.Shocked) -> Double {
        let b = analysis.book, p = c.outcome.initialPrices
        var bad = 0.0
        for k in b.accounts.indices {
            var v = 0.0
            for a in b.assets.indices { v += b.quantity(account: k, asset: a) * p[a] }
            bad += max(0, b.debts[k] - v)
        }
        return bad
    }

    /// The files of `--out`: the round table, per-account outcomes, Monte Carlo samples and the LT scan.
    var files: [(name: String, text: String)] {
        var out: [(name: String, text: String)] = [("cascade_rounds.csv", roundsCSV)]
        var acc = ["shock,account,debt_before,debt_after,repaid,seized_value,collateral_value_after,bad_debt,liquidations,hf_before,hf_after"]
        for c in analysis.cascades {
            for (k, o) in c.outcome.accounts.enumerated() where o.debtBefore > 0 {
                acc.append(CSV.row([csvName(c.label), csvName(analysis.book.accounts[k]), "\(o.debtBefore)", "\(o.debtAfter)", "\(o.repaid)",
                            "\(o.seizedValue)", "\(o.collateralValueAfter)", "\(o.badDebt)", "\(o.liquidations)",
                            o.healthFactorBefore.map { "\($0)" } ?? "", o.healthFactorAfter.map { "\($0)" } ?? ""]))
            }
        }
        out.append(("cascade_accounts.csv", acc.joined(separator: "\n") + "\n"))
        out.append(("cascade_outcomes.csv", outcomesCSV))
        if let r = analysis.monteCarlo.first, !r.badDebtSamples.isEmpty {
            let lines = ["shock,bad_debt,liquidated_value,bad_debt_if_liquidated"]
                + r.badDebtSamples.indices.map { "\($0),\(r.badDebtSamples[$0]),\(r.liquidationSamples[$0]),\(r.badDebtIfLiquidatedSamples[$0])" }
            out.append(("monte_carlo_shocks.csv", lines.joined(separator: "\n") + "\n"))
        }
        if let rec = analysis.recommendation {
            var lines = ["asset,lt,total_debt,asset_debt,bad_debt_var,book_bad_debt_var,mean_bad_debt,acceptable,recommended,haircut_lt"]
            for (i, r) in rec.enumerated() {
                for p in r.points {
                    lines.append(CSV.row([r.asset, "\(p.threshold)", "\(p.totalDebt)", "\(p.assetDebt)", "\(p.badDebtVaR)", "\(p.bookBadDebtVaR)",
                                          "\(p.meanBadDebt)", "\(p.acceptable)", r.recommended.map { "\($0)" } ?? "",
                                          analysis.haircutThresholds.map { "\($0[i])" } ?? ""]))
                }
            }
            out.append(("lt_scan.csv", lines.joined(separator: "\n") + "\n"))
        }
        return out
    }
}
