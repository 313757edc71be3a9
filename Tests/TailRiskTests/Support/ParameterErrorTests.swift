import Testing
@testable import TailRisk

/// A library error names the quantity at fault, never a command-line flag (issue 22): the CLI maps
/// each `Parameter` to its flag when it prints (`ParameterFlagsTests` in CLITests).
@Suite struct ParameterErrorTests {
    static func error(_ body: () throws -> Void) -> TailRiskError? {
        do { try body(); return nil } catch { return error as? TailRiskError }
    }

    /// Calls with bad arguments across the library, each with the quantity its error must name.
    static let misuses: [(Parameter, () throws -> Void)] = [
        (.confidence, { _ = try ConfidenceLevel(validating: 1.5) }),
        (.threads, { try Limits.check(0, atMost: Limits.threads, parameter: .threads) }),
        (.collateral, { _ = try PositionSpec.parse("BTC", parameter: .collateral) }),
        (.distribution, { _ = try InnovationLaw.parse("cauchy", degreesOfFreedom: 5) }),
        (.degreesOfFreedom, { _ = try InnovationLaw.parse("t", degreesOfFreedom: 2) }),
        (.replay, { _ = try ReplayWindow(parsing: "2022-12-31:2022-01-01") }),
        (.shock, { _ = try HypotheticalShock.parse("BTC") }),
        (.liquidationBonus, { var p = HaircutPolicy(); p.liquidationBonus = 1; try p.validate() }),
        (.ltvBuffer, { var p = HaircutPolicy(); p.ltvBuffer = 1; try p.validate() }),
        (.covarianceDecay, { _ = try EWMACovariance(lambda: 1) }),
        (.filterDecay, { _ = try VolatilityFilterSpec.parse(name: "ewma", lambda: 1.5) }),
    ]

    @Test(arguments: 0..<misuses.count)
    func theMessageNamesTheQuantityAndNoFlag(index: Int) throws {
        let (parameter, call) = Self.misuses[index]
        let error = try #require(Self.error(call), "no error for \(parameter)")
        guard case let .invalidParameter(named, _) = error else {
            Issue.record("\(parameter): not an invalidParameter: \(error)")
            return
        }
        #expect(named == parameter)
        #expect(error.description.hasPrefix("\(parameter.name): "), "\(error)")
        #expect(!error.description.contains("--"), "\(error)")
    }

    @Test func aFrontEndNamesTheQuantityItsOwnWay() {
        let error = TailRiskError.invalidParameter(.stressWindow, message: "starts after it ends")
        #expect(error.description == "stress window: starts after it ends")
        #expect(error.description(naming: { "<\($0.rawValue)>" }) == "<stress-window>: starts after it ends")
    }

    /// Every quantity has words of its own, distinct from the others', and no flag spelling.
    @Test func everyParameterHasADistinctName() {
        let names = Parameter.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") })
    }
}
