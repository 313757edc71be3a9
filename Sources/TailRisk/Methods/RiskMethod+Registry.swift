/// The registry of risk-measure methods: each `RiskMethod` id mapped to its one
/// implementation (the only switch over `RiskMethod` in the library's method code),
/// and the questions every caller asks of a set of methods, answered from their
/// declared requirements.
///
/// Adding a method: one file with a type conforming to `RiskMeasureMethod`, one
/// case in `RiskMethod`, one line here; `var` and `backtest` then both run it.
extension RiskMethod {
    /// The method's implementation.
    public var implementation: any RiskMeasureMethod {
        switch self {
        case .historical: return HistoricalMethod()
        case .normal: return NormalMethod()
        case .cornishFisher: return CornishFisherMethod()
        case .fhs: return FilteredHistoricalMethod()
        case .monteCarlo: return MonteCarloMethod()
        }
    }

    /// The method's id in outputs under `spec` (`fhs-garch`, `monte-carlo-t`, …).
    public func id(_ spec: RiskModelSpec) -> String { implementation.id(spec) }

    /// What the method reads under `spec`.
    public func requirements(_ spec: RiskModelSpec) -> RiskMethodRequirements {
        implementation.requirements(spec)
    }

    /// The union of what `methods` read under `spec`.
    /// - Complexity: O(methods).
    public static func requirements(of methods: [RiskMethod], spec: RiskModelSpec) -> RiskMethodRequirements {
        methods.reduce(into: RiskMethodRequirements()) { $0.formUnion($1.requirements(spec)) }
    }

    /// The volatility filter in force when one of `methods` reads a filter under `spec`
    /// (`spec.effectiveFilter`: the one given, or ewma(0.94)); `nil` when none reads one.
    /// This is what outputs record as the run's filter.
    public static func filterRead(by methods: [RiskMethod], spec: RiskModelSpec) -> VolatilityFilterSpec? {
        requirements(of: methods, spec: spec).contains(.filter) ? spec.effectiveFilter : nil
    }
}

extension RiskAnalysis.Settings {
    /// The volatility filter one of the methods reads (`RiskMethod.filterRead`), or `nil`.
    public var filterRead: VolatilityFilterSpec? { RiskMethod.filterRead(by: methods, spec: model) }
}

extension BacktestAnalysis.Settings {
    /// The volatility filter one of the methods backtested reads, or `nil`; under
    /// `compareAll` the settings' filter (fhs and the Monte Carlo fhs law run then).
    public var filterRead: VolatilityFilterSpec? {
        compareAll ? model.effectiveFilter : RiskMethod.filterRead(by: methods, spec: model)
    }
}
