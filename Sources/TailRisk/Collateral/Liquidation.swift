/// Lending-protocol quantities built on haircuts: liquidity add-on, liquidation
/// threshold, loan-to-value, health factor and what happens at liquidation
/// (methods.md §5).
///
/// Collateral values `C_i` and the debt `D` must be in one unit (the debt asset).
public enum Liquidation {
    /// A liquidation threshold after clamping to `[0, 1/(1 + β)]`.
    public struct Threshold: Sendable, Equatable {
        /// The clamped threshold.
        public let value: Double
        /// `(1 − h − s)/(1 + β)` before clamping.
        public let unclamped: Double
        /// Whether the clamp changed the value: below 0 when the haircut and
        /// add-on exceed 1, above `1/(1 + β)` when the haircut is negative (an
        /// asset that hedges the basket under allocated haircuts).
        public var clampBinds: Bool { value != unclamped }
    }

    /// Square-root market-impact liquidity add-on plus half the bid–ask spread:
    /// `s = Y σ √(q / ADV) + spread / 2`, `σ` the daily volatility of the asset's
    /// return, `q` the quantity to sell and `ADV` the average daily volume in the
    /// same units, `Y ≈ 1` (Almgren et al. 2005; Tóth et al. 2011, "Anomalous
    /// price impact and the critical nature of liquidity").
    ///
    /// Check value: `Y = 1`, `σ = 4%`, `q/ADV = 0.1` gives 1.2649% (no spread).
    /// - Precondition: `quantity ≥ 0`, `adv > 0`.
    /// - Complexity: O(1).
    public static func liquidityAddon(dailyVolatility sigma: Double, quantity: Double, adv: Double,
                                      spread: Double, impact y: Double = 1) -> Double {
        precondition(quantity >= 0 && adv > 0, "quantity must be non-negative and ADV positive")
        return y * sigma * (quantity / adv).squareRoot() + spread / 2
    }

    /// Liquidation threshold `LT = (1 − h − s)/(1 + β)`, clamped to
    /// `[0, 1/(1 + β)]`: the upper bound is Aave's PoolConfigurator invariant
    /// `LT (1 + β) ≤ 1` (a liquidator's bonus cannot exceed the collateral).
    /// - Precondition: `0 ≤ β < 1`.
    /// - Complexity: O(1).
    public static func threshold(haircut h: Double, addon s: Double, bonus beta: Double) -> Threshold {
        precondition(beta >= 0 && beta < 1, "liquidation bonus must lie in [0, 1)")
        let raw = (1 - h - s) / (1 + beta)
        return Threshold(value: min(max(raw, 0), 1 / (1 + beta)), unclamped: raw)
    }

    /// Loan-to-value `LTV = max(0, LT − buffer)`: the borrowing limit sits a
    /// buffer below the liquidation threshold (Aave's gap is 2.5–5 points), and
    /// cannot be negative.
    /// - Complexity: O(1).
    public static func loanToValue(threshold: Double, buffer: Double) -> Double {
        max(0, threshold - buffer)
    }

    /// Health factor `HF = Σ C_i LT_i / D` (Aave); the position is liquidatable below 1.
    /// Check value: $30k ETH (LT 0.83) + $60k WBTC (LT 0.78) against $50k is 1.434.
    /// - Precondition: `debt > 0`.
    /// - Complexity: O(n).
    public static func healthFactor(collateral: [Double], thresholds: [Double], debt: Double) -> Double {
        precondition(debt > 0, "debt must be positive")
        return weightedSum(collateral, thresholds) / debt
    }

    /// Largest debt the basket supports, `Σ C_i LTV_i` (Aave's borrowing power).
    /// Check value: the health-factor example with LTV 0.805 and 0.73 gives $67,950.
    /// - Complexity: O(n).
    public static func maxBorrow(collateral: [Double], ltvs: [Double]) -> Double {
        weightedSum(collateral, ltvs)
    }

    /// The uniform fall of every collateral price that brings `HF` to 1,
    /// `1 − 1/HF`: the health factor is linear in a uniform price factor. Zero or
    /// negative when the position is already liquidatable.
    /// - Precondition: `healthFactor > 0`.
    /// - Complexity: O(1).
    public static func priceDropToLiquidation(healthFactor: Double) -> Double {
        precondition(healthFactor > 0, "health factor must be positive")
        return 1 - 1 / healthFactor
    }

    /// Health factor after a liquidator repays `r` of the debt and seizes
    /// `r (1 + β)` of collateral whose threshold is `LT`:
    /// `HF' = HF + r (HF − LT (1 + β)) / (D − r)`. It rises only when
    /// `HF > LT (1 + β)`; otherwise liquidation makes the position worse (the
    /// death spiral of a too-high threshold). Check value: HF 0.98, LT 0.83,
    /// β 5%, D 100, r 50 gives 1.0885.
    /// - Precondition: `0 ≤ r < D`.
    /// - Complexity: O(1).
    public static func healthFactorAfterLiquidation(healthFactor hf: Double, threshold lt: Double, bonus beta: Double,
                                                    debt: Double, repaid r: Double) -> Double {
        precondition(r >= 0 && r < debt, "the repaid amount must lie in [0, debt)")
        return hf + r * (hf - lt * (1 + beta)) / (debt - r)
    }

    /// Morpho Blue's liquidation incentive factor for a market with liquidation
    /// LTV `LLTV`: `min(1.15, 1/(1 − 0.3 (1 − LLTV)))` (Morpho Blue whitepaper;
    /// `MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15`, `LIQUIDATION_CURSOR = 0.3`).
    /// Check value: LLTV 0.77 gives 1.074114.
    /// - Precondition: `0 ≤ lltv ≤ 1`.
    /// - Complexity: O(1).
    public static func morphoIncentive(lltv: Double) -> Double {
        precondition(lltv >= 0 && lltv <= 1, "LLTV must lie in [0, 1]")
        return min(1.15, 1 / (1 - 0.3 * (1 - lltv)))
    }

    private static func weightedSum(_ values: [Double], _ weights: [Double]) -> Double {
        precondition(values.count == weights.count, "one weight per value")
        return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
