import Foundation
import Testing
@testable import TailRisk

/// Mean-shift importance sampling of the normal law (methods.md §10): weighted
/// VaR/ES against the closed forms, the batch-means CI's coverage, exact P&L
/// against a large plain run, invariance to threads and shards, and refusals.
@Suite struct ImportanceSamplingTests {
    let engine = MonteCarloEngine()
    let values = [30.0, 50.0, -20.0]

    func settings(_ n: Int, seed: UInt64 = SimulationSettings.defaultSeed, threads: Int = 2,
                  pnl: PnLModel = .linear) -> SimulationSettings {
        var s = SimulationSettings(scenarios: n, seed: seed, threads: threads, pnl: pnl)
        s.varianceReduction = .importance
        return s
    }

    func truth(_ level: ConfidenceLevel) -> (valueAtRisk: Double, expectedShortfall: Double) {
        let s = Matrix([[0.0016, 0.0009, -0.0002], [0.0009, 0.0025, 0.0004], [-0.0002, 0.0004, 0.0009]])
        return EngineFixtures.normalLinear(mean: [0.0005, -0.0002, 0.0001], sigma: s, values: values, level: level)
    }

    @Test(arguments: [0.99, 0.999, 0.9999])
    func linearNormalWithinItsOwnIntervals(confidence: Double) throws {
        let level = try ConfidenceLevel(confidence)
        let r = try engine.run(model: EngineFixtures.threeAsset(), values: values, levels: [level],
                               settings: settings(50_000))
        let e = r.estimates[0], t = truth(level)
        #expect(try #require(e.valueAtRiskInterval).contains(t.valueAtRisk))
        let se = try #require(e.expectedShortfallStandardError)
        #expect(abs(e.expectedShortfall - t.expectedShortfall) < 3 * se)
        // The shift pays most deep in the tail: plain MC would need many times the scenarios.
        let factor = try #require(r.varianceReductionFactors?.first)
        #expect(factor > (confidence >= 0.999 ? 10 : 3))
        // Euler contributions under the weights still sum to the ES.
        let c = try #require(e.contributions)
        #expect(abs(c.reduce(0, +) - e.expectedShortfall) < 1e-9 * abs(e.expectedShortfall))
    }

    /// Over 200 seeds the 95% intervals (VaR by batch means, ES ± 1.96 SE) cover
    /// the closed forms between 90% and 99% of the time.
    @Test func intervalsCoverTheClosedForms() throws {
        let level = ConfidenceLevel(0.999)
        let t = truth(level)
        var varHits = 0, esHits = 0
        for seed in 1...200 {
            let r = try engine.run(model: EngineFixtures.threeAsset(), values: values, levels: [level],
                                   settings: settings(20_000, seed: UInt64(seed)))
            let e = r.estimates[0]
            if e.valueAtRiskInterval!.contains(t.valueAtRisk) { varHits += 1 }
            if abs(e.expectedShortfall - t.expectedShortfall) <= 1.96 * e.expectedShortfallStandardError! { esHits += 1 }
        }
        #expect((180...198).contains(varHits), "VaR coverage \(varHits)/200")
        #expect((180...198).contains(esHits), "ES coverage \(esHits)/200")
    }

    @Test func exactPnLAgreesWithALargePlainRun() throws {
        let level = ConfidenceLevel(0.999)
        let model = EngineFixtures.threeAsset(horizon: 10)
        let weighted = try engine.run(model: model, values: values, levels: [level],
                                      settings: settings(50_000, pnl: .exact)).estimates[0]
        let plain = try engine.run(model: model, values: values, levels: [level],
                                   settings: SimulationSettings(scenarios: 1_000_000, threads: 2, pnl: .exact)).estimates[0]
        let se = (pow(weighted.expectedShortfallStandardError!, 2) + pow(plain.expectedShortfallStandardError!, 2)).squareRoot()
        #expect(abs(weighted.expectedShortfall - plain.expectedShortfall) < 3 * se)
        #expect(weighted.valueAtRiskInterval!.overlaps(plain.valueAtRiskInterval!))
    }

    @Test func threadsAndShardsGiveTheSameBits() throws {
        let model = EngineFixtures.threeAsset()
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        var s = settings(7 * 4096 + 999, threads: 1, pnl: .exact)
        s.tailScenariosToExport = 20
        let one = try engine.expectSameBitsOnOneAndTwoThreads(model: model, values: values, levels: levels, settings: s)
        s.threads = 2
        var shards = try [0..<3, 3..<4, 4..<8].map { r in
            try TailAccumulator(encoded: engine.accumulate(model: model, values: values, levels: levels, settings: s,
                                                           units: r).encoded())
        }
        #expect(shards.allSatisfy { $0.weighted })
        shards.reverse()
        var merged = shards[0]
        for shard in shards.dropFirst() { try merged.merge(shard) }
        var replay = s
        replay.backend = PrecomputedBackend(merged)
        let merged1 = try engine.run(model: model, values: values, levels: levels, settings: replay)
        #expect(merged1.estimates == one.estimates)
        #expect(merged1.estimates.map { $0.contributions!.map(\.bitPattern) }
            == one.estimates.map { $0.contributions!.map(\.bitPattern) })
        #expect(merged1.tail == one.tail)
    }

    @Test func plainEncodingKeepsSixteenByteEntries() throws {
        var s = settings(4096, threads: 1)
        let weighted = try engine.accumulate(model: EngineFixtures.threeAsset(), values: values,
                                             levels: [ConfidenceLevel(0.99)], settings: s, units: 0..<1)
        s.varianceReduction = .none
        let plain = try engine.accumulate(model: EngineFixtures.threeAsset(), values: values,
                                          levels: [ConfidenceLevel(0.99)], settings: s, units: 0..<1)
        func entrySize(_ b: [UInt8]) -> Int { Int(b[16]) | Int(b[17]) << 8 }
        #expect(entrySize(plain.encoded()) == 16)
        #expect(entrySize(weighted.encoded()) == 24)
        #expect(weighted.encoded()[12] & 2 == 2 && plain.encoded()[12] & 2 == 0)
        let back = try TailAccumulator(encoded: weighted.encoded())
        #expect(back.sortedTail == weighted.sortedTail)
        #expect(back.sortedTail.contains { $0.weight != 1 })
    }

    @Test func targetPrecisionUsesTheWeightedError() throws {
        let level = ConfidenceLevel(0.999)
        var s = settings(8192)
        s.targetPrecision = 0.01
        s.maxScenarios = 2_000_000
        let r = try engine.run(model: EngineFixtures.threeAsset(), values: values, levels: [level], settings: s)
        #expect(r.precisionReached == true)
        let e = r.estimates[0]
        #expect(e.expectedShortfallStandardError! < 0.01 * e.expectedShortfall)
        // Plain sampling needs about factor × as many scenarios for the same SE.
        #expect(r.scenarios < 200_000)
    }

    @Test func refusesLawsAndSettingsItCannotShift() throws {
        let levels = [ConfidenceLevel(0.99)]
        func refusal(_ model: ScenarioModel, _ s: SimulationSettings) -> String? {
            do {
                _ = try engine.run(model: model, values: values, levels: levels, settings: s)
                return nil
            } catch TailRiskError.invalidParameter(let parameter, let message) {
                return "\(parameter): \(message)"
            } catch { return "\(error)" }
        }
        // The Student-t has its χ² twist; the depeg law's jump has no tilt.
        #expect(refusal(EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: 5)), settings(10_000)) == nil)
        var depeg = EngineFixtures.threeAsset()
        depeg.law = DepegLaw(base: depeg.law, horizon: 1, jump: [0, 0, -0.2], probability: 0.02, label: "C=-20%@2%")
        let jump = refusal(depeg, settings(10_000))
        #expect(jump?.contains("variance reduction") == true && jump?.contains("depeg jump") == true, "\(jump ?? "")")
        var standalone = settings(10_000)
        standalone.standalone = true
        #expect(refusal(EngineFixtures.threeAsset(), standalone)?.contains("standalone") == true)
        var both = settings(10_000)
        both.antithetic = true
        #expect(refusal(EngineFixtures.threeAsset(), both)?.contains("--antithetic") == true)
        #expect(refusal(EngineFixtures.threeAsset(), settings(10_000)) == nil)
    }
}
