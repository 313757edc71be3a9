import TailRisk

/// The JSON of a model's parts that several reports share: the volatility
/// filter, the copula and the model-risk check.
enum ModelJSON {
    /// `{reference, reference_es, model_es, ratio, historical_es, fhs_es, note}` when
    /// the check fires, else `null` (README Conventions).
    static func modelRisk(_ check: ModelRiskCheck?) -> JSONValue {
        guard let check, check.fires, let reference = check.reference, let ratio = check.ratio else { return .null }
        return .object([
            ("reference", .string(reference.rawValue)), ("reference_es", .optional(check.referenceES)),
            ("model_es", .number(check.modelES)), ("ratio", .number(ratio)),
            ("historical_es", .optional(check.historicalES)), ("fhs_es", .optional(check.fhsES)),
            ("note", .string(check.note)),
        ])
    }

    /// `{name, lambda}` of the filter in force, with today's volatility `σ_{T+1}`
    /// of each asset and the GARCH parameters when the fits are at hand; `null`
    /// without a filter.
    static func filter(_ spec: VolatilityFilterSpec?, fits: [FilterFit]? = nil, assets: [String] = []) -> JSONValue {
        guard let spec else { return .null }
        var pairs: [(String, JSONValue)] = [("name", .string(spec.name)), ("lambda", .optional(spec.lambda))]
        if let fits, fits.count == assets.count {
            pairs.append(("volatility", .object(zip(assets, fits).map { ($0.0, .number($0.1.next)) })))
            if fits.allSatisfy({ $0.garch != nil }) {
                pairs.append(("garch", .object(zip(assets, fits).map { asset, fit in
                    let g = fit.garch!
                    return (asset, .object([
                        ("omega", .number(g.parameters.omega)), ("alpha", .number(g.parameters.alpha)),
                        ("beta", .number(g.parameters.beta)),
                    ] + (spec == .gjr ? [("gamma", .number(g.parameters.gamma))] : []) + [
                        ("log_likelihood", .number(g.logLikelihood)),
                        ("active_bounds", .array((g.estimation?.activeBounds ?? []).map { .string($0) })),
                    ]))
                })))
            }
        }
        return .object(pairs)
    }

    /// `{family, df, df_fitted, assets, correlation, kendall_tau, marginals}` of a
    /// t or Gaussian copula law (issue 13), `null` for any other law. `df` is
    /// `null` for the Gaussian copula; each marginal is `{tails: empirical}` or
    /// `{tails: gpd, lower: {threshold, xi, beta, exceedances}, upper: …}`.
    static func copula(_ law: any ScenarioLaw, assets: [String]) -> JSONValue {
        let sampler: CopulaSampler, family: String, df: Double?, dfFitted = (law as? TCopulaLaw)?.degreesOfFreedomFitted ?? false
        if let t = law as? TCopulaLaw {
            (sampler, family, df) = (t.sampler, "t", t.degreesOfFreedom)
        } else if let g = law as? GaussianCopulaLaw {
            (sampler, family, df) = (g.sampler, "gaussian", nil)
        } else {
            return .null
        }
        let matrix: (Matrix) -> JSONValue = { .array($0.rowArrays.map { .numbers($0) }) }
        let names = assets.count == sampler.dimension ? assets : (0..<sampler.dimension).map { "asset\($0 + 1)" }
        let tail: (GeneralizedParetoTail) -> JSONValue = {
            .object([("threshold", .number($0.threshold)), ("xi", .number($0.xi)), ("beta", .number($0.beta)),
                     ("exceedances", .integer($0.exceedances))])
        }
        let marginals: [(String, JSONValue)] = zip(names, sampler.marginals).map { name, m in
            guard let lower = m.lowerTail, let upper = m.upperTail else {
                return (name, .object([("tails", .string("empirical"))]))
            }
            return (name, .object([("tails", .string("gpd")), ("lower", tail(lower)), ("upper", tail(upper))]))
        }
        return .object([
            ("family", .string(family)), ("df", .optional(df)), ("df_fitted", .bool(dfFitted)),
            ("assets", .strings(names)),
            ("correlation", matrix(sampler.correlation.factored.covariance)),
            ("kendall_tau", matrix(sampler.correlation.kendallTau)),
            ("marginals", .object(marginals)),
        ])
    }
}
