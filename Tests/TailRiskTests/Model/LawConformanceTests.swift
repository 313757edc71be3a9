import Foundation
import Testing
@testable import TailRisk

/// The conformance check of issue 22: every law of the registry, every filter and every
/// backend passes the same checks, so a new law or filter is tested by adding one sample
/// here (`everyLawHasASample` fails until it is):
/// - the same bytes for 1 and 2 threads, and for two shards merged (`PrecomputedBackend`);
/// - tail regeneration: the exported tail scenarios, redrawn from their keys for the Euler
///   contributions, carry the losses the first pass ranked (their P&L recomputed from their
///   returns), and the contributions add up to the ES;
/// - the JSON round trip of the law and filter specs, and of the law through `parse`.
@Suite struct LawConformanceTests {
    /// One law per registry entry (the t-copula twice: `ν` given and fitted).
    static let laws: [InnovationLaw] = [
        .normal, .studentT(degreesOfFreedom: 5), .bootstrap, .fhs, .tCopula(degreesOfFreedom: 4),
        .tCopula(degreesOfFreedom: nil), .gaussianCopula, .skewT(degreesOfFreedom: 5, skew: -0.3),
    ]
    static let filters = VolatilityFilterSpec.names.map { try! VolatilityFilterSpec.parse(name: $0, lambda: nil)! }
    static let history = EngineFixtures.history(days: 300, assets: 3)
    static let values = [30.0, 50.0, -20.0]
    static let levels = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)]

    static func scenarioModel(_ law: InnovationLaw, filter: VolatilityFilterSpec? = nil) throws -> ScenarioModel {
        try RiskModel.fit(history, spec: RiskModelSpec(law: law, filter: filter)).scenarioModel(horizon: 2)
    }

    static func settings(threads: Int) -> SimulationSettings {
        SimulationSettings(scenarios: 2 * 4096 + 321, seed: 22, threads: threads, standalone: true,
                           tailScenariosToExport: 20, histogramBins: 16)
    }

    static func expectSame(_ a: SimulationResult, _ b: SimulationResult, _ what: String) {
        #expect(a.estimates == b.estimates, "\(what)")
        #expect(a.estimates.map { $0.contributions?.map(\.bitPattern) } == b.estimates.map { $0.contributions?.map(\.bitPattern) }, "\(what)")
        #expect(a.tail == b.tail, "\(what)")
        #expect(a.histogram == b.histogram, "\(what)")
    }

    /// Runs `model` on every backend and checks the bytes and the regenerated tail.
    static func conforms(_ model: ScenarioModel, _ what: String) throws {
        let engine = MonteCarloEngine()
        let one = try engine.run(model: model, values: values, levels: levels, settings: settings(threads: 1))
        let two = try engine.run(model: model, values: values, levels: levels, settings: settings(threads: 2))
        expectSame(one, two, "\(what): threads 1 and 2")
        // Two shards evaluated apart, encoded, decoded and merged.
        let s = settings(threads: 2)
        let units = MonteCarloEngine.unitCount(scenarios: s.scenarios)
        var merged = try TailAccumulator(encoded: engine.accumulate(model: model, values: values, levels: levels,
                                                                    settings: s, units: 1..<units).encoded())
        try merged.merge(TailAccumulator(encoded: engine.accumulate(model: model, values: values, levels: levels,
                                                                    settings: s, units: 0..<1).encoded()))
        var replay = s
        replay.backend = PrecomputedBackend(merged)
        expectSame(try engine.run(model: model, values: values, levels: levels, settings: replay), one, "\(what): merged shards")
        // Tail regeneration: each exported scenario's loss is the exact P&L of its redrawn returns.
        #expect(one.tail.count == 20)
        for t in one.tail {
            let loss = -zip(values, t.returns).reduce(0) { $0 + $1.0 * expm1($1.1) }
            #expect(abs(loss - t.loss) <= 1e-12 * Swift.max(abs(loss), 1), "\(what): scenario \(t.index) \(loss) vs \(t.loss)")
        }
        #expect(zip(one.tail, one.tail.dropFirst()).allSatisfy { $0.loss >= $1.loss }, "\(what): tail in loss order")
        for e in one.estimates {
            let sum = try #require(e.contributions).reduce(0, +)
            #expect(abs(sum - e.expectedShortfall) <= 1e-9 * abs(e.expectedShortfall), "\(what): Σ contributions \(sum) vs ES \(e.expectedShortfall)")
        }
    }

    @Test func everyLawHasASample() {
        #expect(Set(Self.laws.map(\.name)) == Set(InnovationLaw.registry.map(\.name)))
        #expect(Set(InnovationLaw.registry.map(\.methodID)).count == InnovationLaw.registry.count, "method ids are unique")
        #expect(Set(InnovationLaw.names).count == InnovationLaw.names.count, "names and aliases are unique")
    }

    @Test(arguments: laws.indices)
    func lawConforms(_ i: Int) throws {
        let law = Self.laws[i]
        let entry = law.entry
        #expect(law.name == entry.name && law.monteCarloMethodID == entry.methodID)
        #expect(law.parameterValues.count == entry.parameters.count)
        // JSON round trip, and the JSON names the entry.
        let json = try JSONEncoder().encode(law)
        #expect(try JSONDecoder().decode(InnovationLaw.self, from: json) == law, "\(String(decoding: json, as: UTF8.self))")
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["name"] as? String == entry.name)
        #expect(Set(object.keys) == Set(["name"] + entry.parameters))
        // parse of the entry's name and its aliases with the same parameters gives the law back.
        if law.parameterValues.allSatisfy({ $0.value != nil }) {
            let values = Dictionary(uniqueKeysWithValues: law.parameterValues.map { ($0.key, $0.value!) })
            for name in [entry.name] + entry.aliases {
                #expect(try InnovationLaw.parse(name.uppercased(), degreesOfFreedom: values["df"] ?? 5, skew: values["skew"]) == law)
            }
        }
        try Self.conforms(try Self.scenarioModel(law), law.monteCarloMethodID)
    }

    /// A law that is not in the registry, or a bad parameter, does not decode.
    @Test func badLawJSONIsRefused() {
        for text in [#"{"name": "cauchy"}"#, #"{"name": "t", "df": 1.5}"#, #"{"name": "skew-t", "df": 5}"#,
                     #"{"name": "skew-t", "df": 5, "skew": 1.2}"#, #"{"df": 4}"#] {
            #expect(throws: (any Error).self, "\(text)") { try JSONDecoder().decode(InnovationLaw.self, from: Data(text.utf8)) }
        }
    }

    /// Every filter: the JSON round trip, deterministic fits whose residuals times volatilities
    /// give the returns back, and filtered historical simulation under it on every backend.
    @Test(arguments: filters.indices)
    func filterConforms(_ i: Int) throws {
        let filter = Self.filters[i]
        let json = try JSONEncoder().encode(filter)
        #expect(try JSONDecoder().decode(VolatilityFilterSpec.self, from: json) == filter)
        #expect(try VolatilityFilterSpec.parse(name: filter.name.uppercased(), lambda: filter.lambda) == filter)
        let fits = try filter.fit(columnsOf: Self.history)
        #expect(try filter.fit(columnsOf: Self.history) == fits, "\(filter): the same window gives the same fit")
        for (j, fit) in fits.enumerated() {
            let r = Self.history.column(j)
            #expect(fit.next > 0 && fit.next.isFinite)
            for t in r.indices { #expect(abs(fit.residuals[t] * fit.sigmas[t] - r[t]) <= 1e-15 + 1e-13 * abs(r[t])) }
            #expect((fit.garch != nil) == (filter.garchOrder != nil))
        }
        try Self.conforms(try Self.scenarioModel(.fhs, filter: filter), "fhs under \(filter)")
    }
}
