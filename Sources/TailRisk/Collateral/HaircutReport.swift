/// What a haircut run reports: one row per collateral asset and the basket
/// figures, built by `HaircutCalculator.report`.
///
/// Two views of each asset's haircut sit side by side (methods.md §5):
/// *standalone* `H_i`, an asset-level parameter independent of the basket, as a
/// lending protocol lists it; and *allocated* `h_i = C_i / V_i`, the asset's
/// Euler share of the portfolio haircut, as a portfolio-margin account gets it.
/// All values are in the debt asset's units (or the currency without one).
public struct HaircutReport: Sendable, Encodable {
    public let assets: [HaircutAssetRow]
    public let basket: HaircutBasket
    /// The policy the figures were computed with.
    public let policy: HaircutPolicy
}

/// One collateral asset.
///
/// Floors are minimum asset-level haircuts and apply to both views: the floored
/// standalone haircut `max(H_i, f_i)` enters `H_sum` and the standalone
/// threshold; the floored allocated haircut `max(h_i, f_i)` enters the floored
/// portfolio haircut `H_p'` and the allocated threshold. The raw `h_i` is kept
/// too (only the raw values satisfy `Σ a_i h_i = H_p`); no redistribution of
/// the excess is attempted.
public struct HaircutAssetRow: Sendable, Equatable, Encodable {
    public let asset: String
    public let quantity: Double
    /// `C_i`, the position's value.
    public let value: Double
    /// Value weight `a_i = C_i / Σ C_j`.
    public let weight: Double
    /// The floor of this asset, if the policy sets one.
    public let floor: Double?
    /// `H_i` as measured.
    public let standaloneHaircut: Double
    /// `max(H_i, floor_i)`.
    public let standaloneHaircutFloored: Double
    public let standaloneFloorBinds: Bool
    /// `h_i = C_i^{Euler} / V_i` as measured; value-weighted they sum to `H_p`.
    public let allocatedHaircut: Double
    /// `max(h_i, floor_i)`.
    public let allocatedHaircutFloored: Double
    public let allocatedFloorBinds: Bool
    /// Liquidity add-on `s_i` (0 without a liquidity table).
    public let liquidityAddon: Double
    /// `LT_i` from the floored standalone haircut, clamped to `[0, 1/(1 + β)]`.
    public let liquidationThreshold: Double
    public let liquidationThresholdClampBinds: Bool
    /// `LT_i` from the floored allocated haircut, clamped likewise.
    public let liquidationThresholdAllocated: Double
    public let liquidationThresholdAllocatedClampBinds: Bool
    /// `max(0, LT_i − buffer)`.
    public let ltv: Double
    public let ltvAllocated: Double
}

/// The basket as a whole.
public struct HaircutBasket: Sendable, Equatable, Encodable {
    /// `Σ C_i`.
    public let value: Double
    /// `H_sum = Σ a_i max(H_i, floor_i)`: no diversification.
    public let haircutSum: Double
    /// `H_p`, the portfolio measure over its value (unfloored).
    public let haircutPortfolio: Double
    /// `H_p' = Σ a_i max(h_i, f_i)`: `H_p` with the floors applied to the
    /// allocated haircuts; equal to `H_p` when no floor binds.
    public let haircutPortfolioFloored: Double
    /// `1 − H_p' / H_sum` (floors on both sides); `nil` when `H_sum ≤ 0`.
    public let diversificationBenefit: Double?
    /// `H = max(H_sum − κ (H_sum − H_p'), H_p')`.
    public let creditedHaircut: Double
    /// `Σ C_i LTV_i` with standalone thresholds.
    public let maxBorrow: Double
    /// `Σ C_i LTV_i` with allocated thresholds.
    public let maxBorrowAllocated: Double
    /// The debt `D`, when given.
    public let debt: Double?
    /// `Σ C_i LT_i / D` with standalone thresholds (needs a debt).
    public let healthFactor: Double?
    /// `1 − 1/HF`: the uniform price fall that triggers liquidation (needs `HF > 0`).
    public let priceDropToLiquidation: Double?
    public let healthFactorAllocated: Double?
    public let priceDropToLiquidationAllocated: Double?
}
