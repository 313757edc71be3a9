import Testing
@testable import TailRisk

@Suite struct TailBufferTests {
    /// Many ties (losses on a coarse grid): the buffer keeps exactly the first
    /// `capacity` entries of the full sort by (loss descending, index ascending),
    /// also when split across buffers and merged.
    @Test(arguments: [1, 7, 64])
    func keepsTheLargestWithTiesByIndex(capacity: Int) {
        var rng = Xoshiro256PlusPlus(seed: 8, unit: 0)
        let n = 3000
        let order = (0..<n).map { _ in rng.nextIndex(below: 1_000_000) }
        let losses = (0..<n).map { _ in Double(rng.nextIndex(below: 40)) }
        let offered = (0..<n).sorted { order[$0] < order[$1] }  // shuffled offering order
        var one = TailBuffer(capacity: capacity)
        var parts = [TailBuffer](repeating: TailBuffer(capacity: capacity), count: 3)
        for (position, i) in offered.enumerated() {
            one.offer(loss: losses[i], index: i)
            parts[position % 3].offer(loss: losses[i], index: i)
        }
        var merged = TailBuffer(capacity: capacity)
        for p in parts.reversed() { merged.merge(p) }
        let truth = (0..<n).map { TailEntry(loss: losses[$0], index: $0) }
            .sorted { ($0.loss, -$0.index) > ($1.loss, -$1.index) }
        #expect(one.sorted == Array(truth.prefix(capacity)))
        #expect(merged.sorted == Array(truth.prefix(capacity)))
    }

    /// Quickselect puts the rank-th entry of the full sort in place, with only better ones before it.
    @Test(arguments: [0, 1, 500, 998, 999])
    func selectMatchesSort(rank: Int) {
        var rng = Xoshiro256PlusPlus(seed: 12, unit: 0)
        var a: [TailEntry] = []
        for _ in 0..<1000 {
            a.append(TailEntry(loss: Double(rng.nextIndex(below: 30)), index: rng.nextIndex(below: 1 << 40)))
        }
        let truth = a.sorted(by: TailEntry.precedes)
        TailBuffer.select(&a, rank: rank)
        #expect(a[rank] == truth[rank])
        #expect(Set(a[..<rank].map { $0.index }) == Set(truth[..<rank].map { $0.index }))
    }

    /// Acerbi–Tasche with fractional k: n = 250, α = 1% gives k = 2.5, VaR = L_(3),
    /// ES = (L_(1) + L_(2) + 0.5·L_(3))/2.5.
    @Test func fractionalTailCount() {
        let tail = [10.0, 8.0, 6.0, 5.0] + [Double](repeating: 1, count: 20)
        let e = TailEstimator.estimate(tail: tail, scenarios: 250, level: ConfidenceLevel(0.99))
        #expect(e.valueAtRisk == 6)
        #expect(abs(e.expectedShortfall - (10 + 8 + 0.5 * 6) / 2.5) < 1e-15)
        let w = TailWeights(level: ConfidenceLevel(0.99), scenarios: 250)
        #expect(w.varRank == 3 && w.lastWeight == 0.5 && w.weight(rank: 3) == 0)
    }

    /// The VaR interval ranks from binomial quantiles: `lower = ppf(0.025)`,
    /// `upper = ppf(0.975) + 1`, with the quantiles from
    /// `scipy.stats.binom.ppf(q, n, alpha)` (SciPy 1.x), up to n = 10⁸.
    @Test(arguments: [
        (1_000_000, 0.99, 9805, 10196), (100_000_000, 0.95, 4_995_729, 5_004_273),
        (100_000_000, 0.99, 998_050, 1_001_952), (100_000, 0.99, 939, 1063), (250, 0.99, 1, 7),
    ])
    func valueAtRiskRanks(n: Int, confidence: Double, lower: Int, upper: Int) throws {
        let r = Precision.valueAtRiskRanks(level: try ConfidenceLevel(confidence), scenarios: n)
        #expect(r.lower == lower && r.upper == upper)
    }

    /// SE(ES) = √((s² + (1 − α)(ES − VaR)²)/k) on a hand-checked tail.
    @Test func expectedShortfallStandardError() {
        let tail: ArraySlice<Double> = [4, 3, 2]
        let se = Precision.expectedShortfallStandardError(tail: tail, valueAtRisk: 2, expectedShortfall: 3,
                                                          alpha: 0.01, tailCount: 3)
        #expect(abs(se - ((1 + 0.99 * 1) / 3).squareRoot()) < 1e-15)
    }
}
