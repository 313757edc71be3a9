/// The copula laws of a backtest (issue 13): which specs `--method all` adds, and the
/// copula each one fits on the last forecast day's window, for the record (the JSON's
/// `copulas`, like var's `copula`; every day refits its own).
extension BacktestAnalysis {
    /// One copula law backtested, fitted on the window of the last forecast day.
    public struct LastWindowCopula: Sendable {
        /// The method id (`monte-carlo-t-copula`, `monte-carlo-gaussian-copula`).
        public let method: String
        /// The spec refitted on every window (`law.tCopula(nil)`: ν fitted on each).
        public let spec: RiskModelSpec
        /// The rows `[t − window, t)` of the last forecast day `t`.
        public let rows: Range<Int>
        /// The law fitted there (`TCopulaLaw` or `GaussianCopulaLaw`).
        public let law: any ScenarioLaw
    }

    /// `--method all`'s copulas: the t-copula (ν as `--dist t-copula` gives it, a number or
    /// fit; fitted on each window otherwise) and the Gaussian copula, over the empirical
    /// marginals of the returns, or of the residuals of the settings' filter when the
    /// settings' law is itself a copula (as `--dist t-copula --filter garch`); the
    /// settings' `--tails`.
    public static func copulaSpecs(_ settings: Settings) -> [RiskModelSpec] {
        var nu: Double?
        if case let .tCopula(given) = settings.model.law { nu = given }
        return [InnovationLaw.tCopula(degreesOfFreedom: nu), .gaussianCopula].map { law in
            var spec = settings.model
            spec.law = law
            spec.filter = settings.model.law.isCopula ? settings.model.filter : nil
            return spec
        }
    }

    /// The copula specs this run backtests: `copulaSpecs` under `--method all`, the
    /// settings' own with `--method monte-carlo --dist` a copula, else none.
    static func backtestedCopulaSpecs(_ settings: Settings) -> [RiskModelSpec] {
        if settings.compareAll { return copulaSpecs(settings) }
        return settings.methods.contains(.monteCarlo) && settings.model.law.isCopula ? [settings.model] : []
    }

    /// Each copula spec fitted on the last forecast day's window of `series`.
    /// - Throws: the fit's errors (the backtest already fitted this window, so only if it skipped it).
    /// - Complexity: one copula fit per spec (τ-b O(d² window²), the ν fit when asked).
    static func lastWindowCopulas(_ settings: Settings, series: ReturnSeries) throws -> [LastWindowCopula] {
        let t = series.count - 1
        guard t >= settings.window else { return [] }
        let rows = (t - settings.window)..<t
        let window = series.returns.rows(rows)
        return try backtestedCopulaSpecs(settings).map { spec in
            LastWindowCopula(method: spec.law.monteCarloMethodID, spec: spec, rows: rows,
                             law: try RiskModel.fit(window, spec: spec).law)
        }
    }
}
