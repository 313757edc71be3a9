import Foundation
import Testing
@testable import TailRisk

/// Results depend on the seed alone (methods.md §7): not on threads, not on repetition.
@Suite struct DeterminismTests {
    let engine = MonteCarloEngine()
    let levels = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)]
    let values = [30.0, 50.0, -20.0]

    private func run(_ model: ScenarioModel, threads: Int, seed: UInt64 = SimulationSettings.defaultSeed,
                     pnl: PnLModel = .exact) throws -> SimulationResult {
        // 3 whole units and a partial one, everything optional switched on.
        let settings = SimulationSettings(scenarios: 3 * 4096 + 1234, seed: seed, threads: threads, pnl: pnl,
                                          standalone: true, tailScenariosToExport: 25, histogramBins: 40)
        return try engine.run(model: model, values: values, levels: levels, settings: settings)
    }

    private static let models: [ScenarioModel] = [
        EngineFixtures.threeAsset(),
        EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: 5), horizon: 3),
        ScenarioModel(law: BootstrapLaw(history: EngineFixtures.history(days: 300, assets: 3)), horizon: 2),
    ]

    @Test(arguments: 0..<3)
    func bitIdenticalForAnyThreadCount(model: Int) throws {
        let one = try run(Self.models[model], threads: 1)
        for threads in [2, 3] {
            let other = try run(Self.models[model], threads: threads)
            #expect(other.estimates == one.estimates)
            #expect(other.standalone! == one.standalone!)
            #expect(other.tail == one.tail)
            #expect(other.histogram == one.histogram)
            #expect(other.scenarios == one.scenarios)
        }
        #expect(one.histogram!.total == one.scenarios)
        #expect(one.tail.count == 25)
    }

    /// Each scenario comes from its own key: any range of rows, drawn alone (from an odd
    /// antithetic row too), equals the same rows of a larger block, for every law.
    @Test(arguments: [(0, false), (0, true), (1, false), (1, true), (2, false)])
    func scenariosDrawnAloneMatchTheBlock(model: Int, antithetic: Bool) {
        let g = ScenarioGenerator(model: Self.models[model], seed: 5, antithetic: antithetic)
        let d = g.dimension, rows = 40
        func draw(first: Int, rows: Int) -> [Double] {
            var block = [Double](repeating: .nan, count: rows * d), scratch = [Double](repeating: 0, count: d)
            block.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { g.draw(first: first, rows: rows, into: b.baseAddress!, scratch: $0.baseAddress!) }
            }
            return block
        }
        let whole = draw(first: 1000, rows: rows)
        for (first, count) in [(1000, 1), (1007, 1), (1013, 9), (1038, 2)] {
            #expect(draw(first: first, rows: count) == Array(whole[(first - 1000) * d..<(first - 1000 + count) * d]))
        }
        #expect(draw(first: 1001, rows: 1) != draw(first: 1002, rows: 1))
    }

    @Test func sameSeedRepeatsDifferentSeedDiffers() throws {
        let model = EngineFixtures.threeAsset()
        let a = try run(model, threads: 2), b = try run(model, threads: 2)
        let c = try run(model, threads: 2, seed: 12345)
        #expect(a.estimates == b.estimates)
        #expect(a.estimates[1].valueAtRisk != c.estimates[1].valueAtRisk)
        #expect(a.tail.map(\.index) != c.tail.map(\.index))
    }

    /// Contributions sum to the ES to ~1e-12 relative, at every level and for every law;
    /// VaR and ES grow with the confidence; ES ≥ VaR.
    @Test(arguments: 0..<3)
    func contributionsSumToExpectedShortfall(model: Int) throws {
        for pnl in PnLModel.allCases {
            let r = try run(Self.models[model], threads: 2, pnl: pnl)
            #expect(r.estimates[0].valueAtRisk < r.estimates[1].valueAtRisk)
            #expect(r.estimates[0].expectedShortfall < r.estimates[1].expectedShortfall)
            for e in r.estimates {
                let sum = e.contributions!.reduce(0, +)
                #expect(abs(sum - e.expectedShortfall) <= 1e-12 * abs(e.expectedShortfall))
                #expect(e.expectedShortfall >= e.valueAtRisk)
                #expect(e.valueAtRiskInterval!.contains(e.valueAtRisk))
            }
        }
    }

    /// With every scenario exported, the bounded tail equals a full sort of all
    /// losses, the regenerated per-asset P&L adds up to each scenario's loss,
    /// and VaR/ES/contributions follow from the sorted list.
    @Test(arguments: [(0, false), (1, false), (0, true), (2, false)])
    func boundedTailEqualsFullSort(model: Int, antithetic: Bool) throws {
        let n = 5000
        let settings = SimulationSettings(scenarios: n, threads: 3, antithetic: antithetic, tailScenariosToExport: n)
        let level = ConfidenceLevel(0.99)
        let r = try engine.run(model: Self.models[model], values: values, levels: [level], settings: settings)
        #expect(r.tail.count == n)
        #expect(Set(r.tail.map(\.index)) == Set(0..<n))
        let losses = r.tail.map(\.loss)
        #expect(losses == losses.sorted(by: >))
        for s in r.tail {
            #expect(abs(-s.assetPnL.reduce(0, +) - s.loss) <= 1e-12 * max(1, abs(s.loss)))
        }
        let e = r.estimates[0]  // k = 50: VaR = L_(50), ES = mean of the top 50
        #expect(e.valueAtRisk == losses[49])
        #expect(abs(e.expectedShortfall - losses[0..<50].reduce(0, +) / 50) < 1e-12 * e.expectedShortfall)
        for i in 0..<3 {
            let c = r.tail[0..<50].reduce(0.0) { $0 - $1.assetPnL[i] } / 50
            #expect(abs(e.contributions![i] - c) < 1e-12 * e.expectedShortfall)
        }
    }

    @Test func invalidSettingsNameTheirFlag() {
        let model = EngineFixtures.threeAsset()
        func option(_ settings: SimulationSettings, model m: ScenarioModel = EngineFixtures.threeAsset(),
                    levels l: [ConfidenceLevel] = [ConfidenceLevel(0.99)]) -> Parameter? {
            do {
                _ = try engine.run(model: m, values: values, levels: l, settings: settings)
                return nil
            } catch let TailRiskError.invalidParameter(parameter, _) {
                return parameter
            } catch { return nil }
        }
        #expect(option(SimulationSettings(scenarios: 99)) == .scenarios)
        #expect(option(SimulationSettings(scenarios: 1000), levels: [ConfidenceLevel(0.9999)]) == .scenarios)
        #expect(option(SimulationSettings(scenarios: 100, threads: 1)) == nil)
        #expect(option(SimulationSettings(threads: 0)) == .threads)
        var t = model
        t.law = StudentTLaw(mean: [0, 0, 0], factor: Matrix(rows: 3, cols: 3), degreesOfFreedom: 2)
        #expect(option(SimulationSettings(scenarios: 1000), model: t) == .degreesOfFreedom)
        let boot = ScenarioModel(law: BootstrapLaw(history: EngineFixtures.history(days: 50, assets: 3)))
        #expect(option(SimulationSettings(scenarios: 1000, antithetic: true), model: boot) == .antithetic)
        #expect(option(SimulationSettings(scenarios: 1000, targetPrecision: 0)) == .targetPrecision)
    }
}
