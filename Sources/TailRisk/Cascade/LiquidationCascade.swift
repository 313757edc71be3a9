import Foundation

/// The round-by-round liquidation cascade of methods.md §9 on an account book.
///
/// Each round: the oracle updates (`CascadeRules.OracleLag`, else it is the
/// market); every account with `HF_k = Σ_a c_{k,a} O_a LT_a / d_k < 1`, some
/// collateral and a debt above dust is liquidated: close factor 0.5 when
/// `HF_k ≥ 0.95`, else 1; repay `r_k = CF·d_k` and seize collateral worth
/// `r_k(1 + β)` at oracle prices, largest position first; when the account's
/// collateral `C_k` is worth less, seize all of it and repay `C_k/(1 + β)`.
/// The round's seized units are sold: with `Q_a` units sold in all rounds so
/// far, `P_a = P_a⁰ exp(−Y σ_a √(Q_a / ADV_a))` (`MarketDepth`). Rounds repeat
/// until no account is liquidatable (and the oracle has caught up with the
/// market), at most `maxRounds` (`capped` says when the cap binds), or until a
/// round moves a price by more than the breaker. Then
/// bad debt `= Σ_k max(0, d_k − Σ_a c_{k,a} P_a)` at market prices, and beside
/// it the accounts a brake left below HF 1 with their latent deficit
/// `Σ_k max(0, d_k − C_k/(1 + β))` (`LiquidationCascade+Latent`).
///
/// A run reads the book and writes only into a `Workspace`, which it restores
/// afterwards by undoing the accounts it touched, so a Monte Carlo worker runs
/// many shocks on one workspace without copying the book.
/// - Complexity: O(rounds · K · A) for `K` indebted accounts and `A` assets,
///   no allocation per round (per-round records only when asked).
public struct LiquidationCascade: Sendable {
    public let book: AccountBook
    public let rules: CascadeRules
    public let depth: MarketDepth
    /// Accounts with a debt above dust (the only ones that can be liquidated or leave bad debt).
    let indebted: [Int32]

    public init(book: AccountBook, rules: CascadeRules, depth: MarketDepth, debts: [Double]? = nil) {
        precondition(rules.thresholds.count == book.assets.count && depth.assets.count == book.assets.count,
                     "rules and depth for every asset of the book")
        let d = debts ?? book.debts
        precondition(d.count == book.accounts.count, "one debt per account")
        self.book = debts.map { AccountBook(source: book.source, accounts: book.accounts, assets: book.assets,
                                            debtAsset: book.debtAsset, quantities: book.quantities, debts: $0,
                                            assetLines: book.assetLines) } ?? book
        self.rules = rules
        self.depth = depth
        indebted = d.indices.filter { d[$0] > 0 }.map { Int32($0) }
    }

    /// Runs the cascade from shocked market prices `shocked` (numéraire units).
    /// - Parameters:
    ///   - oracleStart: the oracle's prices before the shock (default: the shocked prices); read only under an oracle lag.
    ///   - record: keep the round table and the per-account outcomes.
    public func run(shocked: [Double], oracleStart: [Double]? = nil, record: Bool = false) -> Outcome {
        let w = Workspace(cascade: self)
        return run(shocked: shocked, oracleStart: oracleStart, workspace: w, record: record)
    }

    /// As `run(shocked:oracleStart:record:)` on a reusable workspace (restored on return).
    public func run(shocked: [Double], oracleStart: [Double]?, workspace w: Workspace, record: Bool,
                    badDebtByAccount: ((Int, Double) -> Void)? = nil) -> Outcome {
        let A = book.assets.count
        precondition(shocked.count == A, "one shocked price per asset")
        let lt = rules.thresholds, beta = rules.bonus, dust = rules.dust
        let q = w.quantities, debt = w.debts
        let market = w.market, oracle = w.oracle, sold = w.sold, roundSold = w.roundSold, before = w.before
        let lastUpdate = w.lastUpdate, order = w.order
        for a in 0..<A {
            market[a] = shocked[a]
            oracle[a] = rules.oracle == nil ? shocked[a] : (oracleStart?[a] ?? shocked[a])
            sold[a] = 0
            lastUpdate[a] = 0
        }
        var rounds = 0, liquidations = 0, halted: Int?, capped = false
        var liquidatedValue = 0.0, repaidTotal = 0.0
        var table: [Round] = []
        var hfBefore: [Double?] = []
        if record {
            w.resetRecord()
            hfBefore = (0..<book.accounts.count).map { k in healthFactor(k, prices: shocked, w: w) }
        }
        var liquidatable = true
        while halted == nil {
            // The oracle of round `rounds + 1`.
            var stale = false
            if let o = rules.oracle {
                let t = rounds + 1
                for a in 0..<A {
                    let moved = abs(market[a] / oracle[a] - 1) > o.deviation
                    if moved || o.heartbeat.map({ t - lastUpdate[a] >= $0 }) ?? false {
                        oracle[a] = market[a]
                        lastUpdate[a] = t
                    }
                    if oracle[a] != market[a] { stale = true }
                }
            } else {
                for a in 0..<A { oracle[a] = market[a] }
            }
            if rounds == rules.maxRounds {
                capped = anyLiquidatable(w: w)
                break
            }
            var count = 0, seized = 0.0, repaid = 0.0
            for a in 0..<A { roundSold[a] = 0 }
            for index in indebted {
                let k = Int(index)
                let d = debt[k]
                guard d > dust else { continue }
                let row = q + k * A
                let (value, weighted) = Self.worth(row, at: oracle, thresholds: lt, count: A)
                guard weighted < d, value > 0 else { continue }
                if !w.touched[k] { w.touch(k) }
                let r0 = (weighted / d >= rules.closeFactorThreshold ? 0.5 : 1) * d
                var r = r0, take = r0 * (1 + beta)
                if value < take {
                    take = value
                    r = value / (1 + beta)
                    for a in 0..<A where row[a] > 0 {
                        roundSold[a] += row[a]
                        row[a] = 0
                    }
                } else {
                    // Largest position first.
                    for a in 0..<A { order[a] = a; before[a] = row[a] * oracle[a] }
                    for i in 1..<max(A, 1) {
                        var j = i
                        while j > 0 && before[order[j]] > before[order[j - 1]] {
                            let t = order[j]; order[j] = order[j - 1]; order[j - 1] = t
                            j -= 1
                        }
                    }
                    var left = take
                    for i in 0..<A where left > 0 {
                        let a = order[i]
                        let v = before[a]
                        guard v > 0 else { continue }
                        if v <= left {
                            roundSold[a] += row[a]
                            row[a] = 0
                            left -= v
                        } else {
                            let units = left / oracle[a]
                            roundSold[a] += units
                            row[a] -= units
                            left = 0
                        }
                    }
                }
                debt[k] = d - r
                count += 1
                seized += take
                repaid += r
                if record {
                    w.accountRepaid[k] += r
                    w.accountSeized[k] += take
                    w.accountLiquidations[k] += 1
                }
            }
            if count == 0 {
                liquidatable = false
                // Wait for an oracle that lags the market (it catches up by its heartbeat).
                if stale, rules.oracle?.heartbeat != nil {
                    rounds += 1
                    if record { table.append(recordRound(rounds, 0, 0, 0, w: w)) }
                    liquidatable = true
                    continue
                }
                break
            }
            rounds += 1
            liquidations += count
            liquidatedValue += seized
            repaidTotal += repaid
            var moved = false
            for a in 0..<A {
                let previous = market[a]
                sold[a] += roundSold[a]
                market[a] = shocked[a] * depth.priceFactor(asset: a, sold: sold[a])
                if let b = rules.breaker, abs(market[a] / previous - 1) > b { moved = true }
            }
            if moved { halted = rounds }
            if record { table.append(recordRound(rounds, count, seized, repaid, w: w)) }
        }
        _ = liquidatable
        // Bad debt at market prices, and what the accounts left below HF 1 would add if liquidated now.
        var bad = 0.0, left = 0.0, belowOne = 0, latent = 0.0, latentExtra = 0.0
        for index in indebted {
            let k = Int(index)
            let row = q + k * A
            let (value, weighted) = Self.worth(row, at: market, thresholds: lt, count: A)
            let b = debt[k] - value
            left += debt[k]
            if b > 0 {
                bad += b
                badDebtByAccount?(k, b)
            }
            if let l = Self.latentDeficit(debt: debt[k], value: value, weighted: weighted, rules: rules) {
                belowOne += 1
                latent += l
                latentExtra += l - max(0, b)
            }
        }
        var accounts: [AccountOutcome] = []
        var after: [Double] = []
        if record {
            let final = Array(UnsafeBufferPointer(start: market, count: A))
            after = Array(UnsafeBufferPointer(start: q, count: book.quantities.count))
            accounts = (0..<book.accounts.count).map { k in
                var value = 0.0, weighted = 0.0
                for a in 0..<A {
                    let v = q[k * A + a] * final[a]
                    value += v
                    weighted += v * lt[a]
                }
                return AccountOutcome(debtBefore: book.debts[k], debtAfter: debt[k], repaid: w.accountRepaid[k],
                                      seizedValue: w.accountSeized[k], collateralValueAfter: value,
                                      liquidations: w.accountLiquidations[k], healthFactorBefore: hfBefore[k],
                                      healthFactorAfter: healthFactor(k, prices: final, w: w),
                                      latentDeficit: Self.latentDeficit(debt: debt[k], value: value, weighted: weighted,
                                                                        rules: rules))
            }
        }
        let outcome = Outcome(rounds: rounds, capped: capped, haltedAfter: halted, liquidations: liquidations,
                              liquidatedValue: liquidatedValue, repaid: repaidTotal, badDebt: bad,
                              accountsBelowOne: belowOne, latentDeficit: latent, badDebtIfLiquidated: bad + latentExtra,
                              debtLeft: left,
                              initialPrices: shocked, finalPrices: Array(UnsafeBufferPointer(start: market, count: A)),
                              soldUnits: Array(UnsafeBufferPointer(start: sold, count: A)), roundTable: table,
                              accounts: accounts, quantitiesAfter: after)
        w.restore()
        return outcome
    }

    /// An account's collateral value `Σ_a q_a p_a` at `prices` and its threshold-weighted
    /// value `Σ_a q_a p_a LT_a` (borrowing power), summed in asset order. O(A).
    @inline(__always)
    private static func worth(_ row: UnsafeMutablePointer<Double>, at prices: UnsafeMutablePointer<Double>,
                              thresholds lt: [Double], count: Int) -> (value: Double, weighted: Double) {
        var value = 0.0, weighted = 0.0
        for a in 0..<count {
            let v = row[a] * prices[a]
            value += v
            weighted += v * lt[a]
        }
        return (value, weighted)
    }

    /// `Σ_a c_{k,a} P_a LT_a / d_k` on the workspace's quantities; `nil` without a debt.
    private func healthFactor(_ k: Int, prices: [Double], w: Workspace) -> Double? {
        let d = w.debts[k]
        guard d > 0 else { return nil }
        let A = book.assets.count
        var s = 0.0
        for a in 0..<A { s += w.quantities[k * A + a] * prices[a] * rules.thresholds[a] }
        return s / d
    }

    /// Whether some account is liquidatable at the workspace's oracle prices.
    private func anyLiquidatable(w: Workspace) -> Bool {
        let A = book.assets.count
        for index in indebted {
            let k = Int(index)
            guard w.debts[k] > rules.dust else { continue }
            var weighted = 0.0, value = 0.0
            for a in 0..<A {
                let v = w.quantities[k * A + a] * w.oracle[a]
                value += v
                weighted += v * rules.thresholds[a]
            }
            if weighted < w.debts[k] && value > 0 { return true }
        }
        return false
    }

    private func recordRound(_ round: Int, _ count: Int, _ seized: Double, _ repaid: Double, w: Workspace) -> Round {
        let A = book.assets.count
        var bad = 0.0
        for index in indebted {
            let k = Int(index)
            var value = 0.0
            for a in 0..<A { value += w.quantities[k * A + a] * w.market[a] }
            bad += max(0, w.debts[k] - value)
        }
        return Round(round: round, liquidations: count, seizedValue: seized, repaid: repaid,
                     sold: Array(UnsafeBufferPointer(start: w.roundSold, count: A)),
                     oraclePrices: Array(UnsafeBufferPointer(start: w.oracle, count: A)),
                     marketPrices: Array(UnsafeBufferPointer(start: w.market, count: A)), badDebt: bad)
    }
}
