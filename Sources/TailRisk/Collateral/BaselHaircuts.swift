/// Basel comprehensive-approach formulas for haircuts (CRE22.40–22.60):
/// exposure after haircuts, holding-period scaling and infrequent remargining.
public enum BaselHaircuts {
    /// Exposure after risk mitigation (CRE22.40):
    /// `E* = max(0, E(1 + H_e) − C(1 − H_c − H_fx))`, with `H_e` the haircut of the
    /// exposure, `H_c` of the collateral and `H_fx` the currency-mismatch haircut
    /// (8% supervisory, 10-day).
    ///
    /// Check value (methods.md §5): `E = 100` cash, `C = 125`, `H_c = 0.20`,
    /// `H_fx = 0.08` gives 10.
    /// - Complexity: O(1).
    public static func exposure(_ exposure: Double, exposureHaircut: Double, collateral: Double,
                                collateralHaircut: Double, currencyHaircut: Double) -> Double {
        max(0, exposure * (1 + exposureHaircut) - collateral * (1 - collateralHaircut - currencyHaircut))
    }

    /// Square-root-of-time scaling between holding periods (CRE22.57):
    /// `H_M = H_N √(T_M / T_N)`, e.g. a 10-day haircut to a 5-day repo period.
    /// Square-root scaling assumes independent, identically distributed daily
    /// returns; under jumps it understates the longer-horizon haircut.
    /// - Precondition: both periods are at least 1.
    /// - Complexity: O(1).
    public static func scale(_ haircut: Double, from days: Int, to targetDays: Int) -> Double {
        precondition(days >= 1 && targetDays >= 1, "holding periods must be at least one day")
        return haircut * (Double(targetDays) / Double(days)).squareRoot()
    }

    /// Haircut for infrequent remargining (CRE22.58):
    /// `H = H_M √((N_R + T_M − 1) / T_M)`, with `T_M` the minimum holding period
    /// and `N_R` the number of business days between remargining (or revaluation).
    ///
    /// Check values (methods.md §5): `H_10 = 20%` scaled to `T_M = 5` is
    /// 14.1421%, and with `N_R = 3` 16.7332%; secured lending (`T_M = 20`,
    /// `N_R = 1`) 28.2843%.
    /// - Precondition: `remarginDays ≥ 1`, `holdingPeriod ≥ 1`.
    /// - Complexity: O(1).
    public static func remargined(_ haircut: Double, holdingPeriod: Int, remarginDays: Int) -> Double {
        precondition(holdingPeriod >= 1 && remarginDays >= 1, "periods must be at least one day")
        return haircut * (Double(remarginDays + holdingPeriod - 1) / Double(holdingPeriod)).squareRoot()
    }
}
