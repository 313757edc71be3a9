/// Everything that determines a haircut run besides the price data: the risk
/// measure, horizon, protocol parameters, floors and the basket.
///
/// The defaults are the library's; a policy file (`read(path:)`) overrides
/// them, and the CLI overrides the file with the flags the user typed (every
/// field is a `var`). Fields that default to `nil` (estimator, distribution,
/// degrees of freedom, filter, scenarios, seed) are resolved by the risk engine's own
/// defaults. Call `validate()` after the last override.
public struct HaircutPolicy: Sendable, Equatable {
    /// Which loss measure a haircut is.
    public enum Measure: String, Sendable, CaseIterable {
        /// Expected Shortfall (default: coherent, and sees the tail beyond VaR).
        case es
        /// Value at Risk (Basel's own-estimate haircuts are 99% one-tailed VaR).
        case `var`
    }

    /// How a multi-step horizon is reached (methods.md §1).
    public enum HorizonMethod: String, Sendable, CaseIterable {
        /// Simulate `h`-step returns directly.
        case simulate
        /// Scale the one-step figure by `√h` (understates risk under jumps).
        case sqrt
    }

    /// A stressed calibration period, written `FROM:TO` (ISO dates, inclusive).
    public struct StressWindow: Sendable, Equatable, CustomStringConvertible {
        public let from: Day
        public let to: Day

        public init(from: Day, to: Day) {
            self.from = from
            self.to = to
        }

        /// Parses `YYYY-MM-DD:YYYY-MM-DD`; a malformed text throws
        /// `invalidOption(option: "--stress-window", …)`.
        public init(parsing text: String) throws {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let from = Day(iso: parts[0]), let to = Day(iso: parts[1]) else {
                throw TailRiskError.invalidOption(
                    option: "--stress-window", message: "expected FROM:TO with ISO dates (YYYY-MM-DD:YYYY-MM-DD), got '\(text)'")
            }
            self.init(from: from, to: to)
        }

        /// `FROM:TO`.
        public var description: String { "\(from):\(to)" }
    }

    /// One collateral position: units of an asset.
    public struct Position: Sendable, Equatable {
        public let asset: String
        public let quantity: Double

        public init(asset: String, quantity: Double) {
            self.asset = asset
            self.quantity = quantity
        }
    }

    /// Confidence level `c` of the measure (Basel: 99%).
    public var confidence = 0.99
    public var measure = Measure.es
    /// Margin period of risk in steps of the aligned price table (1 = one day's row).
    public var horizon = 1
    public var horizonMethod = HorizonMethod.simulate
    /// Liquidation bonus `β` paid to a liquidator (Aave lists 4.5–10%; 5% here).
    public var liquidationBonus = 0.05
    /// Gap between liquidation threshold and LTV (Aave's gaps are 2.5–5 points;
    /// the conservative end, 5 points, by default).
    public var ltvBuffer = 0.05
    /// Liquidation thresholds per asset (`lt:`, `--lt`), read by `stress` (the
    /// HF along a replay, and the thresholds of `--accounts` cascades); `haircut` ignores them.
    public var liquidationThresholds: [String: Double] = [:]
    /// Share `κ` of the diversification offset credited (EMIR art. 27: at most 80%).
    public var diversificationCredit = Haircuts.defaultDiversificationCredit
    /// Minimum standalone haircut per asset, as fractions.
    public var floors: [String: Double] = [:]
    /// Path of the liquidity CSV (`asset,adv,spread`), if any.
    public var liquidity: String?
    public var stressWindow: StressWindow?
    /// Weight `w` of the stressed covariance (EMIR art. 28: at least 25%).
    public var stressWeight: Double?
    /// Covariance estimator name (resolved by the engine when `nil`).
    public var estimator: String?
    /// Scenario distribution name (resolved by the engine when `nil`).
    public var distribution: String?
    /// Student-t degrees of freedom `ν > 2` (the t-copula's: `0 < ν ≤ 10⁶`).
    public var degreesOfFreedom: Double?
    /// Skew `λ ∈ (−1, 1)` of `dist: skew-t` (`--skew`).
    public var skew: Double?
    /// `df: fit` (`--df fit`): the t-copula's `ν` fitted by pseudo-likelihood (`degreesOfFreedom` unset).
    public var fitDegreesOfFreedom = false
    /// Marginal tails of the copula laws (`--tails`): `empirical` (when `nil`) or `gpd`.
    public var tails: String?
    /// Volatility filter of `dist: fhs` (`none`, `ewma`, `garch`; ewma when `nil`).
    public var filter: String?
    /// EWMA decay of the ewma filter (0.94 when `nil`).
    public var filterLambda: Double?
    public var scenarios: Int?
    public var seed: UInt64?
    /// The price currency.
    public var currency = "USD"
    /// The asset the debt is owed in (the numéraire); `nil` means the currency.
    public var debtAsset: String?
    /// The debt `D`, in units of the debt asset.
    public var debtAmount: Double?
    /// The basket, in file order.
    public var collateral: [Position] = []

    public init() {}

    /// Checks every field; the error names the flag that sets it.
    ///
    /// Ranges: confidence in (0, 1); horizon ≥ 1; liquidation bonus in [0, 1);
    /// LTV buffer in [0, 1); liquidation thresholds in [0, 1]; diversification credit, floors and stress weight
    /// in [0, 1]; a stress weight needs a stress window that does not end
    /// before it starts; df finite and > 2; a filter named none, ewma or garch with
    /// a decay in (0, 1) for ewma only, and only with the fhs law (the only one that
    /// reads a filter); scenarios ≥ 1; debt and quantities > 0; no asset twice in the basket.
    /// NaN fails every check.
    public func validate() throws {
        try Self.require(confidence > 0 && confidence < 1, "--confidence",
                         "must lie strictly between 0 and 1, got \(confidence)")
        try Self.require(horizon >= 1, "--horizon", "must be at least 1 step, got \(horizon)")
        try Self.require(horizon <= Limits.horizon, "--horizon", "must be at most \(Limits.horizon) steps, got \(horizon)")
        try Self.require(liquidationBonus >= 0 && liquidationBonus < 1, "--liquidation-bonus",
                         "must lie in [0, 1), got \(liquidationBonus)")
        try Self.require(ltvBuffer >= 0 && ltvBuffer < 1, "--ltv-buffer", "must lie in [0, 1), got \(ltvBuffer)")
        try Self.require(diversificationCredit >= 0 && diversificationCredit <= 1, "--diversification-credit",
                         "must lie in [0, 1], got \(diversificationCredit)")
        for (asset, lt) in liquidationThresholds.sorted(by: { $0.key < $1.key }) {
            try Self.require(lt >= 0 && lt <= 1, "--lt", "the threshold of \(asset) must lie in [0, 1], got \(lt)")
        }
        for (asset, floor) in floors.sorted(by: { $0.key < $1.key }) {
            try Self.require(floor >= 0 && floor <= 1, "--floor", "the floor of \(asset) must lie in [0, 1], got \(floor)")
        }
        if let window = stressWindow {
            try Self.require(window.from <= window.to, "--stress-window", "starts after it ends (\(window))")
        }
        if let w = stressWeight {
            try Self.require(w >= 0 && w <= 1, "--stress-weight", "must lie in [0, 1], got \(w)")
            try Self.require(stressWindow != nil, "--stress-weight", "needs a stress window (--stress-window FROM:TO)")
        }
        try validateCopula()
        if let df = degreesOfFreedom, !isCopulaLaw {
            try Self.require(df > 2 && df.isFinite, "--df", InnovationLaw.degreesOfFreedomMessage(df))
        }
        try validateFilter()
        if let n = scenarios {
            try Self.require(n >= 1, "--scenarios", "must be at least 1, got \(n)")
            try Self.require(n <= Limits.scenarios, "--scenarios", "must be at most \(Limits.scenarios), got \(n)")
        }
        if let d = debtAmount { try Self.require(d > 0 && d.isFinite, "--debt", "must be positive, got \(d)") }
        var seen = Set<String>()
        for p in collateral {
            try Self.require(seen.insert(p.asset).inserted, "--collateral", "lists \(p.asset) twice")
            try Self.require(p.quantity > 0 && p.quantity.isFinite, "--collateral",
                             "the quantity of \(p.asset) must be positive, got \(p.quantity)")
        }
    }

    /// The filter named by `filter` and `filterLambda` (`nil`: the model's default, ewma(0.94)).
    /// - Throws: as `VolatilityFilterSpec.parse`.
    public func filterSpec() throws -> VolatilityFilterSpec? {
        try VolatilityFilterSpec.parse(name: filter, lambda: filterLambda)
    }

    /// A filter is read by the fhs law alone, and fhs with no filter is the bootstrap.
    private func validateFilter() throws {
        let spec = try filterSpec()
        guard let spec else { return }
        let option = filter != nil ? "--filter" : "--filter-lambda"
        // An unknown law is refused where the law is read (`--dist`), not here.
        guard let law = try? InnovationLaw.parse(distribution ?? "normal", degreesOfFreedom: degreesOfFreedom ?? 5, skew: skew) else {
            return
        }
        try Self.require(law.usesFilter || law.isCopula, option,
                         "\(spec.name) applies to --dist fhs and the copulas only; the \(law.name) law reads no filter")
        try Self.require(spec != .none, option, "fhs with the filter none resamples the raw history: use --dist bootstrap")
    }

    /// Whether `dist` names a copula law (`t-copula`, `gaussian-copula`).
    var isCopulaLaw: Bool {
        ["t-copula", "gaussian-copula"].contains((distribution ?? "normal").lowercased())
    }

    /// `df: fit` only with the t-copula, whose `ν` must be finite and positive; `tails` one of
    /// empirical, gpd, and gpd only with a copula.
    private func validateCopula() throws {
        let tCopula = (distribution ?? "normal").lowercased() == "t-copula"
        if fitDegreesOfFreedom {
            try Self.require(tCopula, "--df", "fit is only for --dist t-copula, not '\(distribution ?? "normal")'")
        }
        if tCopula, let df = degreesOfFreedom {
            let problem = InnovationLaw.copulaDegreesOfFreedomProblem(df)
            try Self.require(problem == nil, "--df", problem ?? "")
        }
        if let tails {
            guard let t = MarginalTails(rawValue: tails.lowercased()) else {
                let known = MarginalTails.allCases.map(\.rawValue).joined(separator: ", ")
                throw TailRiskError.invalidOption(option: "--tails", message: "'\(tails)' is not one of \(known)")
            }
            try Self.require(t == .empirical || isCopulaLaw, "--tails", "gpd needs --dist t-copula or gaussian-copula")
        }
    }

    /// The copulas' marginal tails (`empirical` unless `tails` says gpd).
    public func marginalTails() throws -> MarginalTails {
        try validateCopula()
        return tails.flatMap { MarginalTails(rawValue: $0.lowercased()) } ?? .empirical
    }

    private static func require(_ condition: Bool, _ option: String, _ message: @autoclosure () -> String) throws {
        if !condition { throw TailRiskError.invalidOption(option: option, message: message()) }
    }
}
