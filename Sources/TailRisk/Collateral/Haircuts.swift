/// Basket haircuts from risk measures: standalone, summed, portfolio, credited
/// and allocated (methods.md §5).
///
/// A haircut is a loss measure (ES or VaR over the margin period of risk) as a
/// fraction of the value it applies to. Values are positive collateral values
/// in one unit (the debt asset or the price currency).
public enum Haircuts {
    /// The default share of the diversification offset that is credited,
    /// `κ = 0.8`: EMIR RTS 153/2013 art. 27(4) lets a CCP offset at most 80% of
    /// the difference between the sum of standalone margins and the portfolio margin.
    public static let defaultDiversificationCredit = 0.8

    /// Standalone haircut `H_i = measure_i / V_i`: the ES (or VaR) of the asset
    /// alone, as a fraction of its value (Basel own-estimate haircuts, 99% one-tailed).
    /// - Precondition: `value > 0`.
    /// - Complexity: O(1).
    public static func standalone(measure: Double, value: Double) -> Double {
        precondition(value > 0, "collateral value must be positive")
        return measure / value
    }

    /// Value weights `a_i = V_i / Σ V_j`.
    /// - Precondition: every value is positive.
    /// - Complexity: O(n).
    public static func valueWeights(_ values: [Double]) -> [Double] {
        precondition(!values.isEmpty && values.allSatisfy { $0 > 0 }, "collateral values must be positive")
        let total = values.reduce(0, +)
        return values.map { $0 / total }
    }

    /// Basket haircut without diversification, `H_sum = Σ a_i H_i` with value
    /// weights `a_i` (Basel comprehensive approach, CRE22: the haircut of a
    /// basket is the value-weighted sum of its members' haircuts).
    /// - Complexity: O(n).
    public static func sum(haircuts: [Double], values: [Double]) -> Double {
        precondition(haircuts.count == values.count, "one haircut per value")
        let a = valueWeights(values)
        return zip(a, haircuts).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Floored portfolio haircut `H_p' = Σ a_i max(h_i, f_i)`: the portfolio
    /// haircut once each asset's floor `f_i` is applied to its allocated
    /// haircut `h_i`, computed as `H_p + Σ a_i (max(h_i, f_i) − h_i)` so that
    /// it is `H_p` itself, to the bit, when no floor binds (the two forms agree
    /// whenever `Σ a_i h_i = H_p`, the Euler identity). Floors must enter both
    /// sides of the diversification benefit: flooring `H_sum` alone inflates
    /// the benefit and lets the credited haircut fall below the floored
    /// allocated ones. `nil` floors are "no floor".
    /// - Complexity: O(n).
    public static func flooredPortfolio(portfolio: Double, allocated: [Double], floors: [Double?],
                                        values: [Double]) -> Double {
        precondition(allocated.count == values.count && floors.count == values.count, "one haircut and floor per value")
        let a = valueWeights(values)
        var excess = 0.0
        for i in values.indices {
            if let f = floors[i], f > allocated[i] { excess += a[i] * (f - allocated[i]) }
        }
        return portfolio + excess
    }

    /// Diversification benefit `1 − H_p' / H_sum`: the share of the summed
    /// haircut that correlation removes, both sides floored (`H_sum` from the
    /// floored standalone haircuts, `H_p'` from `flooredPortfolio`). Negative
    /// when the floored allocated haircuts exceed the floored standalone ones
    /// (possible under VaR, which is not subadditive).
    /// - Precondition: `sum > 0`.
    /// - Complexity: O(1).
    public static func diversificationBenefit(sum: Double, portfolio: Double) -> Double {
        precondition(sum > 0, "the summed haircut must be positive")
        return 1 - portfolio / sum
    }

    /// Credited haircut `H = max(H_sum − κ (H_sum − H_p'), H_p')`: only the
    /// share `κ` of the diversification offset is credited, by analogy with
    /// EMIR RTS 153/2013 art. 27 (at most 80% of portfolio-margin offsets), and
    /// never less than the floored portfolio haircut `H_p'` (which binds only
    /// when `H_p' > H_sum`). Pass the floored `H_p'` as `portfolio`.
    /// - Precondition: `0 ≤ κ ≤ 1`.
    /// - Complexity: O(1).
    public static func credited(sum: Double, portfolio: Double,
                                credit kappa: Double = defaultDiversificationCredit) -> Double {
        precondition(kappa >= 0 && kappa <= 1, "diversification credit must lie in [0, 1]")
        return max(sum - kappa * (sum - portfolio), portfolio)
    }

    /// Allocated haircuts `h_i = C_i / V_i` from Euler contributions `C_i` of the
    /// portfolio measure (Tasche 1999). Because `Σ C_i` is the portfolio
    /// measure, `Σ a_i h_i = H_p`: the value-weighted sum, not the plain sum,
    /// recovers the portfolio haircut. An asset that hedges the basket gets `h_i < 0`.
    /// - Complexity: O(n).
    public static func allocated(contributions: [Double], values: [Double]) -> [Double] {
        precondition(contributions.count == values.count, "one contribution per value")
        return zip(contributions, values).map { standalone(measure: $0, value: $1) }
    }
}
