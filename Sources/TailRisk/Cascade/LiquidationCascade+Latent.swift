/// What a cascade stopped by a brake leaves behind (issue 21, item 2).
///
/// The bad debt of methods.md §9, `Σ_k max(0, d_k − C_k)` at the final
/// market prices, counts only collateral already worth less than the debt. A
/// brake (the circuit breaker, an oracle that has not caught up, the round
/// cap) can stop a run while accounts are still liquidatable at the market
/// price: their `C_k ≥ d_k`, so they add nothing to it, yet the protocol has
/// not recovered them. An account is **left below HF 1** when, at the final
/// market prices `P_a`, its debt is above dust, it holds collateral
/// (`C_k = Σ_a c_{k,a} P_a > 0`) and `HF_k = Σ_a c_{k,a} P_a LT_a / d_k < 1`.
///
/// Its **latent deficit** is `max(0, d_k − C_k/(1 + β))`: the bad debt it
/// leaves if liquidated now at the final market prices with the bonus `β`,
/// before the price impact of selling its collateral. This is exactly what
/// the §9 rounds leave at fixed prices, whatever the close factor, up to a
/// remainder at or below dust: each liquidation repays `r` and seizes
/// `r(1 + β)`, so `C − d(1 + β)` stays the same, and `HF ≥ 1` needs
/// `C ≥ d/max LT ≥ d(1 + β)` (Aave's `LT(1 + β) ≤ 1`, which `CascadeRules`
/// enforces). So an account with `C_k ≥ d_k(1 + β)` ends with no bad debt,
/// and one with `C_k < d_k(1 + β)` is liquidated until its collateral is
/// gone, repaying `C_k/(1 + β)`. The latent deficit is a floor: the cascade
/// without the brake also sells that collateral into the market and usually
/// leaves more (its bad debt is beside it in every report).
///
/// Reported next to the bad debt: the accounts left below HF 1, their latent
/// deficit `Σ_k max(0, d_k − C_k/(1 + β))`, and the bad debt if they were
/// liquidated now, `badDebt − Σ_k max(0, d_k − C_k) + latentDeficit` (sums
/// over those accounts; at least the bad debt, since `C/(1 + β) ≤ C`).
/// Without a brake, and with the cap not binding, no account is left below
/// HF 1 and the three figures add nothing.
/// - Complexity: O(A) per account, inside the pass that sums the bad debt.
extension LiquidationCascade {
    /// The latent deficit of an account with debt `debt`, collateral worth
    /// `value` and borrowing power `weighted = Σ_a c_a P_a LT_a` at market
    /// prices, or `nil` when it is not left below HF 1 (see above).
    @inline(__always)
    static func latentDeficit(debt: Double, value: Double, weighted: Double, rules: CascadeRules) -> Double? {
        guard debt > rules.dust, value > 0, weighted < debt else { return nil }
        return max(0, debt - value / (1 + rules.bonus))
    }
}
