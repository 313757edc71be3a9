import Foundation
import Testing
@testable import TailRisk

/// The policy file's `lt:` key: liquidation thresholds per asset, read by `stress`
/// (issue 11: "`--lt ETH=0.8,BTC=0.75` (required; also as policy-file keys)").
@Suite struct PolicyThresholdTests {
    @Test func ltIsAMappingOfAssetToThreshold() throws {
        let p = try HaircutPolicy.parse(yaml: "lt: {ETH: 0.8, BTC: 0.75}\nliquidation-bonus: 0.1\n", source: "p.yaml")
        #expect(p.liquidationThresholds == ["ETH": 0.8, "BTC": 0.75])
        #expect(p.liquidationBonus == 0.1)
        // The echo writes the thresholds back (sorted by asset) and reads back to an equal policy.
        #expect(p.yamlEcho.contains("lt:\n  \"BTC\": 0.75\n  \"ETH\": 0.8\n"), "\(p.yamlEcho)")
        #expect(try HaircutPolicy.parse(yaml: p.yamlEcho, source: "echo") == p)
        // Without the key the echo leaves it out.
        #expect(!HaircutPolicy().echo.contains { $0.key == "lt" })
    }

    @Test func aThresholdOutOfRangeNamesTheFileLine() throws {
        let yaml = "confidence: 0.99\nlt: {ETH: 1.2}\n"
        #expect {
            _ = try HaircutPolicy.parse(yaml: yaml, source: "p.yaml")
        } throws: { error in
            guard case let TailRiskError.file(path, line, _, message) = error else { return false }
            return path == "p.yaml" && line == 2 && message.contains("lt: the threshold of ETH must lie in [0, 1], got 1.2")
        }
    }

    @Test func aThresholdThatIsNotANumberNamesTheFileLine() throws {
        #expect {
            _ = try HaircutPolicy.parse(yaml: "lt:\n  ETH: high\n", source: "p.yaml")
        } throws: { error in
            guard case let TailRiskError.file(path, line, _, message) = error else { return false }
            return path == "p.yaml" && line == 2 && message.contains("lt.ETH: expected a number, got 'high'")
        }
        #expect(throws: TailRiskError.self) { _ = try HaircutPolicy.parse(yaml: "lt: 0.8\n", source: "p.yaml") }
    }

    /// A value set over the file's names the flag, not the file.
    @Test func anOverrideIsCheckedUnderTheFlag() throws {
        let file = try HaircutPolicyFile.parse(yaml: "lt: {ETH: 0.8}\n", source: "p.yaml")
        var merged = file.policy
        merged.liquidationThresholds = ["ETH": -0.1]
        #expect {
            try file.validate(merged)
        } throws: { error in
            guard case let TailRiskError.invalidParameter(parameter, _) = error else { return false }
            return parameter == .liquidationThreshold
        }
    }
}
