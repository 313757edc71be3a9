/// The typed model part of a run: estimator, EWMA decay, mean convention,
/// innovation law with its parameters, volatility filter and copula tails.
///
/// Every field is optional: `nil` leaves the command's default (sample,
/// λ = 0.94, the sample mean, normal, the law's default filter, empirical
/// tails). A run file decodes into it, each command's flags fill it, and a
/// layer on top (`overlaid(by:)`) wins field by field, so a flag overrides a
/// file. `spec()` gives the `RiskModelSpec` that `RiskModel.fit` reads: the law
/// stays typed from the flag or key to the model (no names in between).
/// Ranges of the law's parameters are checked by `validate()`, after the last
/// layer, so that a flag may repair a file's value.
public struct ModelChoices: Codable, Sendable, Equatable {
    public var estimator: CovarianceEstimator?
    /// EWMA decay of the `ewma` covariance estimator.
    public var lambda: Double?
    public var zeroMean: Bool?
    public var law: InnovationLaw?
    public var filter: VolatilityFilterSpec?
    public var tails: MarginalTails?

    public init(estimator: CovarianceEstimator? = nil, lambda: Double? = nil, zeroMean: Bool? = nil,
                law: InnovationLaw? = nil, filter: VolatilityFilterSpec? = nil, tails: MarginalTails? = nil) {
        self.estimator = estimator
        self.lambda = lambda
        self.zeroMean = zeroMean
        self.law = law
        self.filter = filter
        self.tails = tails
    }

    /// These choices with every field `top` sets in place of this one's.
    /// - Complexity: O(1).
    public func overlaid(by top: ModelChoices) -> ModelChoices {
        ModelChoices(estimator: top.estimator ?? estimator, lambda: top.lambda ?? lambda,
                     zeroMean: top.zeroMean ?? zeroMean, law: top.law ?? law, filter: top.filter ?? filter,
                     tails: top.tails ?? tails)
    }

    /// The model spec, with the defaults for what is unset.
    public func spec() -> RiskModelSpec {
        RiskModelSpec(estimator: estimator ?? .sample, lambda: lambda ?? EWMACovariance.riskMetricsLambda,
                      zeroMean: zeroMean ?? false, law: law ?? .normal, filter: filter, tails: tails ?? .empirical)
    }

    /// Checks the law's parameters (t: `ν > 2` and finite; t-copula: `0 < ν ≤ 10⁶`),
    /// that gpd tails go with a copula, and λ in (0, 1).
    /// - Throws: `.invalidParameter` naming `.degreesOfFreedom`, `.skew`, `.marginalTails` or `.covarianceDecay`.
    public func validate() throws {
        switch law {
        case let .studentT(nu)?:
            guard nu > 2 && nu.isFinite else {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: InnovationLaw.degreesOfFreedomMessage(nu))
            }
        case let .tCopula(nu?)?:
            if let problem = InnovationLaw.copulaDegreesOfFreedomProblem(nu) {
                throw TailRiskError.invalidParameter(.degreesOfFreedom, message: problem)
            }
        case let .skewT(nu, lambda)?:
            _ = try InnovationLaw.parse("skew-t", degreesOfFreedom: nu, skew: lambda)
        default: break
        }
        if tails == .gpd, !(law ?? .normal).isCopula {
            throw TailRiskError.invalidParameter(.marginalTails, message: "gpd needs --dist t-copula or gaussian-copula")
        }
        if let lambda, !(lambda > 0 && lambda < 1) {
            throw TailRiskError.invalidParameter(.covarianceDecay, message: "must lie strictly between 0 and 1, got \(lambda)")
        }
    }
}

extension InnovationLaw {
    /// The law a layer of settings names over `base` (a file's law, or `nil`), without range checks:
    /// `name` (as `parse` reads it) replaces the base's law, `degreesOfFreedom` its `ν`, and `fit`
    /// asks for the t-copula's `ν` fitted. A `ν` alone keeps the base's law (t, t-copula) and is
    /// dropped by a law that has none; with no base and no name the law stays unset (`nil`, normal).
    /// `ν` defaults to 5 (the base's when it has one).
    /// - Throws: `.invalidParameter(.distribution)` for an unknown name, `.invalidParameter(.degreesOfFreedom)` for `fit`
    ///   with another law than the t-copula.
    /// - Complexity: O(length of `name`).
    public static func layered(name: String?, degreesOfFreedom: Double?, fit: Bool = false, skew: Double? = nil,
                               over base: InnovationLaw?) throws -> InnovationLaw? {
        let baseNu: Double?? = {
            switch base {
            case let .studentT(nu)?: return .some(nu)
            case let .tCopula(nu)?: return .some(nu)
            case let .skewT(nu, _)?: return .some(nu)
            default: return .none
            }
        }()
        let baseSkew: Double? = { if case let .skewT(_, lambda)? = base { return lambda } else { return nil } }()
        guard let name else {
            guard let base else {
                if fit { throw TailRiskError.invalidParameter(.degreesOfFreedom, message: "fit is only for --dist t-copula, not 'normal'") }
                return nil
            }
            return try layered(name: base.name, degreesOfFreedom: degreesOfFreedom ?? baseNu.flatMap { $0 },
                               fit: fit || (degreesOfFreedom == nil && base == .tCopula(degreesOfFreedom: nil)),
                               skew: skew ?? baseSkew, over: nil)
        }
        let lower = name.lowercased()
        let canonical = ["student-t": "t", "studentt": "t"][lower] ?? lower
        let nu = degreesOfFreedom ?? (base?.name == canonical ? baseNu.flatMap { $0 } : nil) ?? 5
        if fit, canonical != "t-copula" {
            throw TailRiskError.invalidParameter(.degreesOfFreedom, message: "fit is only for --dist t-copula, not '\(name)'")
        }
        let lambda = skew ?? (base?.name == canonical ? baseSkew : nil)
        if lambda != nil, InnovationLaw.entry(named: canonical)?.parameters.contains("skew") != true {
            throw TailRiskError.invalidParameter(.skew, message: "goes with --dist skew-t, not '\(name)'")
        }
        switch canonical {
        case "t": return .studentT(degreesOfFreedom: nu)
        case "t-copula": return .tCopula(degreesOfFreedom: fit ? nil : nu)
        default: return try parse(name, degreesOfFreedom: nu, skew: lambda)
        }
    }
}

extension VolatilityFilterSpec {
    /// The filter a layer of settings names over `base`: a `name` replaces the base's filter (with
    /// `lambda` for ewma), a `lambda` alone sets the decay of an ewma base (or makes one); neither keeps
    /// the base.
    /// - Throws: as `parse(name:lambda:)`; `.invalidParameter(.filterDecay)` for a decay alone over
    ///   a garch or none base.
    public static func layered(name: String?, lambda: Double?, over base: VolatilityFilterSpec?) throws -> VolatilityFilterSpec? {
        if name == nil, lambda != nil, let base, base.lambda == nil {
            throw TailRiskError.invalidParameter(.filterDecay, message: "goes with the filter ewma, not \(base.name)")
        }
        return try parse(name: name, lambda: lambda) ?? base
    }
}

/// The model's types as `Codable` values, in the spelling of the run files and
/// the outputs: an estimator, tails, P&L or variance reduction by its name; a law
/// as `{name: t, df: 4}` (`InnovationLaw+Codable.swift`); a filter as
/// `{name: ewma, lambda: 0.94}` (`VolatilityFilterSpec+Codable.swift`). Decoding checks names,
/// not ranges (`ModelChoices.validate`, `RiskModel.fit`).
extension CovarianceEstimator: Codable {}
extension MarginalTails: Codable {}
extension PnLModel: Codable {}

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
