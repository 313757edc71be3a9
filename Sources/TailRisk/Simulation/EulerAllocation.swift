import Dispatch

/// Euler ES contributions and exported tail scenarios, by regenerating the
/// tail scenarios from their keys.
///
/// `C_i = (1/k) Σ_t w_t a_i(t)` over the tail in loss order, with the
/// Acerbi–Tasche weights of the ES (`w_t = 1` before rank `⌈k⌉`, `k − ⌈k⌉ + 1`
/// at it; under importance sampling the likelihood ratios before the VaR rank
/// and `k − W` at it, `RankWeights`) and `a_i(t)` asset `i`'s loss in scenario `t` (Tasche 1999, 2002),
/// so `Σ_i C_i = ES` up to rounding. Every scenario draws from its own key
/// (`ScenarioGenerator`), so the needed tail scenarios are redrawn alone, in
/// batches of `blockRows` consecutive ranks, each correlated by one `dtrmm`;
/// memory grows with the batch (`blockRows × d`) and the tail, never with
/// assets × scenarios. Batch sums are added in rank order, so the
/// contributions do not depend on the thread count.
///
/// Each regenerated scenario's portfolio loss (by the evaluator's own formula)
/// and, under importance sampling, its likelihood ratio are compared with the
/// stored entry: a tail read from shard files that no longer matches its
/// scenarios (an edited `shard.bin` with a recomputed CRC) is reported as a
/// `TailAccumulator.RegenerationMismatch` before any figure is reported. The
/// tolerance, `1e-9` of `Σ_i |V_i g_i|`, only absorbs a BLAS blocking that sums
/// in another order.
struct EulerAllocation {
    let evaluator: BlockEvaluator
    /// The rank weights of each level's ES (`TailWeights`, or the likelihood ratios
    /// under importance sampling, `ImportanceEstimator.rankWeights`).
    let weights: [RankWeights]

    /// Contributions `[level][asset]` and the first `export` tail scenarios.
    /// - Parameter tail: the merged tail in loss order.
    /// - Complexity: O(m · d · h) draws and m · d² flops for the
    ///   `m = max(⌈k⌉, export)` regenerated scenarios.
    func regenerate(tail: [TailEntry], export: Int, threads: Int)
        -> (contributions: [[Double]], scenarios: [TailScenario], mismatch: TailAccumulator.RegenerationMismatch?) {
        let d = evaluator.generator.dimension
        let batch = ScenarioGenerator.blockRows(dimension: d)
        let needed = min(tail.count, max(weights.map(\.varRank).max()!, export))
        let batches = (needed + batch - 1) / batch
        let queue = WorkQueue<[BatchShare]>(units: 0..<batches, results: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            let w = Workspace(dimension: d)
            let pnl = UnsafeMutablePointer<Double>.allocate(capacity: max(batch * d, 1))
            defer { pnl.deallocate() }
            var shares: [BatchShare] = []
            while let b = queue.next() {
                shares.append(share(ranks: b * batch..<min(needed, (b + 1) * batch), tail: tail, export: export,
                                    workspace: w, pnl: pnl, position: b))
            }
            queue.store(shares, at: worker)
        }
        var all = queue.results.flatMap { $0! }
        all.sort { $0.position < $1.position }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: weights.count)
        var exported: [TailScenario] = []
        for s in all {
            for l in weights.indices { for j in 0..<d { sums[l][j] += s.sums[l * d + j] } }
            exported.append(contentsOf: s.scenarios)
        }
        let contributions = weights.indices.map { l in sums[l].map { $0 / weights[l].tailCount } }
        return (contributions, exported, all.lazy.compactMap(\.mismatch).first)
    }

    /// One batch's weighted asset-loss sums `[level · d + asset]` and its exported scenarios.
    struct BatchShare {
        let position: Int
        let sums: [Double]
        let scenarios: [TailScenario]
        /// The first entry of the batch whose scenario does not regenerate to it.
        let mismatch: TailAccumulator.RegenerationMismatch?
    }

    /// - Parameter pnl: `blockRows × d` doubles of the worker's, for the revalued batch.
    private func share(ranks: Range<Int>, tail: [TailEntry], export: Int, workspace w: Workspace,
                       pnl: UnsafeMutablePointer<Double>, position: Int) -> BatchShare {
        let g = evaluator.generator
        let d = g.dimension
        var drawnWeights = [Double](repeating: 1, count: ranks.count)
        var regenerated = [(loss: Double, scale: Double)](repeating: (0, 0), count: ranks.count)
        drawnWeights.withUnsafeMutableBufferPointer { wp in
            for (row, rank) in ranks.enumerated() {
                g.draw(first: tail[rank].index, rows: 1, into: w.block + row * d, scratch: w.scratch,
                       weights: wp.baseAddress! + row)
            }
        }
        if let (b, m) = evaluator.shortcut {
            // The evaluator's loss −(m + b·z), from the normals before they are correlated.
            for row in 0..<ranks.count {
                let z = w.block + row * d
                var scale = abs(m)
                for j in 0..<d { scale += abs(b[j] * z[j]) }
                regenerated[row] = (-(m + b.withUnsafeBufferPointer { dot($0.baseAddress!, z, count: d) }), scale)
            }
        }
        g.correlate(w.block, rows: ranks.count)
        // Each asset's loss −V_j·expm1(r_j) (exact; by the block's eight-lane `fastExpm1InPlace`,
        // the same bits as `fastExpm1`) or −V_j·r_j (linear), the returns kept for the export.
        let count = ranks.count * d
        pnl.update(from: w.block, count: count)
        if evaluator.pnl == .exact { fastExpm1InPlace(pnl, count: count) }
        var sums = [Double](repeating: 0, count: weights.count * d)
        var scenarios: [TailScenario] = []
        var losses = [Double](repeating: 0, count: d)
        let v = evaluator.values
        var mismatch: TailAccumulator.RegenerationMismatch?
        for (row, rank) in ranks.enumerated() {
            let r = w.block + row * d, g = pnl + row * d
            for j in 0..<d { losses[j] = -v[j] * g[j] }
            if evaluator.shortcut == nil {
                regenerated[row] = (-v.withUnsafeBufferPointer { dot($0.baseAddress!, g, count: d) },
                                    losses.reduce(0) { $0 + abs($1) })
            }
            if mismatch == nil {
                mismatch = TailAccumulator.RegenerationMismatch(rank: rank, entry: tail[rank], loss: regenerated[row].loss,
                                                                scale: regenerated[row].scale, weight: drawnWeights[row])
            }
            for l in weights.indices {
                let weight = weights[l].weight(rank: rank, entry: tail[rank])
                if weight == 0 { continue }
                for j in 0..<d { sums[l * d + j] += weight * losses[j] }
            }
            if rank < export {
                let entry = tail[rank]
                scenarios.append(TailScenario(index: entry.index, loss: entry.loss, assetPnL: losses.map { -$0 },
                                              returns: Array(UnsafeBufferPointer(start: r, count: d)),
                                              weight: entry.weight))
            }
        }
        return BatchShare(position: position, sums: sums, scenarios: scenarios, mismatch: mismatch)
    }
}
