import Testing
@testable import TailRisk

/// A level out of range is an error the caller can catch, not a stopped process (issue 22:
/// `ConfidenceLevel(99)` ran into a precondition).
@Suite struct ConfidenceLevelMisuseTests {
    @Test(arguments: [99, 1, 0.3, -0.5, 1 - 1e-13, .nan, .infinity])
    func outOfRangeThrowsNamingTheConfidenceLevel(confidence: Double) {
        #expect(throws: TailRiskError.self) { try ConfidenceLevel(confidence) }
        do {
            _ = try ConfidenceLevel(confidence)
        } catch let TailRiskError.invalidParameter(parameter, message) {
            #expect(parameter == .confidence)
            #expect(message.contains("outside [0.5, 0.999999999]"), "\(message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theIssuesExampleThrows() {
        #expect(throws: TailRiskError.self) { try ConfidenceLevel(99) }
    }

    @Test func inRangeLevelsAndLiteralsAgree() throws {
        for c in [0.5, 0.9, 0.975, 0.99, 1 - 1e-9] {
            let level = try ConfidenceLevel(c)
            #expect(level.confidence == c)
            #expect(abs(level.alpha - (1 - c)) <= 5e-13)
        }
        let literal: ConfidenceLevel = 0.99
        #expect(try literal == ConfidenceLevel(0.99 as Double))
        #expect(ConfidenceLevel(0.99).alpha == 0.01)
    }
}
