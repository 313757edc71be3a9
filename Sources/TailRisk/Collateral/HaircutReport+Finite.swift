extension HaircutReport {
    /// The backstop of the rule "every figure printed is finite" for a haircut
    /// run: throws `.numerical` naming the asset (or the basket) and the first
    /// figure that is NaN or ±∞. Figures that are `nil` by definition (no floor,
    /// no debt, no diversification benefit when `H_sum ≤ 0`) pass.
    /// - Complexity: O(assets).
    public func requireFinite() throws {
        for row in assets {
            let figures: [(String, Double?)] = [
                ("quantity", row.quantity), ("value", row.value), ("weight", row.weight), ("floor", row.floor),
                ("standalone haircut H_i", row.standaloneHaircut),
                ("floored standalone haircut", row.standaloneHaircutFloored),
                ("allocated haircut h_i", row.allocatedHaircut),
                ("floored allocated haircut", row.allocatedHaircutFloored),
                ("liquidity add-on s_i", row.liquidityAddon),
                ("liquidation threshold LT(H)", row.liquidationThreshold),
                ("liquidation threshold LT(h)", row.liquidationThresholdAllocated),
                ("LTV(H)", row.ltv), ("LTV(h)", row.ltvAllocated),
            ]
            for (name, value) in figures { try Finite.require(value, "haircut of \(row.asset): the \(name)") }
        }
        let b = basket
        let figures: [(String, Double?)] = [
            ("value", b.value), ("haircut H_sum", b.haircutSum), ("portfolio haircut H_p", b.haircutPortfolio),
            ("floored portfolio haircut H_p'", b.haircutPortfolioFloored),
            ("diversification benefit", b.diversificationBenefit), ("credited haircut", b.creditedHaircut),
            ("max borrow (standalone)", b.maxBorrow), ("max borrow (allocated)", b.maxBorrowAllocated),
            ("debt", b.debt), ("health factor (standalone)", b.healthFactor),
            ("price drop to liquidation (standalone)", b.priceDropToLiquidation),
            ("health factor (allocated)", b.healthFactorAllocated),
            ("price drop to liquidation (allocated)", b.priceDropToLiquidationAllocated),
        ]
        for (name, value) in figures { try Finite.require(value, "haircut of the basket: the \(name)") }
    }
}
