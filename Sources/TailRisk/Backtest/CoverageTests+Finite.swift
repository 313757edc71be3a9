extension CoverageTests {
    /// The backstop of the rule "every figure printed is finite" for a
    /// backtest: throws `.numerical` naming `label` (method and level) and the
    /// first statistic that is NaN or ±∞. The McNeil–Frey figures may be `nil`
    /// (too few exceedances, documented), not non-finite.
    /// - Complexity: O(1).
    public func requireFinite(label: String) throws {
        let figures: [(String, Double?)] = [
            ("Kupiec LR", kupiecLR), ("Kupiec p", kupiecP),
            ("Christoffersen LR_ind", christoffersenLRInd), ("Christoffersen p_ind", christoffersenPInd),
            ("Christoffersen LR_cc", christoffersenLRCC), ("Christoffersen p_cc", christoffersenPCC),
            ("McNeil–Frey t", mcneilFreyT), ("McNeil–Frey p", mcneilFreyP),
            ("Acerbi–Szekely Z2", acerbiSzekelyZ2),
        ]
        for (name, value) in figures { try Finite.require(value, "\(label): the \(name) statistic") }
    }
}
