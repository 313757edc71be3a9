import Dispatch

/// Euler ES contributions and exported tail scenarios, by regenerating the
/// tail scenarios from their keys.
///
/// `C_i = (1/k) Σ_t w_t a_i(t)` over the tail in loss order, with the
/// Acerbi–Tasche weights of the ES (`w_t = 1` before rank `⌈k⌉`, `k − ⌈k⌉ + 1`
/// at it) and `a_i(t)` asset `i`'s loss in scenario `t` (Tasche 1999, 2002),
/// so `Σ_i C_i = ES` up to rounding. Scenario `t = unit·4096 + offset` is
/// rebuilt by replaying its unit's stream up to `offset` (skipping the rows
/// in between without forming them) and correlating that one row, so memory grows with the number of units holding tail scenarios
/// (× levels × d), never with assets × scenarios. Per-unit sums are added in
/// unit order, so the contributions do not depend on the thread count.
struct EulerAllocation {
    let evaluator: BlockEvaluator
    let weights: [TailWeights]

    init(evaluator: BlockEvaluator, levels: [ConfidenceLevel], scenarios n: Int) {
        self.evaluator = evaluator
        weights = levels.map { TailWeights(level: $0, scenarios: n) }
    }

    /// Contributions `[level][asset]` and the first `export` tail scenarios.
    /// - Parameter tail: the merged tail in loss order.
    /// - Complexity: a replay of every unit up to its last tail row (about half
    ///   the cost of drawing it), plus O(d²) per tail scenario.
    func regenerate(tail: [TailEntry], export: Int, threads: Int)
        -> (contributions: [[Double]], scenarios: [TailScenario]) {
        let d = evaluator.generator.dimension
        let unit = ScenarioGenerator.rowsPerUnit
        let needed = min(tail.count, max(weights.map(\.varRank).max()!, export))
        // Group the needed ranks by unit, in increasing unit and offset order.
        var byUnit: [Int: [(offset: Int, rank: Int)]] = [:]
        for rank in 0..<needed {
            let index = tail[rank].index
            byUnit[index / unit, default: []].append((index % unit, rank))
        }
        let units = byUnit.keys.sorted()
        let jobs = units.map { u in byUnit[u]!.sorted { $0.offset < $1.offset } }
        let queue = WorkQueue<[UnitShare]>(units: 0..<jobs.count, results: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            let w = Workspace(dimension: d)
            var shares: [UnitShare] = []
            while let job = queue.next() {
                shares.append(share(unit: units[job], rows: jobs[job], tail: tail, export: export,
                                    workspace: w, position: job))
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
        exported.sort { TailEntry.precedes(TailEntry(loss: $0.loss, index: $0.index), TailEntry(loss: $1.loss, index: $1.index)) }
        let contributions = weights.indices.map { l in sums[l].map { $0 / weights[l].tailCount } }
        return (contributions, exported)
    }

    /// One unit's weighted asset-loss sums `[level · d + asset]` and its exported scenarios.
    struct UnitShare {
        let position: Int
        let sums: [Double]
        let scenarios: [TailScenario]
    }

    private func share(unit u: Int, rows: [(offset: Int, rank: Int)], tail: [TailEntry], export: Int,
                       workspace w: Workspace, position: Int) -> UnitShare {
        let g = evaluator.generator
        let d = g.dimension
        g.draw(unit: u, rows: rows.last!.offset + 1, into: w.block, scratch: w.scratch, keeping: rows.map(\.offset))
        var sums = [Double](repeating: 0, count: weights.count * d)
        var scenarios: [TailScenario] = []
        for (offset, rank) in rows {
            let r = g.correlatedRow(w.block + offset * d)
            let losses = (0..<d).map { evaluator.assetLoss($0, r[$0]) }
            for l in weights.indices {
                let weight = weights[l].weight(rank: rank)
                if weight == 0 { continue }
                for j in 0..<d { sums[l * d + j] += weight * losses[j] }
            }
            if rank < export {
                let entry = tail[rank]
                scenarios.append(TailScenario(index: entry.index, loss: entry.loss,
                                              assetPnL: losses.map { -$0 }, returns: r))
            }
        }
        return UnitShare(position: position, sums: sums, scenarios: scenarios)
    }
}
