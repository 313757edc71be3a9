/// The model's types as `Codable` values, in the spelling of the run files and
/// the outputs: an estimator, tails, P&L or variance reduction by its name; a law
/// as `{name: t, df: 4}` (`df` only for t and the t-copula, absent for a fitted
/// copula `ν`); a filter as `{name: ewma, lambda: 0.94}`. Decoding checks names,
/// not ranges (`ModelChoices.validate`, `RiskModel.fit`).
extension CovarianceEstimator: Codable {}
extension MarginalTails: Codable {}
extension PnLModel: Codable {}

extension InnovationLaw: Codable {
    private enum Keys: String, CodingKey { case name, df }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let name = try c.decode(String.self, forKey: .name)
        let df = try c.decodeIfPresent(Double.self, forKey: .df)
        do {
            // A copula without `df` is the fitted one.
            let fit = name.lowercased() == "t-copula" && df == nil
            self = try InnovationLaw.layered(name: name, degreesOfFreedom: df, fit: fit, over: nil) ?? .normal
        } catch let TailRiskError.invalidOption(_, message) {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        switch self {
        case let .studentT(nu): try c.encode(nu, forKey: .df)
        case let .tCopula(nu?): try c.encode(nu, forKey: .df)
        default: break
        }
    }
}

extension VolatilityFilterSpec: Codable {
    private enum Keys: String, CodingKey { case name, lambda }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let name = try c.decode(String.self, forKey: .name)
        do {
            guard let spec = try VolatilityFilterSpec.parse(name: name, lambda: c.decodeIfPresent(Double.self, forKey: .lambda))
            else { throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "no filter") }
            self = spec
        } catch let TailRiskError.invalidOption(_, message) {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(lambda, forKey: .lambda)
    }
}

extension RiskModelSpec: Codable {
    /// Every key is optional on decoding, with `ModelChoices`' defaults.
    public init(from decoder: Decoder) throws {
        self = try ModelChoices(from: decoder).spec()
    }

    public func encode(to encoder: Encoder) throws {
        try ModelChoices(estimator: estimator, lambda: lambda, zeroMean: zeroMean, law: law, filter: filter,
                         tails: tails).encode(to: encoder)
    }
}
