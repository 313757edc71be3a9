import Foundation

/// What a run of the cascade reports: its rounds, each account's outcome and the totals
/// (`LiquidationCascade.run`).
extension LiquidationCascade {
    /// One round of a recorded run.
    public struct Round: Sendable, Equatable {
        public let round: Int
        public let liquidations: Int
        /// Collateral value seized at oracle prices (numéraire units).
        public let seizedValue: Double
        public let repaid: Double
        /// Units sold this round, per asset.
        public let sold: [Double]
        /// Oracle prices the round liquidated at, and market prices after its sales.
        public let oraclePrices: [Double]
        public let marketPrices: [Double]
        /// Bad debt if the run stopped after this round (market prices).
        public let badDebt: Double
    }

    /// What one account went through.
    public struct AccountOutcome: Sendable, Equatable {
        public let debtBefore: Double
        public let debtAfter: Double
        public let repaid: Double
        public let seizedValue: Double
        public let collateralValueAfter: Double
        public let liquidations: Int
        public let healthFactorBefore: Double?
        public let healthFactorAfter: Double?
        /// `max(0, d − C/(1 + β))` when the account is left below HF 1 at the final market
        /// prices (`LiquidationCascade+Latent`), else `nil`.
        public let latentDeficit: Double?
        public var badDebt: Double { max(0, debtAfter - collateralValueAfter) }
    }

    /// The outcome of one cascade.
    public struct Outcome: Sendable {
        /// Rounds run (liquidating or waiting for the oracle).
        public let rounds: Int
        /// Whether the round cap stopped a cascade that would have gone on.
        public let capped: Bool
        /// The round after which the breaker halted liquidations, if it did.
        public let haltedAfter: Int?
        public let liquidations: Int
        /// Liquidation volume: collateral value seized, at the prices seized at.
        public let liquidatedValue: Double
        public let repaid: Double
        public let badDebt: Double
        /// Accounts left below HF 1 at the final market prices (debt above dust, some
        /// collateral): liquidatable, but a brake stopped the run (`LiquidationCascade+Latent`).
        public let accountsBelowOne: Int
        /// Their latent deficit `Σ_k max(0, d_k − C_k/(1 + β))` at the final market prices.
        public let latentDeficit: Double
        /// The bad debt if they were liquidated now at the final market prices:
        /// `badDebt − Σ_k max(0, d_k − C_k) + latentDeficit` over them (≥ `badDebt`).
        public let badDebtIfLiquidated: Double
        /// Debt left in all accounts (repaid + left = the book's debt).
        public let debtLeft: Double
        public let initialPrices: [Double]
        public let finalPrices: [Double]
        public let soldUnits: [Double]
        /// With `record`: one entry per round.
        public let roundTable: [Round]
        /// With `record`: one entry per account of the book.
        public let accounts: [AccountOutcome]
        /// Collateral left per account and asset (with `record`), row-major like the book.
        public let quantitiesAfter: [Double]
    }
}
