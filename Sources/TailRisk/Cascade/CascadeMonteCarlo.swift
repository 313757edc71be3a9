import Dispatch
import Foundation

/// Liquidation cascades over Monte Carlo initial shocks (methods.md §9):
/// the protocol's bad-debt VaR and liquidations at risk.
///
/// Shock `j` is one `h`-step scenario of the fitted model's law (any
/// `ScenarioLaw`: normal, t, bootstrap, fhs, copulas), drawn from
/// `Xoshiro256PlusPlus(seed:scenario: j)` exactly as the engine draws its
/// scenario `j` (`ScenarioGenerator`), as log returns `ρ` relative to the
/// debt asset; the shocked prices are `P_a⁰ = P_a exp(ρ_a)` and the oracle
/// starts at `P_a`. Shocks run in units of `unit` on `threads` workers, each
/// with one `LiquidationCascade.Workspace`; bad debt, volume and the bad debt
/// if the accounts a brake left below HF 1 were liquidated now
/// (`LiquidationCascade+Latent`) are kept per shock (24 bytes each, 240 MB at
/// 10⁷ shocks) for the order statistics, and the per-account and per-asset
/// bad-debt sums are added unit by unit in unit order, so every figure is the
/// same bit for bit for any thread count.
///
/// The mean of the shocks is the model's (`ScenarioModel`): `CascadeAnalysis`
/// chooses zero or the sample drift and says which.
///
/// Quantiles: `VaR_c = L_(⌈n(1−c)⌉)` of the losses in decreasing order, with
/// the distribution-free 95% interval of binomial order statistics and the ES
/// with its standard error (`TailEstimator`, methods.md §4).
/// - Complexity: O(n · cascade) time; O(n + units in flight · K) memory.
public enum CascadeMonteCarlo {
    public struct Settings: Sendable {
        public var shocks: Int
        public var seed: UInt64
        public var threads: Int
        public var levels: [ConfidenceLevel]
        /// Shocks per unit of work (a constant of the result, not of the threads).
        public var unit: Int
        /// Also keep each shock's bad debt attributed to each asset (`A·n` doubles more).
        public var assetSamples = false

        public init(shocks: Int = 10_000, seed: UInt64 = SimulationSettings.defaultSeed, threads: Int = 1,
                    levels: [ConfidenceLevel] = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)], unit: Int = 256,
                    assetSamples: Bool = false) {
            self.assetSamples = assetSamples
            self.shocks = shocks
            self.seed = seed
            self.threads = threads
            self.levels = levels
            self.unit = unit
        }
    }

    /// Bad debt and liquidation volume over the shocks.
    public struct Result: Sendable {
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
        /// Bad debt of each shock (for plots; in shock order).
        public let badDebtSamples: [Double]
        public let liquidationSamples: [Double]
        /// Each shock's bad debt if the accounts left below HF 1 were liquidated now (shock order).
        public let badDebtIfLiquidatedSamples: [Double]
        /// With `assetSamples`: per asset, each shock's bad debt split by collateral value share.
        public let assetBadDebtSamples: [[Double]]?
    }

    /// Runs `settings.shocks` cascades of `cascade` from today's prices `prices`
    /// under `model` (relative log returns of the book's assets).
    /// - Throws: `.invalidParameter(.scenarios)` when the shocks leave no tail at a level.
    public static func run(cascade: LiquidationCascade, prices: [Double], model: ScenarioModel,
                           settings: Settings) throws -> Result {
        let n = settings.shocks
        let A = cascade.book.assets.count
        precondition(model.dimension == A && prices.count == A, "one modelled asset per asset of the book")
        try Limits.check(settings.threads, atMost: Limits.threads, parameter: .threads)
        try Limits.check(n, atMost: Limits.scenarios, parameter: .scenarios)
        for level in settings.levels where level.tailCount(n) < 1 {
            throw TailRiskError.invalidParameter(.scenarios, message: "\(n) shocks leave no tail at \(level.confidence); "
                                              + "use at least \(Int((1 / level.alpha).rounded(.up)))")
        }
        try model.law.validate()
        let generator = ScenarioGenerator(model: model, seed: settings.seed, antithetic: false)
        let K = cascade.book.accounts.count
        // Each account's value share per asset before the shock, for the asset attribution.
        var shares = [Double](repeating: 0, count: K * A)
        for k in 0..<K {
            var total = 0.0
            for a in 0..<A { total += cascade.book.quantity(account: k, asset: a) * prices[a] }
            if total > 0 { for a in 0..<A { shares[k * A + a] = cascade.book.quantity(account: k, asset: a) * prices[a] / total } }
        }
        let bad = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let volume = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let ifLiquidated = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { bad.deallocate(); volume.deallocate(); ifLiquidated.deallocate() }
        let perAsset = settings.assetSamples ? UnsafeMutablePointer<Double>.allocate(capacity: n * A) : nil
        defer { perAsset?.deallocate() }
        let badPointer = SendablePointer(bad), volumePointer = SendablePointer(volume)
        let ifLiquidatedPointer = SendablePointer(ifLiquidated)
        let assetPointer = perAsset.map(SendablePointer.init)
        let units = (n + settings.unit - 1) / settings.unit
        let batch = max(1, settings.threads) * 4
        var accountSum = [Double](repeating: 0, count: K)
        var capped = 0, halted = 0, roundSum = 0, roundMax = 0
        var latentSum = 0.0, belowOneShocks = 0, belowOneAccounts = 0
        let factor = generator.factor, mean = generator.horizonMean
        var first = 0
        while first < units {
            let last = min(units, first + batch)
            let slots = UnitSlots(count: last - first)
            let queue = WorkQueue<Int>(units: first..<last, results: 1)
            DispatchQueue.concurrentPerform(iterations: min(settings.threads, last - first)) { _ in
                let w = LiquidationCascade.Workspace(cascade: cascade)
                let z = UnsafeMutablePointer<Double>.allocate(capacity: A)
                let r = UnsafeMutablePointer<Double>.allocate(capacity: A)
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(A, 1))
                defer { z.deallocate(); r.deallocate(); scratch.deallocate() }
                var shocked = [Double](repeating: 0, count: A)
                while let u = queue.next() {
                    var partial = UnitResult(accounts: [:])
                    for j in (u * settings.unit)..<min(n, (u + 1) * settings.unit) {
                        generator.draw(first: j, rows: 1, into: z, scratch: scratch)
                        if factor.isEmpty {
                            for a in 0..<A { r[a] = z[a] }
                        } else {
                            for i in 0..<A {
                                var s = mean[i]
                                for k in 0...i { s += factor[i + k * A] * z[k] }
                                r[i] = s
                            }
                        }
                        for a in 0..<A { shocked[a] = prices[a] * exp(r[a]) }
                        let split = assetPointer.map { $0.pointer + j * A }
                        if let split { for a in 0..<A { split[a] = 0 } }
                        let o = cascade.run(shocked: shocked, oracleStart: prices, workspace: w, record: false) { k, b in
                            partial.accounts[k, default: 0] += b
                            if let split { for a in 0..<A { split[a] += b * shares[k * A + a] } }
                        }
                        badPointer.pointer[j] = o.badDebt
                        volumePointer.pointer[j] = o.liquidatedValue
                        ifLiquidatedPointer.pointer[j] = o.badDebtIfLiquidated
                        partial.latent += o.latentDeficit
                        if o.accountsBelowOne > 0 { partial.belowOneShocks += 1 }
                        partial.belowOneAccounts += o.accountsBelowOne
                        if o.capped { partial.capped += 1 }
                        if o.haltedAfter != nil { partial.halted += 1 }
                        partial.rounds += o.rounds
                        partial.maxRounds = max(partial.maxRounds, o.rounds)
                    }
                    slots.store(partial, at: u - first)
                }
            }
            for p in slots.results {
                let p = p!
                for (k, b) in p.accounts.sorted(by: { $0.key < $1.key }) { accountSum[k] += b }
                capped += p.capped
                halted += p.halted
                roundSum += p.rounds
                roundMax = max(roundMax, p.maxRounds)
                latentSum += p.latent
                belowOneShocks += p.belowOneShocks
                belowOneAccounts += p.belowOneAccounts
            }
            first = last
        }
        let badSamples = Array(UnsafeBufferPointer(start: bad, count: n))
        let volumeSamples = Array(UnsafeBufferPointer(start: volume, count: n))
        let sortedBad = badSamples.sorted(by: >)
        let sortedVolume = volumeSamples.sorted(by: >)
        let ifLiquidatedSamples = Array(UnsafeBufferPointer(start: ifLiquidated, count: n))
        let sortedIfLiquidated = ifLiquidatedSamples.sorted(by: >)
        let accountMean = accountSum.map { $0 / Double(n) }
        var assetMean = [Double](repeating: 0, count: A)
        for k in 0..<K where accountMean[k] > 0 { for a in 0..<A { assetMean[a] += accountMean[k] * shares[k * A + a] } }
        return Result(shocks: n,
                      badDebt: settings.levels.map { TailEstimator.estimate(tail: sortedBad, scenarios: n, level: $0) },
                      liquidations: settings.levels.map { TailEstimator.estimate(tail: sortedVolume, scenarios: n, level: $0) },
                      meanBadDebt: badSamples.reduce(0, +) / Double(n),
                      meanLiquidations: volumeSamples.reduce(0, +) / Double(n), maxBadDebt: sortedBad.first ?? 0,
                      probabilityOfBadDebt: Double(badSamples.lazy.filter { $0 > 0 }.count) / Double(n),
                      badDebtIfLiquidated: settings.levels.map {
                          TailEstimator.estimate(tail: sortedIfLiquidated, scenarios: n, level: $0)
                      },
                      meanLatentDeficit: latentSum / Double(n),
                      probabilityOfAccountsBelowOne: Double(belowOneShocks) / Double(n),
                      meanAccountsBelowOne: Double(belowOneAccounts) / Double(n),
                      cappedShocks: capped, haltedShocks: halted, meanRounds: Double(roundSum) / Double(n),
                      maxRounds: roundMax, accountBadDebt: accountMean, assetBadDebt: assetMean,
                      badDebtSamples: badSamples, liquidationSamples: volumeSamples,
                      badDebtIfLiquidatedSamples: ifLiquidatedSamples,
                      assetBadDebtSamples: perAsset.map { p in (0..<A).map { a in (0..<n).map { p[$0 * A + a] } } })
    }

    /// What one unit of shocks adds up.
    struct UnitResult {
        var accounts: [Int: Double]
        var capped = 0
        var halted = 0
        var rounds = 0
        var maxRounds = 0
        var latent = 0.0
        var belowOneShocks = 0
        var belowOneAccounts = 0
    }

    final class UnitSlots: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [UnitResult?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func store(_ r: UnitResult, at i: Int) {
            lock.lock(); defer { lock.unlock() }
            results[i] = r
        }
    }

    /// A pointer the workers write disjoint entries of.
    struct SendablePointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Double>
        init(_ p: UnsafeMutablePointer<Double>) { pointer = p }
    }
}
