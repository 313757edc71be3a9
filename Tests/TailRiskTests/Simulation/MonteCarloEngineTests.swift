import Foundation
import Testing
@testable import TailRisk

/// The engine against analytic values (methods.md §4) within its own precision estimates.
@Suite struct MonteCarloEngineTests {
    let engine = MonteCarloEngine()
    let level99 = ConfidenceLevel(0.99)

    @Test func twoAssetCheckValuesLinearNormal() throws {
        let settings = SimulationSettings(scenarios: 100_000, threads: 2, pnl: .linear, standalone: true)
        let r = try engine.run(model: EngineFixtures.twoAsset(), values: EngineFixtures.twoAssetValues,
                               levels: [level99], settings: settings)
        let e = r.estimates[0]
        // σ_p = 3.798026, VaR 8.835529, ES = σ_p · 2.665214.
        let esTrue = 3.798026 * 2.665214
        let ci = try #require(e.valueAtRiskInterval)
        #expect(ci.contains(8.835529))
        let se = try #require(e.expectedShortfallStandardError)
        #expect(abs(e.expectedShortfall - esTrue) < 3 * se)
        // Euler ES contributions: the VaR contributions 3.805250, 5.030280 scaled by 2.665214/2.326348.
        let c = try #require(e.contributions)
        let scale = 2.665214 / 2.326348
        #expect(abs(c[0] - 3.805250 * scale) < 3 * se)
        #expect(abs(c[1] - 5.030280 * scale) < 3 * se)
        #expect(abs(c.reduce(0, +) - e.expectedShortfall) <= 1e-12 * e.expectedShortfall)
        // Standalone VaRs: 50 σ_i z_0.99, summing to 9.305391.
        let standalone = try #require(r.standalone)
        #expect(standalone[0][0].valueAtRiskInterval!.contains(50 * 0.035 * 2.326348))
        #expect(standalone[1][0].valueAtRiskInterval!.contains(50 * 0.045 * 2.326348))
        let sumOfStandalone: Double = standalone[0][0].valueAtRisk + standalone[1][0].valueAtRisk
        let widths: Double = standalone.map { $0[0].valueAtRiskInterval! }.reduce(0.0) { $0 + $1.upperBound - $1.lowerBound }
        #expect(abs(sumOfStandalone - 9.305391) < widths)
    }

    @Test func linearShortcutEqualsFullRevaluation() throws {
        let model = EngineFixtures.threeAsset()
        let values = [30.0, 50.0, -20.0]
        var settings = SimulationSettings(scenarios: 20_000, threads: 1, pnl: .linear)
        let shortcut = try engine.run(model: model, values: values, levels: [level99], settings: settings)
        settings.standalone = true  // per-asset losses force the dtrmm path
        let full = try engine.run(model: model, values: values, levels: [level99], settings: settings)
        let a = shortcut.estimates[0], b = full.estimates[0]
        #expect(abs(a.valueAtRisk - b.valueAtRisk) < 1e-12 * abs(b.valueAtRisk))
        #expect(abs(a.expectedShortfall - b.expectedShortfall) < 1e-12 * abs(b.expectedShortfall))
    }

    @Test func normalHorizonScalesExactly() throws {
        let mean = [0.001, 0.002]
        let level = ConfidenceLevel(0.975)
        let settings = SimulationSettings(scenarios: 80_000, threads: 2, pnl: .linear)
        let r = try engine.run(model: EngineFixtures.twoAsset(mean: mean, horizon: 4),
                               values: EngineFixtures.twoAssetValues, levels: [level], settings: settings)
        let truth = EngineFixtures.normalLinear(mean: mean.map { $0 * 4 }, sigma: 4 * EngineFixtures.twoAssetSigma,
                                                values: EngineFixtures.twoAssetValues, level: level)
        let e = r.estimates[0]
        #expect(e.valueAtRiskInterval!.contains(truth.valueAtRisk))
        #expect(abs(e.expectedShortfall - truth.expectedShortfall) < 3 * e.expectedShortfallStandardError!)
    }

    /// One asset, exact P&L: `VaR = V(1 − e^{μ + σ z_α})`, `ES = V(1 − e^{μ + σ²/2} Φ(z_α − σ)/α)`.
    @Test(arguments: [0.99, 0.975])
    func exactPnLMatchesLognormal(confidence: Double) throws {
        let v = 100.0, mu = 0.0005, sigma = 0.04
        let level = try ConfidenceLevel(confidence)
        let model = ScenarioModel(mean: [mu], factor: Matrix([[sigma]]))
        let r = try engine.run(model: model, values: [v], levels: [level],
                               settings: SimulationSettings(scenarios: 150_000, threads: 2))
        let za = Normal.quantile(level.alpha)
        let varTrue = v * (1 - exp(mu + sigma * za))
        let esTrue = v * (1 - exp(mu + sigma * sigma / 2) * Normal.cdf(za - sigma) / level.alpha)
        let e = r.estimates[0]
        #expect(e.valueAtRiskInterval!.contains(varTrue))
        #expect(abs(e.expectedShortfall - esTrue) < 3 * e.expectedShortfallStandardError!)
        #expect(abs(e.contributions![0] - e.expectedShortfall) <= 1e-12 * e.expectedShortfall)
    }

    @Test func antitheticIsUnbiasedAndMirrors() throws {
        let mean = [0.002, -0.001]
        let settings = SimulationSettings(scenarios: 60_000, threads: 2, antithetic: true, pnl: .linear)
        let r = try engine.run(model: EngineFixtures.twoAsset(mean: mean), values: EngineFixtures.twoAssetValues,
                               levels: [level99], settings: settings)
        let truth = EngineFixtures.normalLinear(mean: mean, sigma: EngineFixtures.twoAssetSigma,
                                                values: EngineFixtures.twoAssetValues, level: level99)
        let e = r.estimates[0]
        #expect(e.valueAtRiskInterval!.contains(truth.valueAtRisk))
        #expect(abs(e.expectedShortfall - truth.expectedShortfall) < 3 * e.expectedShortfallStandardError!)
        let g = ScenarioGenerator(model: EngineFixtures.twoAsset(), seed: 1, antithetic: true)
        var block = [Double](repeating: 0, count: 5 * 2), scratch = [0.0, 0.0]
        block.withUnsafeMutableBufferPointer { b in
            scratch.withUnsafeMutableBufferPointer { g.draw(first: 0, rows: 5, into: b.baseAddress!, scratch: $0.baseAddress!) }
        }
        #expect(block[2] == -block[0] && block[3] == -block[1] && block[6] == -block[4])
        #expect(block[4] != -block[2])
    }

    @Test func studentTHasHeavierTailAtEqualCovariance() throws {
        let level = ConfidenceLevel(0.995)
        let settings = SimulationSettings(scenarios: 80_000, threads: 2, pnl: .linear)
        let values = EngineFixtures.twoAssetValues
        let n = try engine.run(model: EngineFixtures.twoAsset(), values: values, levels: [level], settings: settings)
        let t = try engine.run(model: EngineFixtures.twoAsset(law: .studentT(degreesOfFreedom: 4)),
                               values: values, levels: [level], settings: settings)
        let en = n.estimates[0], et = t.estimates[0]
        #expect(et.expectedShortfall > en.expectedShortfall + 3 * (en.expectedShortfallStandardError! + et.expectedShortfallStandardError!))
        #expect(et.valueAtRisk > en.valueAtRisk)
    }

    /// Cov(r) = h Σ and E r = h μ for the sum of h Student-t days.
    @Test(arguments: [1, 3])
    func studentTPreservesCovariance(horizon: Int) {
        let model = EngineFixtures.twoAsset(mean: [0.001, 0], law: .studentT(degreesOfFreedom: 8),
                                            horizon: horizon)
        let g = ScenarioGenerator(model: model, seed: 4, antithetic: false)
        let rows = ScenarioGenerator.rowsPerUnit, units = 20
        var sums = [0.0, 0.0], cross = [0.0, 0.0, 0.0]
        var block = [Double](repeating: 0, count: rows * 2), scratch = [0.0, 0.0]
        for u in 0..<units {
            block.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { s in
                    g.draw(first: u * rows, rows: rows, into: b.baseAddress!, scratch: s.baseAddress!)
                    g.correlate(b.baseAddress!, rows: rows)
                }
            }
            for i in 0..<rows {
                let x = block[2 * i], y = block[2 * i + 1]
                sums[0] += x; sums[1] += y
                cross[0] += x * x; cross[1] += x * y; cross[2] += y * y
            }
        }
        let m = Double(rows * units)
        let mx = sums[0] / m, my = sums[1] / m
        let h = Double(horizon)
        let s = h * EngineFixtures.twoAssetSigma
        // t_8: excess kurtosis 6/(ν − 4) = 1.5, so the relative SE of a variance is √(3.5/n) ≈ 0.66%.
        #expect(abs((cross[0] / m - mx * mx) / s[0, 0] - 1) < 0.035)
        #expect(abs((cross[2] / m - my * my) / s[1, 1] - 1) < 0.035)
        #expect(abs((cross[1] / m - mx * my) / s[0, 1] - 1) < 0.045)
        #expect(abs(mx - 0.001 * h) < 4 * (s[0, 0] / m).squareRoot())
    }

    /// The bootstrap law is the history's empirical law, so its Monte Carlo VaR
    /// converges to the historical order statistic of the same history (and ES
    /// to the Acerbi–Tasche ES with fractional `k`).
    @Test func bootstrapConvergesToHistorical() throws {
        let history = EngineFixtures.history(days: 499, assets: 2)
        let values = [60.0, 40.0]
        let model = ScenarioModel(law: BootstrapLaw(history: history))
        let r = try engine.run(model: model, values: values, levels: [level99],
                               settings: SimulationSettings(scenarios: 100_000, threads: 2))
        let losses = (0..<499).map { t in -(values[0] * expm1(history[t, 0]) + values[1] * expm1(history[t, 1])) }
            .sorted(by: >)
        let k = level99.tailCount(499)  // 4.99
        let historicalVaR = losses[4]
        let historicalES = (losses[0..<4].reduce(0, +) + losses[4] * (k - 5 + 1)) / k
        let e = r.estimates[0]
        // The 1000th largest of 10⁵ draws: the top 5 days are drawn Binomial(10⁵, 5/499) times
        // (mean 1002, SD 32), the top 4 about 802 and the top 6 about 1202 times, so the VaR is
        // the 5th or 6th day's loss (the engine's exp − 1 may differ from expm1 in the last ulp).
        #expect(abs(e.valueAtRisk - historicalVaR) <= 1e-14 * historicalVaR
            || abs(e.valueAtRisk - losses[5]) <= 1e-14 * losses[5])
        #expect(abs(e.expectedShortfall - historicalES) < 3 * e.expectedShortfallStandardError!)
    }

    @Test func adaptivePrecisionAddsUnitsUntilReached() throws {
        let settings = SimulationSettings(scenarios: 4096, threads: 2, pnl: .linear, targetPrecision: 0.02,
                                          maxScenarios: 200_000)
        let levels = [ConfidenceLevel(0.975), level99]
        let r = try engine.run(model: EngineFixtures.twoAsset(), values: EngineFixtures.twoAssetValues,
                               levels: levels, settings: settings)
        #expect(r.scenarios > 4096 && r.scenarios % r.streamUnit == 0)
        #expect(r.precisionReached == true)
        for e in r.estimates { #expect(e.expectedShortfallStandardError! < 0.02 * e.expectedShortfall) }
    }

    @Test func progressReachesTheScenarioCount() throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var calls: [(Int, Int)] = []
        }
        let log = Log()
        let n = 3 * 4096 + 5
        _ = try engine.run(model: EngineFixtures.twoAsset(), values: EngineFixtures.twoAssetValues, levels: [level99],
                           settings: SimulationSettings(scenarios: n, threads: 2, pnl: .linear)) { done, total in
            log.lock.lock(); log.calls.append((done, total)); log.lock.unlock()
        }
        #expect(log.calls.count == 4)
        #expect(log.calls.map(\.0) == log.calls.map(\.0).sorted())
        #expect(log.calls.last! == (n, n))
    }
}
