import TailRisk

/// Formats a `PairTailDependence` for `tailrisk cov --tail-dependence`: a table after the
/// covariance, a `tail_dependence` JSON object and a per-pair CSV.
struct CovTailDependenceReport {
    let result: PairTailDependence
    let assets: [String]

    private func pairName(_ p: PairTailDependence.Pair) -> String { "\(assets[p.first])-\(assets[p.second])" }
    private func level(_ u: Double) -> String { Fmt.percent(u, decimals: u * 100 == (u * 100).rounded() ? 0 : 1) }

    private var dfText: String {
        let nu = Fmt.fixed(result.degreesOfFreedom, decimals: 2)
        return result.degreesOfFreedomFitted ? "\(nu) (fitted by pseudo-likelihood over [1, 100])" : "\(nu) (given)"
    }

    var table: String {
        var header = ["pair", "τ_b", "ρ"]
        for u in result.levels {
            header += ["emp \(level(u))", "(days)", "t \(level(u))", "Gauss \(level(u))"]
        }
        header.append("λ_L t-copula")
        var t = TextTable(header)
        for p in result.pairs {
            var row = [pairName(p), Fmt.fixed(p.kendallTau, decimals: 3), Fmt.fixed(p.correlation, decimals: 3)]
            for k in result.levels.indices {
                row += [Fmt.fixed(p.empirical[k], decimals: 3) + " ± " + Fmt.fixed(p.empiricalStandardError[k], decimals: 3),
                        "\(p.jointCounts[k])", Fmt.fixed(p.tCopula[k], decimals: 3), Fmt.fixed(p.gaussianCopula[k], decimals: 3)]
            }
            row.append(Fmt.fixed(p.tCopulaLimit, decimals: 3))
            t.append(row)
        }
        var lines = ["lower tail dependence over \(result.observations) days; t-copula ν \(dfText); repair of R: \(result.correlation.repair.summary)",
                     t.rendered]
        lines.append("emp u: C_n(u,u)/u, the share of days with both pseudo-observations (rank/(T+1)) ≤ u, over u, ± its binomial SE; (days): how many")
        lines.append("t u, Gauss u: C(u,u)/u of the fitted t and Gaussian copulas with ρ = sin(πτ_b/2); λ_L t-copula: its limit 2 t_{ν+1}(−√((ν+1)(1−ρ)/(1+ρ))) as u → 0 (Gaussian: 0)")
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("estimator", .string(PairTailDependence.estimatorDescription)),
            ("levels", .numbers(result.levels)), ("observations", .integer(result.observations)),
            ("df", .number(result.degreesOfFreedom)), ("df_fitted", .bool(result.degreesOfFreedomFitted)),
            ("repair", result.correlation.repair.json),
            ("pairs", .array(result.pairs.map { p in
                .object([
                    ("assets", .strings([assets[p.first], assets[p.second]])),
                    ("kendall_tau", .number(p.kendallTau)), ("correlation", .number(p.correlation)),
                    ("empirical", .numbers(p.empirical)), ("empirical_se", .numbers(p.empiricalStandardError)),
                    ("joint_days", .array(p.jointCounts.map { .integer($0) })),
                    ("t_copula", .numbers(p.tCopula)), ("gaussian_copula", .numbers(p.gaussianCopula)),
                    ("t_copula_lambda", .number(p.tCopulaLimit)),
                ])
            })),
        ])
    }

    /// One row per pair and level: `asset1,asset2,kendall_tau,correlation,df,u,joint_days,empirical,empirical_se,t_copula,gaussian_copula,t_copula_lambda`.
    var columns: [ReportColumn<(pair: PairTailDependence.Pair, level: Int)>] {
        let assets = self.assets, result = self.result
        return [
            .text("asset1") { assets[$0.pair.first] },
            .text("asset2") { assets[$0.pair.second] },
            .number("kendall_tau") { $0.pair.kendallTau },
            .number("correlation") { $0.pair.correlation },
            .number("df") { _ in result.degreesOfFreedom },
            .number("u") { result.levels[$0.level] },
            .integer("joint_days") { $0.pair.jointCounts[$0.level] },
            .number("empirical") { $0.pair.empirical[$0.level] },
            .number("empirical_se") { $0.pair.empiricalStandardError[$0.level] },
            .number("t_copula") { $0.pair.tCopula[$0.level] },
            .number("gaussian_copula") { $0.pair.gaussianCopula[$0.level] },
            .number("t_copula_lambda") { $0.pair.tCopulaLimit },
        ]
    }

    var csv: String {
        ReportTable(columns, rows: result.pairs.flatMap { p in result.levels.indices.map { (p, $0) } }).csv
    }

    /// `json` with this report's object appended as `tail_dependence`.
    func appended(to document: JSONValue) -> JSONValue {
        guard case var .object(pairs) = document else { return document }
        pairs.append(("tail_dependence", json))
        return .object(pairs)
    }
}
