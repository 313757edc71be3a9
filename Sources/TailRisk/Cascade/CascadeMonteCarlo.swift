import Foundation

/// Liquidation cascades over Monte Carlo initial shocks (methods.md §9):
/// the protocol's bad-debt VaR and liquidations at risk, run on the engine.
///
/// The cascade is a payoff of the engine (`CascadePayoff`): shock `j` is the
/// engine's scenario `j` of the fitted model's law (any `ScenarioLaw`:
/// normal, t, bootstrap, fhs, copulas), drawn from
/// `Xoshiro256PlusPlus(seed:scenario: j)` and correlated by the engine's
/// `dtrmm`, as log returns `ρ` relative to the debt asset; the shocked prices
/// are `P_a⁰ = P_a exp(ρ_a)` and the oracle starts at `P_a`. So cascade Monte
/// Carlo has what the engine has: threads, shards (`accumulate` over some units,
/// then a run on `PrecomputedBackend`), MPI ranks (`MPIBackend`), and
/// `targetPrecision` (rounds of whole units until `SE(ES)` of the bad debt is
/// below the target), with the same bytes for any split of the units.
/// Bad debt, liquidated value and the bad debt if liquidated now are ranked in
/// bounded tails; sums and counts are kept per unit and folded in unit order.
/// Variance reduction is refused (`VarianceReductionRefused`): importance
/// sampling because the bad-debt tail is not a direction of the shocks the
/// law's tilt could aim at; antithetic pairs because the cascade is not
/// monotone in the shock, so the pairs' gain is unproven here.
///
/// The mean of the shocks is the model's (`ScenarioModel`): `CascadeAnalysis`
/// chooses zero or the sample drift and says which.
///
/// Quantiles: `VaR_c = L_(⌈n(1−c)⌉)` of the losses in decreasing order, with
/// the distribution-free 95% interval of binomial order statistics and the ES
/// with its standard error (`TailEstimator`, methods.md §4).
/// - Complexity: O(n · cascade) time; memory O(tail capacity · (3 + A)) plus
///   `8·(10 + K)` bytes a unit of 4096 shocks, and 24 bytes a shock with samples.
public enum CascadeMonteCarlo {
    /// Shocks up to which each shock's outcome is kept (`Result.badDebtSamples` …); none beyond.
    public static let samplesLimit = 1_000_000

    public struct Settings: Sendable {
        public var levels: [ConfidenceLevel]
        /// The engine's settings: shocks (`scenarios`), seed, threads, backend, target precision.
        public var simulation: SimulationSettings
        /// Also rank each asset's share of each shock's bad debt (`Result.assetBadDebtRisk`).
        public var assetTails = false

        public var shocks: Int {
            get { simulation.scenarios }
            set { simulation.scenarios = newValue }
        }
        public var seed: UInt64 { simulation.seed }
        public var threads: Int { simulation.threads }

        public init(levels: [ConfidenceLevel] = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)],
                    simulation: SimulationSettings, assetTails: Bool = false) {
            self.levels = levels
            self.simulation = simulation
            self.assetTails = assetTails
        }

        public init(shocks: Int = 10_000, seed: UInt64 = SimulationSettings.defaultSeed, threads: Int = 1,
                    levels: [ConfidenceLevel] = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)], assetTails: Bool = false) {
            self.init(levels: levels, simulation: SimulationSettings(scenarios: shocks, seed: seed, threads: threads),
                      assetTails: assetTails)
        }
    }

    /// Variance reduction asked of a cascade (importance sampling, antithetic pairs): refused.
    public struct VarianceReductionRefused: Error, CustomStringConvertible, Sendable {
        /// The quantity refused: the variance reduction.
        public let quantity = "variance reduction"
        public let reduction: VarianceReduction
        public var description: String {
            "\(quantity) \(reduction.rawValue): cascade Monte Carlo draws plain shocks (its bad-debt tail is not a "
                + "direction of the shocks a tilt could aim at); use none"
        }
    }

    /// Bad debt and liquidation volume over the shocks.
    public struct Result: Sendable {
        /// Shocks run (more than asked when `targetPrecision` added units).
        public let shocks: Int
        /// Bad-debt VaR (and ES) per level, in numéraire units.
        public let badDebt: [RiskEstimate]
        /// Liquidations at risk (quantiles of the liquidated value) per level.
        public let liquidations: [RiskEstimate]
        public let meanBadDebt: Double
        public let meanLiquidations: Double
        public let maxBadDebt: Double
        /// Share of shocks that leave any bad debt.
        public let probabilityOfBadDebt: Double
        /// The bad-debt VaR (and ES) per level counting the latent deficit: quantiles of
        /// each shock's `badDebtIfLiquidated` (`LiquidationCascade+Latent`).
        public let badDebtIfLiquidated: [RiskEstimate]
        /// Mean latent deficit over the shocks, and the share of shocks that leave an account below HF 1.
        public let meanLatentDeficit: Double
        public let probabilityOfAccountsBelowOne: Double
        /// Mean number of accounts left below HF 1 per shock.
        public let meanAccountsBelowOne: Double
        /// Shocks where the round cap bound, and where the breaker halted liquidations.
        public let cappedShocks: Int
        public let haltedShocks: Int
        public let meanRounds: Double
        public let maxRounds: Int
        /// Mean bad debt per account over the shocks (`E[max(0, d_k − C_k)]`).
        public let accountBadDebt: [Double]
        /// Mean bad debt per asset: each account's bad debt split over its
        /// collateral assets by their value share before the shock.
        public let assetBadDebt: [Double]
        /// Bad debt of each shock (for plots; in shock order); empty beyond `samplesLimit` shocks.
        public let badDebtSamples: [Double]
        public let liquidationSamples: [Double]
        /// Each shock's bad debt if the accounts left below HF 1 were liquidated now (shock order).
        public let badDebtIfLiquidatedSamples: [Double]
        /// With `assetTails`: per asset and level, the VaR (and ES) of each shock's bad debt split by collateral value share.
        public let assetBadDebtRisk: [[RiskEstimate]]?
        /// Whether `targetPrecision` was met for the bad debt at every level (nil when not asked).
        public let precisionReached: Bool?
    }

}
