import Foundation
import Testing
@testable import TailRisk

/// The copula keys of a haircut policy (issue 13): `df: fit` or a number > 0 for `dist: t-copula`,
/// `tails: empirical|gpd`, and a filter under a copula; errors at the key's line.
@Suite struct CopulaPolicyTests {
    static func settings(_ p: HaircutPolicy) -> HaircutAnalysis.Settings {
        HaircutAnalysis.Settings(policy: p, lambda: 0.94, pnl: .exact, zeroMean: false,
                                 simulation: SimulationSettings(scenarios: 1000), liquidity: nil,
                                 from: nil, to: nil, window: nil)
    }

    @Test func fitAndGPDReachTheModel() throws {
        let p = try HaircutPolicy.parse(yaml: "dist: t-copula\ndf: fit\ntails: gpd\nfilter: garch\n", source: "p.yaml")
        #expect(p.model.law == .tCopula(degreesOfFreedom: nil) && p.model.tails == .gpd)
        let spec = try HaircutAnalysis.modelSpec(p, settings: Self.settings(p))
        #expect(spec.law == .tCopula(degreesOfFreedom: nil))
        #expect(spec.tails == .gpd && spec.filter == .garch)
        // The echo writes df: fit and tails back, and reads back to the same policy.
        #expect(p.yamlEcho.contains("df: \"fit\"") || p.yamlEcho.contains("df: fit"), "\(p.yamlEcho)")
        #expect(try HaircutPolicy.parse(yaml: p.yamlEcho, source: "echo") == p)
    }

    @Test func aGivenCopulaDegreesOfFreedomMayBeBelowTwo() throws {
        let p = try HaircutPolicy.parse(yaml: "dist: t-copula\ndf: 1.5\n", source: "p.yaml")
        let spec = try HaircutAnalysis.modelSpec(p, settings: Self.settings(p))
        #expect(spec.law == .tCopula(degreesOfFreedom: 1.5) && spec.tails == .empirical && spec.filter == nil)
        let g = try HaircutPolicy.parse(yaml: "dist: gaussian-copula\ntails: gpd\n", source: "p.yaml")
        #expect(try HaircutAnalysis.modelSpec(g, settings: Self.settings(g)).tails == .gpd)
    }

    /// Each bad combination is refused at its key's line, naming the key.
    @Test(arguments: [
        ("dist: t\ndf: fit\n", 2, "fit is only for --dist t-copula"),
        ("dist: normal\ntails: gpd\n", 2, "gpd needs"),
        ("dist: t-copula\ntails: pareto\n", 2, "not one of empirical, gpd"),
        ("dist: t-copula\ndf: -1\n", 2, "finite positive"),
        ("dist: t\ndf: 1.5\n", 2, "greater than 2"),
    ])
    func badKeysAreRefusedAtTheirLine(yaml: String, line: Int, text: String) {
        do {
            _ = try HaircutPolicy.parse(yaml: yaml, source: "p.yaml")
            Issue.record("accepted \(yaml)")
        } catch let TailRiskError.file(path, l, _, message) {
            #expect(path == "p.yaml" && l == line && message.contains(text), "\(l): \(message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// A flag overriding the file: `df` and `tails` set by hand the way `HaircutCommand.resolvedPolicy` does.
    @Test func overridesRevalidate() throws {
        let file = try HaircutPolicyFile.parse(yaml: "dist: t-copula\ndf: fit\n", source: "p.yaml")
        var merged = file.policy
        merged.model.law = .tCopula(degreesOfFreedom: 4)
        merged.model.tails = .gpd
        try file.validate(merged)
        #expect(try HaircutAnalysis.modelSpec(merged, settings: Self.settings(merged)).law == .tCopula(degreesOfFreedom: 4))
        merged.model.law = .studentT(degreesOfFreedom: 5)
        #expect(throws: TailRiskError.self) { try file.validate(merged) }
    }
}
