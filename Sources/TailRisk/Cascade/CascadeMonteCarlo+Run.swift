import Foundation

/// Cascade Monte Carlo on the engine: the plan of the run, its rounds on the
/// settings' backend, a shard's accumulator, and the result folded from the
/// merged accumulator (`CascadeMonteCarlo`).
///
/// The fold reads only the accumulator: the estimates come from the bad-debt
/// tail (the loss) and the extra tails (liquidated value, bad debt if
/// liquidated, each asset's share), the means and counts from the unit
/// records added in unit order. An accumulator merged from shard files or MPI
/// ranks is the one threads leave, so the result is too, bit for bit.
/// - Complexity: that of the engine run, plus O(units · (10 + K)) for the fold.
extension CascadeMonteCarlo {
    /// Runs `settings.shocks` cascades of `cascade` from today's prices `prices`
    /// under `model` (relative log returns of the book's assets), on `settings.simulation.backend`.
    /// - Throws: `VarianceReductionRefused` under importance sampling or antithetic pairs;
    ///   `.invalidParameter(.scenarios)` when the shocks leave no tail at a level;
    ///   what the engine throws for its settings (`targetPrecision` out of reach …).
    public static func run(cascade: LiquidationCascade, prices: [Double], model: ScenarioModel,
                           settings: Settings, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        let plan = try Self.plan(cascade: cascade, prices: prices, model: model, settings: settings)
        let rounds = try MonteCarloEngine().rounds(plan, progress: progress)
        return try result(plan: plan, rounds: rounds, accounts: cascade.book.accounts.count, assets: prices.count,
                          settings: settings)
    }

    /// The accumulator of `units` of the fixed-size run `run` makes, for a shard file:
    /// `run` with `settings.simulation.backend = PrecomputedBackend(merged)` over the merge
    /// of such accumulators covering every unit gives what one `run` gives.
    /// - Throws: what `run` throws, and `.invalidParameter(.targetPrecision)` (rounds need the merged SE).
    public static func accumulate(cascade: LiquidationCascade, prices: [Double], model: ScenarioModel,
                                  settings: Settings, units: Range<Int>,
                                  progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TailAccumulator {
        let plan = try Self.plan(cascade: cascade, prices: prices, model: model, settings: settings)
        return try MonteCarloEngine().accumulate(plan, units: units, progress: progress)
    }

    /// Checks the settings and fixes the engine's plan of the cascade payoff.
    static func plan(cascade: LiquidationCascade, prices: [Double], model: ScenarioModel,
                     settings: Settings) throws -> SimulationPlan {
        let n = settings.shocks
        let A = cascade.book.assets.count
        precondition(model.dimension == A && prices.count == A, "one modelled asset per asset of the book")
        let reduction = settings.simulation.varianceReduction
        if reduction != .none { throw VarianceReductionRefused(reduction: reduction) }
        try Limits.check(settings.simulation.threads, atMost: Limits.threads, parameter: .threads)
        try Limits.check(n, atMost: Limits.scenarios, parameter: .scenarios)
        for level in settings.levels where level.tailCount(n) < 1 {
            throw TailRiskError.invalidParameter(.scenarios, message: "\(n) shocks leave no tail at \(level.confidence); "
                                              + "use at least \(Int((1 / level.alpha).rounded(.up)))")
        }
        var simulation = settings.simulation
        // Engine outputs of the portfolio payoff only: no histogram, tail export or standalone tails.
        simulation.histogramBins = 0
        simulation.tailScenariosToExport = 0
        simulation.standalone = false
        let limit = simulation.targetPrecision == nil ? n : max(n, simulation.maxScenarios)
        let payoff = CascadePayoff(cascade: cascade, prices: prices, assetTails: settings.assetTails,
                                   samples: limit <= samplesLimit)
        return try SimulationPlan(model: model, payoff: payoff, levels: settings.levels, settings: simulation)
    }

    /// The result from the merged accumulator of the rounds.
    /// - Throws: `TailAccumulator.MergeError` when a unit record has the wrong length (an altered shard file).
    static func result(plan: SimulationPlan, rounds: MonteCarloEngine.Rounds, accounts K: Int, assets A: Int,
                       settings: Settings) throws -> Result {
        typealias L = CascadePayoff.Layout
        let acc = rounds.accumulated
        let n = acc.scenarios
        let samples = (plan.evaluator.payoff as! CascadePayoff).samples
        var sums = [Double](repeating: 0, count: L.scalars)
        var accountSum = [Double](repeating: 0, count: K)
        var bad: [Double] = [], volume: [Double] = [], ifLiquidated: [Double] = []
        if samples { bad.reserveCapacity(n); volume.reserveCapacity(n); ifLiquidated.reserveCapacity(n) }
        var maxRounds = 0.0
        for u in acc.records.keys.sorted() {
            let r = acc.records[u]!
            let rows = plan.rows(unit: u)
            guard r.count == L.scalars + K + (samples ? 3 * rows : 0) else {
                throw TailAccumulator.MergeError("unit \(u) holds a record of \(r.count) values, not of this cascade")
            }
            for i in 0..<L.scalars where i != L.maxRounds { sums[i] += r[i] }
            maxRounds = max(maxRounds, r[L.maxRounds])
            for k in 0..<K { accountSum[k] += r[L.scalars + k] }
            if samples {
                for row in 0..<rows {
                    let at = L.scalars + K + 3 * row
                    bad.append(r[at]); volume.append(r[at + 1]); ifLiquidated.append(r[at + 2])
                }
            }
        }
        let tails = acc.sortedAssetTails.map { $0.map(\.loss) }
        func estimates(_ tail: [Double]) -> [RiskEstimate] {
            settings.levels.map { TailEstimator.estimate(tail: tail, scenarios: n, level: $0) }
        }
        let accountMean = accountSum.map { $0 / Double(n) }
        let shares = (plan.evaluator.payoff as! CascadePayoff).shares
        var assetMean = [Double](repeating: 0, count: A)
        for k in 0..<K where accountMean[k] > 0 { for a in 0..<A { assetMean[a] += accountMean[k] * shares[k * A + a] } }
        let N = Double(n)
        // Counts come back as integers (a decoded record could hold anything: refuse it, never trap).
        guard let capped = Int(exactly: sums[L.capped]), let halted = Int(exactly: sums[L.halted]),
              let maxRoundCount = Int(exactly: maxRounds) else {
            throw TailAccumulator.MergeError("the unit records hold counts that are not integers")
        }
        return Result(shocks: n, badDebt: rounds.estimates, liquidations: estimates(tails[0]),
                      meanBadDebt: sums[L.badDebt] / N, meanLiquidations: sums[L.liquidated] / N,
                      maxBadDebt: rounds.sortedTail.first?.loss ?? 0,
                      probabilityOfBadDebt: sums[L.withBadDebt] / N,
                      badDebtIfLiquidated: estimates(tails[1]),
                      meanLatentDeficit: sums[L.latent] / N,
                      probabilityOfAccountsBelowOne: sums[L.belowOneShocks] / N,
                      meanAccountsBelowOne: sums[L.belowOneAccounts] / N,
                      cappedShocks: capped, haltedShocks: halted,
                      meanRounds: sums[L.rounds] / N, maxRounds: maxRoundCount,
                      accountBadDebt: accountMean, assetBadDebt: assetMean,
                      badDebtSamples: bad, liquidationSamples: volume, badDebtIfLiquidatedSamples: ifLiquidated,
                      assetBadDebtRisk: settings.assetTails ? (0..<A).map { estimates(tails[2 + $0]) } : nil,
                      precisionReached: rounds.precisionReached)
    }
}
