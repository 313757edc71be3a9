import Foundation
import Testing
@testable import TailRisk

/// methods.md §10's VaR under weights, as corrected (issue 21, item 9): the loss at which the
/// cumulative weight, summed from the largest loss down, *first reaches* `nα`. With unit weights
/// that is §4's order statistic `L_(⌈k⌉)` and the Acerbi–Tasche ES, not the next order statistic
/// (which "first exceeds `nα`" would give whenever `nα` is a whole number).
@Suite struct WeightedOrderStatisticTests {
    /// A deterministic sample of distinct losses (a Weyl sequence, no ties).
    func losses(_ n: Int) -> [Double] {
        (0..<n).map { i in
            let u = (Double(i) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
            return -log(1 - 0.98 * u) * 100
        }
    }

    @Test("unit weights give §4's order statistic and ES at whole and fractional nα")
    func unitWeightsMatchOrderStatistic() throws {
        // n·α whole (1000 × 0.01 = 10, 400 × 0.025 = 10) and fractional (1050 × 0.01 = 10.5, 333 × 0.05).
        for (n, confidence) in [(1000, 0.99), (400, 0.975), (1050, 0.99), (333, 0.95), (200, 0.999)] {
            let l = losses(n)
            let level = try ConfidenceLevel(confidence)
            let sorted = l.sorted(by: >)
            let tail = sorted.enumerated().map { TailEntry(loss: $0.element, index: $0.offset) }
            let k = level.tailCount(n)
            let weighted = try #require(ImportanceEstimator.point(tail, tailCount: k))
            let plain = try HistoricalRisk.estimate(losses: l, level: level)
            #expect(weighted.valueAtRisk == plain.valueAtRisk, "n \(n), c \(confidence)")
            #expect(abs(weighted.expectedShortfall - plain.expectedShortfall) <= 1e-12 * plain.expectedShortfall)
            // The rank: ⌈k⌉ (1-based), i.e. 0-based ⌈k⌉ − 1.
            #expect(weighted.rank == Int(k.rounded(.up)) - 1, "n \(n), c \(confidence)")
        }
    }

    @Test("a cumulative weight that reaches nα exactly stops at that loss, not the next")
    func reachingIsEnough() throws {
        // Weights 0.5, 1.5, 2, 1 over losses 40 > 30 > 20 > 10; k = 4 is reached at the third loss.
        let tail = [TailEntry(loss: 40, index: 3, weight: 0.5), TailEntry(loss: 30, index: 1, weight: 1.5),
                    TailEntry(loss: 20, index: 0, weight: 2), TailEntry(loss: 10, index: 2, weight: 1)]
        let p = try #require(ImportanceEstimator.point(tail, tailCount: 4))
        #expect(p.valueAtRisk == 20)
        #expect(p.rank == 2)
        #expect(p.residual == 2)
        // ES = [0.5·40 + 1.5·30 + (4 − 2)·20]/4 = 26.25.
        #expect(abs(p.expectedShortfall - 26.25) < 1e-12)
        // Just past the third loss's cumulative weight the fourth loss is the VaR.
        let q = try #require(ImportanceEstimator.point(tail, tailCount: 4.25))
        #expect(q.valueAtRisk == 10)
        // A tail whose whole weight stays below k has no estimate.
        #expect(ImportanceEstimator.point(tail, tailCount: 5.5) == nil)
    }
}
