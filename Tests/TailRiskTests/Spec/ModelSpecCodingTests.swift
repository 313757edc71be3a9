import Foundation
import Testing
@testable import TailRisk

/// The typed model and engine specification (`ModelChoices`, `EngineChoices`, `RiskModelSpec`)
/// round-trips through JSON, and the layers a file and the flags stack give the law typed (issue 22).
@Suite struct ModelSpecCodingTests {
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
    }

    static let laws: [InnovationLaw] = [
        .normal, .studentT(degreesOfFreedom: 4), .bootstrap, .fhs, .tCopula(degreesOfFreedom: 7.5),
        .tCopula(degreesOfFreedom: nil), .gaussianCopula,
    ]

    @Test func everyLawRoundTrips() throws {
        for law in Self.laws { #expect(try Self.roundTrip(law) == law, "\(law)") }
    }

    @Test func specsRoundTrip() throws {
        let spec = RiskModelSpec(estimator: .ledoitWolf, lambda: 0.97, zeroMean: true, law: .studentT(degreesOfFreedom: 3.5),
                                 filter: .ewma(lambda: 0.9), tails: .gpd)
        #expect(try Self.roundTrip(spec) == spec)
        let copula = RiskModelSpec(law: .tCopula(degreesOfFreedom: nil), filter: .garch)
        #expect(try Self.roundTrip(copula) == copula)
        let choices = ModelChoices(estimator: .oas, law: .fhs, filter: .none)
        #expect(try Self.roundTrip(choices) == choices)
        #expect(try Self.roundTrip(ModelChoices()) == ModelChoices())
        let engine = EngineChoices(scenarios: 20_000, seed: .max, threads: 3, targetPrecision: 0.005,
                                   maxScenarios: 1_000_000, varianceReduction: .importance)
        #expect(try Self.roundTrip(engine) == engine)
    }

    /// An empty object is the default spec; a law is written `{name, df}`.
    @Test func defaultsAndSpelling() throws {
        let empty = try JSONDecoder().decode(RiskModelSpec.self, from: Data("{}".utf8))
        #expect(empty == RiskModelSpec())
        let t = try JSONDecoder().decode(InnovationLaw.self, from: Data(#"{"name": "Student-T", "df": 6}"#.utf8))
        #expect(t == .studentT(degreesOfFreedom: 6))
        let text = String(decoding: try JSONEncoder().encode(InnovationLaw.studentT(degreesOfFreedom: 4)), as: UTF8.self)
        #expect(text.contains(#""name":"t""#) && text.contains(#""df":4"#), "\(text)")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(InnovationLaw.self, from: Data(#"{"name": "cauchy"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(VolatilityFilterSpec.self, from: Data(#"{"name": "garch", "lambda": 0.9}"#.utf8))
        }
    }

    /// A layer replaces what it sets: a name keeps the base's ν when the law is the same, ν alone
    /// keeps the base's law, `fit` asks for the copula's fitted ν; ranges wait for `validate()`.
    @Test func layersKeepTheLawTyped() throws {
        let t4 = InnovationLaw.studentT(degreesOfFreedom: 4)
        #expect(try InnovationLaw.layered(name: nil, degreesOfFreedom: nil, over: t4) == t4)
        #expect(try InnovationLaw.layered(name: "t", degreesOfFreedom: nil, over: t4) == t4)
        #expect(try InnovationLaw.layered(name: nil, degreesOfFreedom: 6, over: t4) == .studentT(degreesOfFreedom: 6))
        #expect(try InnovationLaw.layered(name: "fhs", degreesOfFreedom: nil, over: t4) == .fhs)
        #expect(try InnovationLaw.layered(name: "t-copula", degreesOfFreedom: nil, fit: true, over: nil)
            == .tCopula(degreesOfFreedom: nil))
        #expect(try InnovationLaw.layered(name: nil, degreesOfFreedom: 2, over: nil) == nil)
        #expect(throws: TailRiskError.self) { try InnovationLaw.layered(name: "t", degreesOfFreedom: nil, fit: true, over: nil) }
        let low = ModelChoices(law: try InnovationLaw.layered(name: "t", degreesOfFreedom: 1.5, over: nil))
        #expect(throws: TailRiskError.self) { try low.validate() }
        #expect(try VolatilityFilterSpec.layered(name: nil, lambda: 0.9, over: .ewma(lambda: 0.94)) == .ewma(lambda: 0.9))
        #expect(throws: TailRiskError.self) { try VolatilityFilterSpec.layered(name: nil, lambda: 0.9, over: .garch) }
        let file = ModelChoices(estimator: .oas, law: t4)
        let flags = ModelChoices(law: .fhs, filter: .garch)
        #expect(file.overlaid(by: flags) == ModelChoices(estimator: .oas, law: .fhs, filter: .garch))
        #expect(file.overlaid(by: flags).spec() == RiskModelSpec(estimator: .oas, law: .fhs, filter: .garch))
    }

    /// The engine choices write only what they set.
    @Test func engineChoicesApplyWhatTheySet() {
        var settings = SimulationSettings(scenarios: 1000, seed: 7, threads: 2)
        EngineChoices(scenarios: 5000).apply(to: &settings)
        #expect(settings.scenarios == 5000 && settings.seed == 7 && settings.threads == 2)
        #expect(throws: TailRiskError.self) { try EngineChoices(scenarios: 0).validate() }
        #expect(throws: TailRiskError.self) { try EngineChoices(threads: 0).validate() }
    }
}
