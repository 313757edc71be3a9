/// Turns measured haircuts into the haircut report: floors, liquidity
/// add-ons, liquidation thresholds, LTVs and the basket figures (methods.md §5).
public enum HaircutCalculator {
    /// Builds the report.
    ///
    /// - Parameters:
    ///   - values: collateral values `C_i > 0`, in the debt asset's units.
    ///   - standaloneHaircuts: `H_i`, each asset's own ES (or VaR) over the horizon / `C_i`.
    ///   - allocatedHaircuts: `h_i`, Euler contributions of the portfolio measure / `C_i`.
    ///   - portfolioHaircut: `H_p`, the portfolio measure / `Σ C_i`.
    ///   - dailyVolatility: `σ_i` of each asset's daily return (for the liquidity add-on).
    ///   - liquidity: ADV and spread per asset; `nil` gives no add-on.
    ///   - debtAmount: the debt `D` in the same units as `values`, for the health factors.
    /// - Throws: `.file` naming the liquidity table when it has no row for an asset.
    /// - Precondition: all arrays have one entry per asset; values positive;
    ///   `policy` validated.
    /// - Complexity: O(n).
    public static func report(assets: [String], quantities: [Double], values: [Double], standaloneHaircuts: [Double],
                              allocatedHaircuts: [Double], portfolioHaircut: Double, dailyVolatility: [Double],
                              liquidity: LiquidityTable?, policy: HaircutPolicy,
                              debtAmount: Double?) throws -> HaircutReport {
        let n = assets.count
        precondition([quantities.count, values.count, standaloneHaircuts.count, allocatedHaircuts.count,
                      dailyVolatility.count].allSatisfy { $0 == n }, "one entry per asset")
        let weights = Haircuts.valueWeights(values)
        let beta = policy.liquidationBonus
        var rows: [HaircutAssetRow] = []
        for i in 0..<n {
            var addon = 0.0
            if let liquidity {
                guard let entry = liquidity[assets[i]] else {
                    throw TailRiskError.file(path: liquidity.source, line: nil, column: nil,
                                             message: "no row for asset '\(assets[i])'")
                }
                addon = Liquidation.liquidityAddon(dailyVolatility: dailyVolatility[i], quantity: quantities[i],
                                                   adv: entry.adv, spread: entry.spread)
            }
            let floor = policy.floors[assets[i]]
            let standalone = max(standaloneHaircuts[i], floor ?? -.infinity)
            let allocated = max(allocatedHaircuts[i], floor ?? -.infinity)
            let lt = Liquidation.threshold(haircut: standalone, addon: addon, bonus: beta)
            let ltAllocated = Liquidation.threshold(haircut: allocated, addon: addon, bonus: beta)
            rows.append(HaircutAssetRow(
                asset: assets[i], quantity: quantities[i], value: values[i], weight: weights[i], floor: floor,
                standaloneHaircut: standaloneHaircuts[i], standaloneHaircutFloored: standalone,
                standaloneFloorBinds: standalone != standaloneHaircuts[i],
                allocatedHaircut: allocatedHaircuts[i], allocatedHaircutFloored: allocated,
                allocatedFloorBinds: allocated != allocatedHaircuts[i], liquidityAddon: addon,
                liquidationThreshold: lt.value, liquidationThresholdClampBinds: lt.clampBinds,
                liquidationThresholdAllocated: ltAllocated.value,
                liquidationThresholdAllocatedClampBinds: ltAllocated.clampBinds,
                ltv: Liquidation.loanToValue(threshold: lt.value, buffer: policy.ltvBuffer),
                ltvAllocated: Liquidation.loanToValue(threshold: ltAllocated.value, buffer: policy.ltvBuffer)))
        }
        let sum = Haircuts.sum(haircuts: rows.map(\.standaloneHaircutFloored), values: values)
        func health(_ thresholds: [Double]) -> (Double?, Double?) {
            guard let debtAmount else { return (nil, nil) }
            let hf = Liquidation.healthFactor(collateral: values, thresholds: thresholds, debt: debtAmount)
            return (hf, hf > 0 ? Liquidation.priceDropToLiquidation(healthFactor: hf) : nil)
        }
        let (hf, drop) = health(rows.map(\.liquidationThreshold))
        let (hfAllocated, dropAllocated) = health(rows.map(\.liquidationThresholdAllocated))
        // Floors on both sides (README, haircut conventions): H_sum from the floored
        // standalone haircuts, H_p' from the floored allocated ones.
        let flooredPortfolio = Haircuts.flooredPortfolio(portfolio: portfolioHaircut, allocated: allocatedHaircuts,
                                                         floors: rows.map(\.floor), values: values)
        let basket = HaircutBasket(
            value: values.reduce(0, +), haircutSum: sum, haircutPortfolio: portfolioHaircut,
            haircutPortfolioFloored: flooredPortfolio,
            diversificationBenefit: sum > 0 ? Haircuts.diversificationBenefit(sum: sum, portfolio: flooredPortfolio) : nil,
            creditedHaircut: Haircuts.credited(sum: sum, portfolio: flooredPortfolio, credit: policy.diversificationCredit),
            maxBorrow: Liquidation.maxBorrow(collateral: values, ltvs: rows.map(\.ltv)),
            maxBorrowAllocated: Liquidation.maxBorrow(collateral: values, ltvs: rows.map(\.ltvAllocated)),
            debt: debtAmount, healthFactor: hf, priceDropToLiquidation: drop,
            healthFactorAllocated: hfAllocated, priceDropToLiquidationAllocated: dropAllocated)
        return HaircutReport(assets: rows, basket: basket, policy: policy)
    }
}
