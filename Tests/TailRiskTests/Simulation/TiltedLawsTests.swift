import Foundation
import Testing
@testable import TailRisk

/// Importance sampling of the Student-t (χ² twist) and of the copula laws
/// (latent mean shift / twist), and the balance-heuristic mixtures over several
/// confidences (methods.md §10): closed forms where they exist, large plain
/// runs otherwise, unit mean of the weights, thread invariance.
@Suite struct TiltedLawsTests {
    let engine = MonteCarloEngine()
    let values = [30.0, 50.0, -20.0]
    static let sigma = Matrix([[0.0016, 0.0009, -0.0002], [0.0009, 0.0025, 0.0004], [-0.0002, 0.0004, 0.0009]])
    static let mean = [0.0005, -0.0002, 0.0001]

    func tilted(_ n: Int, seed: UInt64 = SimulationSettings.defaultSeed, threads: Int = 2,
                pnl: PnLModel = .linear) -> SimulationSettings {
        var s = SimulationSettings(scenarios: n, seed: seed, threads: threads, pnl: pnl)
        s.varianceReduction = .importance
        return s
    }

    /// Linear P&L of the covariance-preserving t: loss `= −μ_p + σ_p √((ν−2)/ν) T`,
    /// `T ~ t_ν`, so VaR `= −μ_p + σ_p s q` and ES `= −μ_p + σ_p s (ν + q²)/(ν − 1) · f_ν(q)/α`.
    func linearT(_ level: ConfidenceLevel, nu: Double) -> (valueAtRisk: Double, expectedShortfall: Double) {
        let mu = zip(Self.mean, values).reduce(0) { $0 + $1.0 * $1.1 }
        let sv = BLAS.multiply(Self.sigma, values)
        let sp = zip(values, sv).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot() * ((nu - 2) / nu).squareRoot()
        let q = StudentT.quantile(level.confidence, degreesOfFreedom: nu)
        let tailMean = (nu + q * q) / (nu - 1) * exp(StudentT.logPDF(q, degreesOfFreedom: nu)) / level.alpha
        return (-mu + sp * q, -mu + sp * tailMean)
    }

    @Test(arguments: [0.99, 0.999, 0.9999])
    func linearStudentTWithinItsOwnIntervals(confidence: Double) throws {
        let level = try ConfidenceLevel(confidence), nu = 4.0
        let model = EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: nu))
        let r = try engine.run(model: model, values: values, levels: [level], settings: tilted(50_000))
        let e = r.estimates[0], t = linearT(level, nu: nu)
        #expect(try #require(e.valueAtRiskInterval).contains(t.valueAtRisk), "VaR \(e.valueAtRisk) vs \(t.valueAtRisk)")
        let se = try #require(e.expectedShortfallStandardError)
        #expect(abs(e.expectedShortfall - t.expectedShortfall) < 3 * se, "ES \(e.expectedShortfall) vs \(t.expectedShortfall) ± \(se)")
        let factor = try #require(r.varianceReductionFactors?.first)
        #expect(factor > (confidence >= 0.999 ? 10 : 3), "factor \(factor)")
        let c = try #require(e.contributions)
        #expect(abs(c.reduce(0, +) - e.expectedShortfall) < 1e-9 * abs(e.expectedShortfall))
    }

    /// Two confidences in one run: each level's estimate holds, from the mixture of two twists.
    @Test func mixtureServesEveryLevelOfTheLinearT() throws {
        let nu = 4.0, levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        let model = EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: nu))
        let r = try engine.run(model: model, values: values, levels: levels, settings: tilted(60_000))
        for (e, level) in zip(r.estimates, levels) {
            let t = linearT(level, nu: nu)
            #expect(e.valueAtRiskInterval!.contains(t.valueAtRisk), "\(level): VaR \(e.valueAtRisk) vs \(t.valueAtRisk)")
            #expect(abs(e.expectedShortfall - t.expectedShortfall) < 3 * e.expectedShortfallStandardError!)
        }
        #expect(r.varianceReductionFactors!.allSatisfy { $0 > 3 })
    }

    /// Exact P&L over 5 days (each day twisted on its own) against a large plain run.
    @Test func exactStudentTOverFiveDaysAgreesWithAPlainRun() throws {
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        let model = EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: 5), horizon: 5)
        let weighted = try engine.run(model: model, values: values, levels: levels, settings: tilted(40_000, pnl: .exact))
        let plain = try engine.run(model: model, values: values, levels: levels,
                                   settings: SimulationSettings(scenarios: 600_000, threads: 2, pnl: .exact))
        for (w, p) in zip(weighted.estimates, plain.estimates) {
            let se = (pow(w.expectedShortfallStandardError!, 2) + pow(p.expectedShortfallStandardError!, 2)).squareRoot()
            #expect(abs(w.expectedShortfall - p.expectedShortfall) < 3.5 * se, "\(w.expectedShortfall) vs \(p.expectedShortfall) ± \(se)")
            #expect(w.valueAtRiskInterval!.overlaps(p.valueAtRiskInterval!))
        }
    }

    /// A three-asset copula over the fat-tailed fixture history's empirical marginals.
    static func copula(_ nu: Double?) throws -> ScenarioModel {
        let h = EngineFixtures.history(days: 600, assets: 3)
        let marginals = (0..<3).map { j in EmpiricalMarginal((0..<h.rows).map { h[$0, j] }) }
        let sampler = CopulaSampler(correlation: try CopulaCorrelation(h), marginals: marginals,
                                    nextVolatility: [1, 1, 1], filterName: "none")
        if let nu { return ScenarioModel(law: TCopulaLaw(sampler: sampler, degreesOfFreedom: nu), horizon: 1) }
        return ScenarioModel(law: GaussianCopulaLaw(sampler: sampler), horizon: 1)
    }

    @Test(arguments: [nil, 4.0])
    func copulasAgreeWithAPlainRun(nu: Double?) throws {
        let model = try Self.copula(nu)
        let basket = [40.0, 35.0, 25.0]
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        let weighted = try engine.run(model: model, values: basket, levels: levels, settings: tilted(30_000, pnl: .exact))
        let plain = try engine.run(model: model, values: basket, levels: levels,
                                   settings: SimulationSettings(scenarios: 400_000, threads: 2, pnl: .exact))
        for (w, p) in zip(weighted.estimates, plain.estimates) {
            let se = (pow(w.expectedShortfallStandardError!, 2) + pow(p.expectedShortfallStandardError!, 2)).squareRoot()
            #expect(abs(w.expectedShortfall - p.expectedShortfall) < 4 * se, "\(w.expectedShortfall) vs \(p.expectedShortfall) ± \(se)")
        }
        #expect(weighted.varianceReductionFactors!.last! > 10)
    }

    /// `E_Q[w] = 1`: the sample mean of the likelihood ratios under the tilt is 1
    /// within five standard errors, for tilts whose weights have a finite variance.
    @Test func weightsAverageToOne() throws {
        let n = 40_000
        let normal = EngineFixtures.threeAsset().law as! any TiltableLaw
        let tilts: [(String, any ImportanceTilt, Int)] = [
            ("normal, one level", try normal.importanceTilt(values: values, horizon: 1, confidences: [0.99]), 1),
            ("normal, mixture", try normal.importanceTilt(values: values, horizon: 1, confidences: [0.975, 0.99, 0.999]), 1),
            ("gaussian copula, 3 days", try (Self.copula(nil).law as! any TiltableLaw)
                .importanceTilt(values: values, horizon: 3, confidences: [0.95, 0.99]), 3),
        ]
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 3), scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3)
        defer { out.deallocate(); scratch.deallocate() }
        for (name, tilt, h) in tilts {
            var sum = 0.0, squares = 0.0
            for j in 0..<n {
                var rng = Xoshiro256PlusPlus(seed: 7, scenario: UInt64(j))
                let w = tilt.draw(horizon: h, rng: &rng, into: out, scratch: scratch)
                sum += w
                squares += w * w
            }
            let m = sum / Double(n), sd = (squares / Double(n) - m * m).squareRoot()
            #expect(abs(m - 1) < 5 * sd / Double(n).squareRoot(), "\(name): mean weight \(m) ± \(sd / Double(n).squareRoot())")
            #expect(!tilt.summary.isEmpty)
        }
    }

    @Test func studentTAndCopulaRunsAreThreadInvariant() throws {
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        for model in [EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: 5), horizon: 2), try Self.copula(6)] {
            var s = tilted(5 * 4096 + 77, threads: 1, pnl: .exact)
            s.tailScenariosToExport = 10
            _ = try engine.expectSameBitsOnOneAndTwoThreads(model: model, values: values, levels: levels, settings: s)
        }
    }
}
