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
            throw TailRiskError.invalidOption(option: "--liquidation-bonus", message: "must lie in [0, 1), got \(bonus)")
        }
        for (asset, lt) in zip(assets, thresholds) {
            guard lt >= 0 && lt <= 1 else {
                throw TailRiskError.invalidOption(option: "--lt", message: "the threshold of \(asset) must lie in [0, 1], got \(lt)")
            }
            guard lt * (1 + bonus) <= 1 + 1e-12 else {
                throw TailRiskError.invalidOption(option: "--lt", message: "\(asset): LT \(lt) × (1 + bonus \(bonus)) exceeds 1 "
                    + "(a liquidation would seize more than the collateral backs; Aave requires LT(1 + β) ≤ 1)")
            }
        }
        guard dust >= 0 && dust.isFinite else {
            throw TailRiskError.invalidOption(option: "--dust", message: "must be a non-negative amount, got \(dust)")
        }
        try Limits.check(maxRounds, atMost: 1_000_000, option: "--max-rounds")
        if let o = oracle {
            guard o.deviation >= 0 && o.deviation < 1 else {
                throw TailRiskError.invalidOption(option: "--oracle-deviation", message: "must lie in [0, 1), got \(o.deviation)")
            }
            if let h = o.heartbeat {
                try Limits.check(h, atMost: 1_000_000, option: "--oracle-heartbeat")
            }
        }
        if let b = breaker {
            guard b > 0 && b < 1 else {
                throw TailRiskError.invalidOption(option: "--breaker", message: "must lie in (0, 1), got \(b)")
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

/// How deep each market is for the cascade's forced sales (methods.md §5 and
/// §9): after `Q_a` units of asset `a` have been sold in total,
/// `P_a = P_a⁰ exp(−Y_a σ_a √(Q_a / ADV_a))`, with `σ_a` the daily volatility
/// of the fitted model relative to the debt asset, `ADV_a` in units per day
/// and `Y_a` from the liquidity file's `y` column (default 1). An asset
/// without depth (no liquidity file) sells without impact.
public struct MarketDepth: Sendable, Equatable {
    public let assets: [String]
    public let volatility: [Double]
    /// `nil`: no impact for that asset.
    public let adv: [Double?]
    public let impact: [Double]

    public init(assets: [String], volatility: [Double], adv: [Double?], impact: [Double]) {
        precondition(volatility.count == assets.count && adv.count == assets.count && impact.count == assets.count,
                     "one depth per asset")
        self.assets = assets
        self.volatility = volatility
        self.adv = adv
        self.impact = impact
    }

    /// No price impact at all.
    public static func none(assets: [String]) -> MarketDepth {
        MarketDepth(assets: assets, volatility: assets.map { _ in 0 }, adv: assets.map { _ in nil }, impact: assets.map { _ in 0 })
    }

    /// The depth of `assets` from the model's daily volatilities and a liquidity
    /// table (`nil`: no impact). Throws for an asset without a row, naming the file.
    public static func make(assets: [String], dailyVolatility: [Double], liquidity: LiquidityTable?) throws -> MarketDepth {
        guard let liquidity else { return .none(assets: assets) }
        var adv: [Double?] = []
        var impact: [Double] = []
        for asset in assets {
            guard let e = liquidity[asset] else {
                throw TailRiskError.file(path: liquidity.source, line: nil, column: nil,
                                         message: "no row for collateral asset '\(asset)' (the cascade's price impact needs one per asset)")
            }
            adv.append(e.adv)
            impact.append(e.y)
        }
        return MarketDepth(assets: assets, volatility: dailyVolatility, adv: adv, impact: impact)
    }

    /// `exp(−Y σ √(Q / ADV))`, the price factor after `sold` units in total.
    @inline(__always)
    public func priceFactor(asset a: Int, sold: Double) -> Double {
        guard let v = adv[a], sold > 0 else { return 1 }
        return exp(-impact[a] * volatility[a] * (sold / v).squareRoot())
    }

    /// Whether any asset has a price impact.
    public var hasImpact: Bool { adv.indices.contains { adv[$0] != nil && impact[$0] > 0 && volatility[$0] > 0 } }
}
