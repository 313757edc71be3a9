import Foundation

/// The protocol's liquidation rules for a cascade (methods.md §9, Aave v3):
/// liquidation thresholds per collateral asset, the liquidation bonus `β`,
/// the close factor (0.5 at `HF ≥ 0.95`, else 1), a dust amount below which a
/// debt is not liquidated, the round cap, and the two brakes: an oracle that
/// lags the market and a circuit breaker.
public struct CascadeRules: Sendable, Equatable {
    /// An oracle that updates an asset's price only when the market moved more
    /// than `deviation` (relative) from the last update, or when `heartbeat`
    /// rounds have passed since it (Chainlink's deviation threshold and
    /// heartbeat, with time counted in rounds). HF and liquidations use the
    /// oracle price; bad debt the market price.
    public struct OracleLag: Sendable, Equatable {
        /// Relative deviation `δ ≥ 0` that triggers an update.
        public var deviation: Double
        /// Rounds after which the oracle updates anyway; `nil`: never.
        public var heartbeat: Int?

        public init(deviation: Double, heartbeat: Int? = nil) {
            self.deviation = deviation
            self.heartbeat = heartbeat
        }
    }

    /// `LT_a` per collateral asset of the book, in its order.
    public var thresholds: [Double]
    /// Liquidation bonus `β`: the liquidator seizes `r(1 + β)` for a repayment `r`.
    public var bonus: Double
    /// Debts at or below this amount (numéraire units) are not liquidated.
    public var dust: Double
    /// At most this many rounds (the report says when the cap binds).
    public var maxRounds: Int
    /// The health factor at or above which half the debt is repaid (Aave v3: 0.95).
    public var closeFactorThreshold: Double
    public var oracle: OracleLag?
    /// Liquidations halt for the rest of the run once one round's sales move a
    /// market price by more than this fraction; `nil`: no breaker.
    public var breaker: Double?

    public static let defaultMaxRounds = 1000

    public init(thresholds: [Double], bonus: Double = 0.05, dust: Double = 0, maxRounds: Int = CascadeRules.defaultMaxRounds,
                closeFactorThreshold: Double = 0.95, oracle: OracleLag? = nil, breaker: Double? = nil) {
        self.thresholds = thresholds
        self.bonus = bonus
        self.dust = dust
        self.maxRounds = maxRounds
        self.closeFactorThreshold = closeFactorThreshold
        self.oracle = oracle
        self.breaker = breaker
    }

    /// The largest threshold the bonus allows, `1/(1 + β)` (Aave's `LT(1 + β) ≤ 1`).
    public var largestThreshold: Double { 1 / (1 + bonus) }

    /// Checks every setting, naming the flag: thresholds in `[0, 1/(1 + β)]`, `β` in `[0, 1)`,
    /// dust ≥ 0, a cap in `1 … 10⁶`, a deviation in `[0, 1)`, a heartbeat ≥ 1, a breaker in `(0, 1)`.
    public func validate(assets: [String]) throws {
        precondition(assets.count == thresholds.count, "one threshold per asset")
        guard bonus >= 0 && bonus < 1 else {
            throw TailRiskError.invalidParameter(.liquidationBonus, message: "must lie in [0, 1), got \(bonus)")
        }
        for (asset, lt) in zip(assets, thresholds) {
            guard lt >= 0 && lt <= 1 else {
                throw TailRiskError.invalidParameter(.liquidationThreshold, message: "the threshold of \(asset) must lie in [0, 1], got \(lt)")
            }
            guard lt * (1 + bonus) <= 1 + 1e-12 else {
                throw TailRiskError.invalidParameter(.liquidationThreshold, message: "\(asset): LT \(lt) × (1 + bonus \(bonus)) exceeds 1 "
                    + "(a liquidation would seize more than the collateral backs; Aave requires LT(1 + β) ≤ 1)")
            }
        }
        guard dust >= 0 && dust.isFinite else {
            throw TailRiskError.invalidParameter(.dust, message: "must be a non-negative amount, got \(dust)")
        }
        try Limits.check(maxRounds, atMost: 1_000_000, parameter: .maxRounds)
        if let o = oracle {
            guard o.deviation >= 0 && o.deviation < 1 else {
                throw TailRiskError.invalidParameter(.oracleDeviation, message: "must lie in [0, 1), got \(o.deviation)")
            }
            if let h = o.heartbeat {
                try Limits.check(h, atMost: 1_000_000, parameter: .oracleHeartbeat)
            }
        }
        if let b = breaker {
            guard b > 0 && b < 1 else {
                throw TailRiskError.invalidParameter(.breaker, message: "must lie in (0, 1), got \(b)")
            }
        }
    }

    /// The same rules without the oracle lag and/or the breaker.
    public func without(oracle dropOracle: Bool, breaker dropBreaker: Bool) -> CascadeRules {
        var r = self
        if dropOracle { r.oracle = nil }
        if dropBreaker { r.breaker = nil }
        return r
    }
}
