import Foundation
import Testing
@testable import TailRisk

/// Importance sampling of the day-drawing laws by tilted day-selection
/// probabilities (`DayTilt`, methods.md §10): the alias table's frequencies,
/// unit mean weight, the exact VaR/ES of the bootstrap's discrete law,
/// FHS against large plain runs, thread invariance and the refusal.
@Suite struct DayTiltTests {
    let engine = MonteCarloEngine()
    let values = [40.0, 35.0, -15.0]

    func settings(_ n: Int, threads: Int = 2, pnl: PnLModel = .exact) -> SimulationSettings {
        var s = SimulationSettings(scenarios: n, threads: threads, pnl: pnl)
        s.varianceReduction = .importance
        return s
    }

    static func fhs(_ filter: VolatilityFilterSpec, days: Int = 570) throws -> FilteredHistoricalLaw {
        let fits = try filter.fit(columnsOf: EngineFixtures.history(days: days, assets: 3))
        return FilteredHistoricalLaw(fits: fits, filterName: filter.name)
    }

    /// Pearson's χ² of `n` alias draws against `p` over its `T` outcomes stays
    /// below `df + 6√(2 df)` (about 6 SD above its mean `df = T − 1`).
    @Test func aliasTableDrawsItsProbabilities() throws {
        var rng = Xoshiro256PlusPlus(seed: 7, unit: 3)
        // A lopsided distribution: a few heavy outcomes, many light ones, one tiny.
        var p = [Double](repeating: 0, count: 60)
        for i in 0..<60 {
            let u: Double = rng.nextUniform()
            p[i] = i % 17 == 0 ? 3.0 + Double(i) / 10 : 0.2 + u
        }
        p[5] = 1e-3
        let total = p.reduce(0, +)
        p = p.map { $0 / total }
        let table = AliasTable(probabilities: p)
        let rebuilt: [Double] = table.probabilities
        for i in 0..<60 {
            let gap: Double = abs(rebuilt[i] - p[i])
            #expect(gap < 1e-12)
        }
        let n = 300_000
        var counts = [Int](repeating: 0, count: p.count)
        for _ in 0..<n { counts[table.next(&rng)] += 1 }
        var chi2 = 0.0
        for (c, q) in zip(counts, p) {
            let expected = Double(n) * q
            chi2 += (Double(c) - expected) * (Double(c) - expected) / expected
        }
        let df = Double(p.count - 1)
        #expect(chi2 < df + 6 * (2 * df).squareRoot(), "χ² = \(chi2) on \(df) df")
        #expect(counts[5] < 3 * Int(Double(n) * p[5]) + 10)
    }

    /// `E_Q[w] = Σ_t p(t) · (1/T)/p(t) = 1` per day, so the h-day weights average to 1.
    @Test(arguments: [1, 4])
    func weightsAverageToOneUnderTheTilt(horizon: Int) throws {
        let laws: [any TiltableLaw] = [BootstrapLaw(history: EngineFixtures.history(days: 400, assets: 3)),
                                        try Self.fhs(.garch, days: 400)]
        for law in laws {
            let tilt = try law.importanceTilt(values: values, horizon: horizon, confidences: [0.99, 0.999])
            let n = 40_000
            var sum = 0.0, squares = 0.0
            var out = [Double](repeating: 0, count: 6)
            out.withUnsafeMutableBufferPointer { b in
                for j in 0..<n {
                    var rng = Xoshiro256PlusPlus(seed: 11, scenario: UInt64(j))
                    let w = tilt.draw(horizon: horizon, rng: &rng, into: b.baseAddress!, scratch: b.baseAddress! + 3)
                    sum += w
                    squares += w * w
                }
            }
            let mean = sum / Double(n)
            let se = ((squares / Double(n) - mean * mean) / Double(n)).squareRoot()
            #expect(se > 0 && abs(mean - 1) < 4 * se, "\(law.name) h \(horizon): mean weight \(mean) ± \(se)")
        }
    }

    /// A confidence whose quantile lies below the mean loss tilts nothing: the
    /// draws are the plain law's, bit for bit, with weight 1.
    @Test func noTiltIsThePlainLaw() throws {
        let law = try Self.fhs(.garch, days: 300)
        let tilt = try law.importanceTilt(values: values, horizon: 3, confidences: [0.2])
        var a = [Double](repeating: 0, count: 3), b = a, scratch = a
        for j in 0..<200 {
            var r1 = Xoshiro256PlusPlus(seed: 5, scenario: UInt64(j)), r2 = r1
            let w = tilt.draw(horizon: 3, rng: &r1, into: &a, scratch: &scratch)
            law.draw(horizon: 3, rng: &r2, into: &b, scratch: &scratch)
            #expect(w == 1 && a == b)
        }
    }

    /// With linear P&L over one day the bootstrap's loss is one of `T` equally
    /// likely day losses `ℓ_t`: sorted descending, VaR `= ℓ_(⌈Tα⌉)` and ES
    /// `= (Σ_{i<⌈k⌉} ℓ_(i) + (k − ⌈k⌉ + 1) ℓ_(⌈k⌉))/k`, `k = Tα` (methods.md §4, not
    /// a whole number here so the VaR atom is not on a boundary).
    @Test func bootstrapOneDayMatchesTheExactDiscreteLaw() throws {
        let days = 537
        let history = EngineFixtures.history(days: days, assets: 3)
        let losses = (0..<days).map { t in -(0..<3).reduce(0.0) { $0 + values[$1] * history[t, $1] } }.sorted(by: >)
        let levels = [ConfidenceLevel(0.975), ConfidenceLevel(0.99)]
        let r = try engine.run(model: ScenarioModel(law: BootstrapLaw(history: history)), values: values,
                               levels: levels, settings: settings(30_000, pnl: .linear))
        let factors = try #require(r.varianceReductionFactors)
        for (m, level) in levels.enumerated() {
            let k = Double(days) * (1 - level.confidence)
            let rank = Int(k.rounded(.up))
            let exactVaR = losses[rank - 1]
            let exactES = (losses[0..<(rank - 1)].reduce(0, +) + (k - Double(rank) + 1) * exactVaR) / k
            let e = r.estimates[m]
            #expect(try #require(e.valueAtRiskInterval).contains(exactVaR), "\(level): VaR \(e.valueAtRisk) vs \(exactVaR)")
            let se = try #require(e.expectedShortfallStandardError)
            #expect(abs(e.expectedShortfall - exactES) < 3 * se, "\(level): ES \(e.expectedShortfall) ± \(se) vs \(exactES)")
        }
        #expect(factors[1] > 1, "variance reduction factor at 99%: \(factors[1])")
        let c = try #require(r.estimates[1].contributions)
        #expect(abs(c.reduce(0, +) - r.estimates[1].expectedShortfall) < 1e-9 * abs(r.estimates[1].expectedShortfall))
    }

    /// FHS (exact P&L) importance-sampled against a plain run ten times larger,
    /// under both filters, one day and five (the GARCH path included). 570 days:
    /// `Tα` is no whole number, so the one-day VaR is one atom, not a boundary between two.
    @Test(arguments: [("ewma", 1), ("ewma", 5), ("garch", 1), ("garch", 5)])
    func fhsAgreesWithALargePlainRun(filter: String, horizon: Int) throws {
        let law = try Self.fhs(filter == "garch" ? .garch : .standard)
        let model = ScenarioModel(law: law, horizon: horizon)
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.995)]
        let weighted = try engine.run(model: model, values: values, levels: levels, settings: settings(20_000))
        var plainSettings = settings(200_000)
        plainSettings.varianceReduction = .none
        let plain = try engine.run(model: model, values: values, levels: levels, settings: plainSettings)
        for (w, p) in zip(weighted.estimates, plain.estimates) {
            let se = (pow(w.expectedShortfallStandardError!, 2) + pow(p.expectedShortfallStandardError!, 2)).squareRoot()
            #expect(abs(w.expectedShortfall - p.expectedShortfall) < 4 * se,
                    "\(filter) h \(horizon) \(w.level): ES \(w.expectedShortfall) vs \(p.expectedShortfall) ± \(se)")
            #expect(w.valueAtRiskInterval!.overlaps(p.valueAtRiskInterval!),
                    "\(filter) h \(horizon) \(w.level): VaR \(w.valueAtRiskInterval!) vs \(p.valueAtRiskInterval!)")
        }
        #expect(try #require(weighted.varianceReductionFactors).allSatisfy { $0 > 1 })
    }

    @Test func threadsGiveTheSameBits() throws {
        let models = [ScenarioModel(law: BootstrapLaw(history: EngineFixtures.history(days: 300, assets: 3)), horizon: 2),
                      ScenarioModel(law: try Self.fhs(.garch, days: 300), horizon: 3)]
        let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.999)]
        for model in models {
            var s = settings(3 * 4096 + 77, threads: 1)
            s.tailScenariosToExport = 10
            _ = try engine.expectSameBitsOnOneAndTwoThreads(model: model, values: values, levels: levels, settings: s)
        }
    }

    /// Two equal assets held long and short: every day loses 0, nothing to tilt towards.
    @Test func refusesABasketWhoseDaysAllLoseTheSame() throws {
        let h = EngineFixtures.history(days: 200, assets: 1)
        var twin = Matrix(rows: 200, cols: 2)
        for t in 0..<200 { twin[t, 0] = h[t, 0]; twin[t, 1] = h[t, 0] }
        do {
            _ = try engine.run(model: ScenarioModel(law: BootstrapLaw(history: twin)), values: [10, -10],
                               levels: [ConfidenceLevel(0.99)], settings: settings(10_000))
            Issue.record("a basket with no day direction was tilted")
        } catch TailRiskError.invalidParameter(let parameter, let message) {
            #expect(parameter == .varianceReduction && message.contains("same linear loss"), "\(message)")
        }
    }
}
