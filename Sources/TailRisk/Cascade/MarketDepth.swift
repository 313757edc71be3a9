import Foundation

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
