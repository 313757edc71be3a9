import Foundation

/// The liquidation cascade as an engine payoff (`Payoff`, methods.md §9):
/// scenario `j`'s log returns `ρ` relative to the debt asset shock today's
/// prices to `P_a⁰ = P_a exp(ρ_a)`, the oracle starts at `P_a`, and
/// `LiquidationCascade` runs to its end.
///
/// - Loss: the protocol's bad debt `Σ_k max(0, d_k − C_k)`.
/// - Extra tails: the liquidated value; the bad debt if the accounts a brake
///   left below HF 1 were liquidated now (`LiquidationCascade+Latent`); with
///   `assetTails`, each asset's share of the bad debt (each account's bad debt
///   split over its collateral by value share before the shock).
/// - Unit record (`Layout`): the sums and counts of the unit's outcomes, each
///   account's bad debt summed over the unit, and with `samples` the unit's
///   (bad debt, liquidated value, bad debt if liquidated) per scenario.
///   Summed within a unit in scenario order and folded over units in unit
///   order (`CascadeMonteCarlo`), every figure is the same for any split.
/// - Complexity: one cascade per scenario; record `10 + K (+ 3·rows)` doubles a unit.
struct CascadePayoff: Payoff {
    let cascade: LiquidationCascade
    /// Today's prices in the numéraire, the oracle's start.
    let prices: [Double]
    /// Each account's value share per asset before the shock, `K × A` row-major.
    let shares: [Double]
    /// Whether each asset's share of the bad debt is ranked in its own tail.
    let assetTails: Bool
    /// Whether each unit keeps its scenarios' outcomes (for `samples` in the result).
    let samples: Bool

    init(cascade: LiquidationCascade, prices: [Double], assetTails: Bool, samples: Bool) {
        self.cascade = cascade
        self.prices = prices
        self.assetTails = assetTails
        self.samples = samples
        let book = cascade.book, K = book.accounts.count, A = book.assets.count
        var shares = [Double](repeating: 0, count: K * A)
        for k in 0..<K {
            var total = 0.0
            for a in 0..<A { total += book.quantity(account: k, asset: a) * prices[a] }
            if total > 0 { for a in 0..<A { shares[k * A + a] = book.quantity(account: k, asset: a) * prices[a] / total } }
        }
        self.shares = shares
    }

    /// Where each figure sits in a unit's record.
    enum Layout {
        static let badDebt = 0, liquidated = 1, withBadDebt = 2, latent = 3, belowOneShocks = 4
        static let belowOneAccounts = 5, capped = 6, halted = 7, rounds = 8, maxRounds = 9
        /// Scalars before the per-account sums.
        static let scalars = 10
    }

    var accounts: Int { cascade.book.accounts.count }
    var extraTails: Int { 2 + (assetTails ? cascade.book.assets.count : 0) }
    func recordWidth(rows: Int) -> Int { Layout.scalars + accounts + (samples ? 3 * rows : 0) }
    var linearValues: [Double]? { nil }
    /// The collateral value per asset: the exposure the settings check.
    var values: [Double] { prices.indices.map { prices[$0] * cascade.book.totalQuantities[$0] } }

    /// The cascade's inputs, so that shards of another book, rule set or depth do not merge.
    var fingerprintTag: [UInt8] {
        var bytes = Array("cascade".utf8)
        func put(_ x: Double) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x.bitPattern >> (8 * UInt64(i)))) } }
        let r = cascade.rules
        let depth = cascade.depth
        for x in prices + cascade.book.debts + cascade.book.quantities + r.thresholds + depth.impact + depth.volatility
            + depth.adv.map({ $0 ?? -1 }) { put(x) }
        for x in [r.bonus, r.dust, Double(r.maxRounds), r.breaker ?? -1, r.oracle?.deviation ?? -1,
                  Double(r.oracle?.heartbeat ?? -1), assetTails ? 1 : 0, samples ? 1 : 0] { put(x) }
        return bytes
    }

    /// A worker's cascade workspace and price buffers.
    final class State {
        let workspace: LiquidationCascade.Workspace
        var shocked: [Double]
        var split: [Double]
        init(_ payoff: CascadePayoff) {
            workspace = LiquidationCascade.Workspace(cascade: payoff.cascade)
            shocked = payoff.prices
            split = [Double](repeating: 0, count: payoff.prices.count)
        }
    }

    func makeState() -> AnyObject? { State(self) }

    func evaluate(returns: UnsafeMutablePointer<Double>, rows: Int, first: Int, losses: UnsafeMutablePointer<Double>,
                  state: AnyObject?, tails: inout [TailBuffer]?, record: UnsafeMutablePointer<Double>?) {
        let s = state as! State
        let A = prices.count
        let record = record!
        let unitStart = first / ScenarioGenerator.rowsPerUnit * ScenarioGenerator.rowsPerUnit
        let sampleBase = record + Layout.scalars + accounts
        for row in 0..<rows {
            let j = first + row
            let r = returns + row * A
            for a in 0..<A { s.shocked[a] = prices[a] * exp(r[a]) }
            for a in 0..<A { s.split[a] = 0 }
            let o = cascade.run(shocked: s.shocked, oracleStart: prices, workspace: s.workspace, record: false) { k, b in
                record[Layout.scalars + k] += b
                if assetTails { for a in 0..<A { s.split[a] += b * shares[k * A + a] } }
            }
            losses[row] = o.badDebt
            tails?[0].offer(loss: o.liquidatedValue, index: j)
            tails?[1].offer(loss: o.badDebtIfLiquidated, index: j)
            if assetTails { for a in 0..<A { tails?[2 + a].offer(loss: s.split[a], index: j) } }
            record[Layout.badDebt] += o.badDebt
            record[Layout.liquidated] += o.liquidatedValue
            if o.badDebt > 0 { record[Layout.withBadDebt] += 1 }
            record[Layout.latent] += o.latentDeficit
            if o.accountsBelowOne > 0 { record[Layout.belowOneShocks] += 1 }
            record[Layout.belowOneAccounts] += Double(o.accountsBelowOne)
            if o.capped { record[Layout.capped] += 1 }
            if o.haltedAfter != nil { record[Layout.halted] += 1 }
            record[Layout.rounds] += Double(o.rounds)
            record[Layout.maxRounds] = max(record[Layout.maxRounds], Double(o.rounds))
            if samples {
                let at = sampleBase + 3 * (j - unitStart)
                at[0] = o.badDebt
                at[1] = o.liquidatedValue
                at[2] = o.badDebtIfLiquidated
            }
        }
    }
}
