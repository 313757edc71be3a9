import Foundation
import Testing
@testable import TailRisk

/// A literal transcription of Christoffersen's LR_ind (methods.md §6), for comparison.
func literalChristoffersen(_ hits: [Bool]) -> Double {
    var n = [[0, 0], [0, 0]]
    for t in 1..<hits.count { n[hits[t - 1] ? 1 : 0][hits[t] ? 1 : 0] += 1 }
    func xl(_ c: Int, _ p: Double) -> Double { c == 0 ? 0 : Double(c) * log(p) }
    let pi01 = n[0][0] + n[0][1] == 0 ? 0 : Double(n[0][1]) / Double(n[0][0] + n[0][1])
    let pi11 = n[1][0] + n[1][1] == 0 ? 0 : Double(n[1][1]) / Double(n[1][0] + n[1][1])
    let pi = Double(n[0][1] + n[1][1]) / Double(hits.count - 1)
    return -2 * (xl(n[0][0] + n[1][0], 1 - pi) + xl(n[0][1] + n[1][1], pi) - xl(n[0][0], 1 - pi01)
                 - xl(n[0][1], pi01) - xl(n[1][0], 1 - pi11) - xl(n[1][1], pi11))
}

@Suite struct CoverageStatisticsTests {
    @Test func kupiecAtTheEdges() {
        let t = 250, alpha = 0.01
        #expect(abs(Kupiec.likelihoodRatio(exceedances: 0, observations: t, alpha: alpha) - (-2 * 250 * log(0.99))) < 1e-12)
        #expect(abs(Kupiec.likelihoodRatio(exceedances: t, observations: t, alpha: alpha) - (-2 * 250 * log(0.01))) < 1e-9)
        // N = 0 is finite, not a blind rejection: at 99% over 250 days LR ≈ 5.03 (p ≈ 0.025, scipy),
        // at 99.9% it is far from rejection (p ≈ 0.48; vartests' docstring example).
        #expect(abs(Kupiec.pValue(exceedances: 0, observations: t, alpha: alpha) - 0.0249815) < 1e-6)
        #expect(Kupiec.pValue(exceedances: 0, observations: t, alpha: 0.001) > 0.4)
        #expect(Kupiec.likelihoodRatio(exceedances: 3, observations: 300, alpha: 0.01) == 0)
    }

    @Test func christoffersenMatchesLiteralFormulaAndEdges() {
        var state: UInt64 = 42
        for _ in 0..<20 {
            let hits = (0..<300).map { _ -> Bool in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return (state >> 33) % 17 == 0
            }
            #expect(abs(Christoffersen.independenceRatio(hits) - max(0, literalChristoffersen(hits))) < 1e-9)
        }
        #expect(Christoffersen.independenceRatio([Bool](repeating: false, count: 250)) == 0)
        #expect(Christoffersen.independenceRatio([Bool](repeating: true, count: 250)) == 0)
        #expect(Christoffersen.independenceRatio([true]) == 0)
        // Clustered exceedances are flagged.
        let clustered = [Bool](repeating: false, count: 240) + [Bool](repeating: true, count: 10)
        #expect(ChiSquared.survival(Christoffersen.independenceRatio(clustered), degreesOfFreedom: 1) < 1e-6)
    }

    @Test func trafficLightMatchesBaselTable() {
        for n in 0...4 { #expect(TrafficLight(exceedances: n, observations: 250, alpha: 0.01) == .green) }
        for n in 5...9 { #expect(TrafficLight(exceedances: n, observations: 250, alpha: 0.01) == .yellow) }
        for n in [10, 11, 50, 250] { #expect(TrafficLight(exceedances: n, observations: 250, alpha: 0.01) == .red) }
        // A short record: zero exceedances stay green although P(X ≤ 0) = 0.99 ≥ 95%; one is red.
        #expect(TrafficLight(exceedances: 0, observations: 1, alpha: 0.01) == .green)
        #expect(TrafficLight(exceedances: 1, observations: 1, alpha: 0.01) == .red)
        // Basel's cumulative probabilities: 89.22% at 4, 95.88% at 5, 99.97% at 9, 99.99% at 10.
        #expect(abs(Binomial.cdf(4, n: 250, p: 0.01) - 0.8922) < 5e-5)
        #expect(abs(Binomial.cdf(5, n: 250, p: 0.01) - 0.9588) < 5e-5)
    }

    @Test func mcNeilFreyTTest() throws {
        // Residuals 1, 2, 3: mean 2, s = 1, t = 2√3; p from scipy.stats.t.sf(2√3, 2).
        let r = try #require(McNeilFrey.test(residuals: [1, 2, 3]))
        #expect(abs(r.statistic - 2 * 3.0.squareRoot()) < 1e-12)
        #expect(abs(r.pValue - 0.03708995011372428) < 1e-10)
        #expect(McNeilFrey.test(residuals: [1]) == nil)
        #expect(McNeilFrey.test(residuals: [2, 2]) == nil)
    }

    @Test func acerbiSzekelyZ2() {
        // T = 4, α = 0.25, one exceedance with L/ES = 1.5: Z2 = 1 − 1.5/(4·0.25) = −0.5.
        let z = AcerbiSzekely.z2(losses: [3, 0, 1, -1], exceeded: [true, false, false, false],
                                 expectedShortfall: [2, 2, 2, 2], alpha: 0.25)
        #expect(abs(z - (-0.5)) < 1e-15)
    }

    @Test func coverageTestsWithoutAndWithOnlyExceedances() throws {
        let level = ConfidenceLevel(0.99)
        let losses = [Double](repeating: 1, count: 250)
        let none = CoverageTests(level: level, losses: losses, valueAtRisk: .init(repeating: 2, count: 250),
                                 expectedShortfall: .init(repeating: 3, count: 250))
        #expect(none.exceedances == 0)
        #expect(none.trafficLight == .green)
        #expect(none.mcneilFreyT == nil && none.notes.contains { $0.contains("at least 2 exceedances") })
        #expect(none.acerbiSzekelyZ2 == 1)
        #expect(abs(none.kupiecLR - (-500 * log(0.99))) < 1e-12)
        #expect(none.christoffersenLRInd == 0 && none.christoffersenPInd == 1)
        let all = CoverageTests(level: level, losses: losses, valueAtRisk: .init(repeating: 0, count: 250),
                                expectedShortfall: .init(repeating: 0.5, count: 250))
        #expect(all.exceedances == 250 && all.trafficLight == .red)
        #expect(all.kupiecLR.isFinite && all.kupiecP < 1e-100)
        #expect(all.christoffersenLRCC == all.kupiecLR)
        // Residuals all equal (1 − 0.5): no t statistic, a note instead.
        #expect(all.mcneilFreyT == nil && !all.notes.isEmpty)
        #expect(abs(try #require(all.acerbiSzekelyZ2) - (1 - 2 / 0.01)) < 1e-9)
    }
}
