import TailRisk

/// The JSON of a model's parts that several reports share: the volatility
/// filter and the model-risk check.
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
                        ("beta", .number(g.parameters.beta)), ("log_likelihood", .number(g.logLikelihood)),
                    ]))
                })))
            }
        }
        return .object(pairs)
    }
}
