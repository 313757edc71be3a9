import Foundation
import Testing
@testable import TailRisk

@Suite struct ParametricNormalTests {
    // methods.md §4 check values: $50 BTC σ 3.5%, $50 ETH σ 4.5%, ρ 0.8, linear P&L, 1 day, 99%.
    let sigma = [0.035, 0.045]
    var covariance: Matrix {
        Matrix([[sigma[0] * sigma[0], 0.8 * sigma[0] * sigma[1]], [0.8 * sigma[0] * sigma[1], sigma[1] * sigma[1]]])
    }
    let values = [50.0, 50.0]
    let level = ConfidenceLevel(0.99)

    @Test func quantileAndESFactors() {
        #expect(abs(Normal.quantile(1 - level.alpha) - 2.326348) < 1e-6)
        #expect(abs(ParametricNormal.expectedShortfallFactor(ConfidenceLevel(0.975)) - 2.337803) < 1e-6)
        #expect(abs(ParametricNormal.expectedShortfallFactor(level) - 2.665214) < 1e-6)
    }

    @Test func twoAssetCheckValues() {
        let p = ParametricNormal.estimates(mean: [0, 0], covariance: covariance, values: values, levels: [level])[0]
        #expect(abs(p.valueAtRisk / 2.326348 - 3.798026) < 1e-5)  // σ_p
        #expect(abs(p.valueAtRisk - 8.835529) < 1e-6)
        let standalone = (0..<2).map {
            ParametricNormal.estimate(mean: 0, standardDeviation: values[$0] * sigma[$0], level: level).valueAtRisk
        }
        #expect(abs(standalone.reduce(0, +) - 9.305391) < 1e-6)
        #expect(abs((1 - p.valueAtRisk / standalone.reduce(0, +)) - 0.050494) < 1e-6)
        let c = ParametricNormal.contributions(mean: [0, 0], covariance: covariance, values: values, level: level)
        #expect(abs(c.valueAtRisk[0] - 3.805250) < 1e-6)
        #expect(abs(c.valueAtRisk[1] - 5.030280) < 1e-6)
        #expect(abs(c.valueAtRisk[0] / values[0] - 0.076105) < 1e-6)
        #expect(abs(c.valueAtRisk[1] / values[1] - 0.100606) < 1e-6)
        #expect(abs(c.valueAtRisk.reduce(0, +) - p.valueAtRisk) < 1e-12)
        let esContributions = try! #require(p.contributions)
        #expect(abs(esContributions.reduce(0, +) - p.expectedShortfall) < 1e-12)
        #expect(esContributions == c.expectedShortfall)
    }

    @Test func meanAndHorizonScaling() {
        let mu = [0.001, -0.002]
        let h = 10
        let p = ParametricNormal.estimates(mean: mu, covariance: covariance, values: values, levels: [level], horizon: h)[0]
        let mp = Double(h) * (50 * 0.001 - 50 * 0.002)
        let sp = 3.798026 * Double(h).squareRoot()
        #expect(abs(p.valueAtRisk - (-mp + sp * 2.326348)) < 1e-4)
        #expect(abs(p.expectedShortfall - (-mp + sp * 2.665214)) < 1e-4)
        let c = ParametricNormal.contributions(mean: mu, covariance: covariance, values: values, level: level, horizon: h)
        #expect(abs(c.valueAtRisk.reduce(0, +) - p.valueAtRisk) < 1e-12)
        #expect(abs(c.expectedShortfall.reduce(0, +) - p.expectedShortfall) < 1e-12)
    }

    @Test func esAboveVaRAndMonotone() throws {
        let levels = try [0.9, 0.95, 0.975, 0.99, 0.999].map { try ConfidenceLevel($0) }
        let es = ParametricNormal.estimates(mean: [0.001, 0.0], covariance: covariance, values: values, levels: levels)
        for (a, b) in zip(es, es.dropFirst()) { #expect(b.valueAtRisk > a.valueAtRisk) }
        #expect(es.allSatisfy { $0.expectedShortfall > $0.valueAtRisk })
    }

    @Test func hedgedBookHasNegativeVaRWithNote() {
        let e = ParametricNormal.estimate(mean: 10, standardDeviation: 1, level: level)
        #expect(e.valueAtRisk < 0)
        #expect(!e.notes.isEmpty)
    }
}
