/// The law registry (issue 22): everything the rest of TailRisk says about an
/// innovation law, declared once, in the law's own file, as a `LawEntry`.
///
/// `InnovationLaw` (the typed spec of a law, `Codable` as `{"name": …, "df": …, "skew": …}`)
/// reads its name, method id, parameters, mean treatment, parsing and fitting from its
/// entry, so a new law costs its file (the `ScenarioLaw` and its `entry`), an enum case,
/// one line in `InnovationLaw.registry` and one in `InnovationLaw.entry`, and its test;
/// the conformance suite (`LawConformanceTests`) then runs it through every check.
public struct LawEntry: Sendable {
    /// The name used in outputs, flags (`--dist`), policy and run files.
    public let name: String
    /// Other spellings `parse` accepts (e.g. `student-t` for `t`).
    public let aliases: [String]
    /// The method id of a Monte Carlo run under the law (`monte-carlo-t`).
    public let methodID: String
    /// The parameters the law reads, as their JSON keys (`df`, `skew`).
    public let parameters: [String]
    /// One line for `--help` and the README.
    public let summary: String
    /// Whether the law has a mean parameter (so `--zero-mean` changes it).
    public let readsMean: Bool
    /// Whether the law draws from the history itself (and carries its drift).
    public let drawsHistory: Bool
    /// Whether the law always reads a volatility filter (fhs).
    public let usesFilter: Bool
    /// Whether the law is a copula over empirical marginals.
    public let isCopula: Bool
    /// The law from its parameters; throws the parameter's problem.
    let make: @Sendable (LawArguments) throws -> InnovationLaw
    /// The law's parameter values, keyed as `parameters` (`nil`: to be fitted).
    let values: @Sendable (InnovationLaw) -> [Double?]
    /// The fitted scenario law holding its data.
    let fit: @Sendable (InnovationLaw, LawInputs) throws -> any ScenarioLaw

    init(name: String, aliases: [String] = [], methodID: String, parameters: [String] = [], summary: String,
         readsMean: Bool, drawsHistory: Bool, usesFilter: Bool = false, isCopula: Bool = false,
         make: @escaping @Sendable (LawArguments) throws -> InnovationLaw,
         values: @escaping @Sendable (InnovationLaw) -> [Double?] = { _ in [] },
         fit: @escaping @Sendable (InnovationLaw, LawInputs) throws -> any ScenarioLaw) {
        (self.name, self.aliases, self.methodID, self.parameters, self.summary) = (name, aliases, methodID, parameters, summary)
        (self.readsMean, self.drawsHistory, self.usesFilter, self.isCopula) = (readsMean, drawsHistory, usesFilter, isCopula)
        (self.make, self.values, self.fit) = (make, values, fit)
    }
}

/// The parameters given for a law, by name (`df`, `skew`); `nil` when absent.
public struct LawArguments: Sendable, Equatable {
    /// `ν` (`df`).
    public var degreesOfFreedom: Double?
    /// `df: fit` (the t-copula's `ν` to be fitted).
    public var fitDegreesOfFreedom: Bool
    /// `λ` (`skew`).
    public var skew: Double?

    public init(degreesOfFreedom: Double? = nil, fitDegreesOfFreedom: Bool = false, skew: Double? = nil) {
        self.degreesOfFreedom = degreesOfFreedom
        self.fitDegreesOfFreedom = fitDegreesOfFreedom
        self.skew = skew
    }
}

/// What a law is fitted from: the model's daily mean and covariance factor, the history,
/// the filter fits (fhs) and the fits a copula reads its marginals from.
public struct LawInputs {
    public var mean: [Double]
    public var factor: Matrix
    public var history: Matrix
    public var filters: [FilterFit]?
    public var filterName: String
    public var copulaFits: [FilterFit]?
    public var copulaFilterName: String
    public var tails: MarginalTails
}

extension InnovationLaw {
    /// Every law, in the order error messages and `--help` list them.
    public static let registry: [LawEntry] = [
        NormalLaw.entry, StudentTLaw.entry, BootstrapLaw.entry, FilteredHistoricalLaw.entry,
        TCopulaLaw.entry, GaussianCopulaLaw.entry, SkewStudentTLaw.entry,
    ]

    /// This law's registry entry.
    public var entry: LawEntry {
        switch self {
        case .normal: return NormalLaw.entry
        case .studentT: return StudentTLaw.entry
        case .bootstrap: return BootstrapLaw.entry
        case .fhs: return FilteredHistoricalLaw.entry
        case .tCopula: return TCopulaLaw.entry
        case .gaussianCopula: return GaussianCopulaLaw.entry
        case .skewT: return SkewStudentTLaw.entry
        }
    }

    /// The registry entry called `name` or one of its aliases (case-insensitive).
    public static func entry(named name: String) -> LawEntry? {
        let key = name.lowercased()
        return registry.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The law's parameters as `(key, value)` pairs, in the entry's order (`nil`: fitted).
    public var parameterValues: [(key: String, value: Double?)] {
        Array(zip(entry.parameters, entry.values(self))).map { (key: $0.0, value: $0.1) }
    }
}
