import Testing
@testable import TailRisk

/// The shared distribution parser (`InnovationLaw.parse`) as haircut
/// and policy files use it, and the percentage reading of `confidence`.
@Suite struct HaircutDistributionTests {
    @Test(arguments: [
        ("normal", InnovationLaw.normal), ("Normal", .normal), ("t", .studentT(degreesOfFreedom: 4)),
        ("T", .studentT(degreesOfFreedom: 4)), ("student-t", .studentT(degreesOfFreedom: 4)),
        ("studentt", .studentT(degreesOfFreedom: 4)), ("StudentT", .studentT(degreesOfFreedom: 4)),
        ("bootstrap", .bootstrap), ("BOOTSTRAP", .bootstrap),
    ])
    func acceptedNames(name: String, expected: InnovationLaw) throws {
        #expect(try InnovationLaw.parse(name, degreesOfFreedom: 4) == expected)
    }

    @Test func rejectedNamesAndDegreesOfFreedom() throws {
        #expect(throws: TailRiskError.invalidOption(
            option: "--dist", message: "'cauchy' is not one of normal, t, student-t, studentt, bootstrap, fhs, t-copula, gaussian-copula, skew-t")) {
            try InnovationLaw.parse("cauchy", degreesOfFreedom: 5)
        }
        #expect(throws: TailRiskError.invalidOption(
            option: "dist", message: "'' is not one of normal, t, student-t, studentt, bootstrap, fhs, t-copula, gaussian-copula, skew-t")) {
            try InnovationLaw.parse("", degreesOfFreedom: 5, option: "dist")
        }
        for df in [2, 1.5, -3, .infinity, .nan] {
            #expect(throws: TailRiskError.invalidOption(
                option: "--df", message: "must be a finite number greater than 2 (the variance is infinite otherwise), got \(df)")) {
                try InnovationLaw.parse("t", degreesOfFreedom: df)
            }
        }
        // ν is read only for t.
        #expect(try InnovationLaw.parse("normal", degreesOfFreedom: .nan) == .normal)
    }

    /// Haircut reads the names var reads (it used to refuse `studentt`), with ν = 5 by default.
    @Test func haircutUsesTheSharedParser() throws {
        var policy = HaircutPolicy()
        policy.distribution = "studentt"
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 5))
        policy.degreesOfFreedom = 3.5
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 3.5))
        policy.distribution = "Student-T"
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 3.5))
        policy.distribution = nil
        #expect(try HaircutAnalysis.distribution(policy) == .normal)
    }

    /// `confidence` reads `0.99` and `99%` alike, in the file as on the command line.
    @Test func confidenceAsAPercentage() throws {
        #expect(HaircutPolicy.fraction("99%") == 0.99 && HaircutPolicy.fraction("0.975") == 0.975)
        #expect(HaircutPolicy.fraction("99.5%") == 0.995)
        #expect(HaircutPolicy.fraction("inf") == nil && HaircutPolicy.fraction("ninety") == nil)
        #expect(try HaircutPolicy.parse(yaml: "confidence: 99%\n", source: "p.yaml").confidence == 0.99)
        #expect(try HaircutPolicy.parse(yaml: "confidence: 97.5%\n", source: "p.yaml").confidence == 0.975)
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 1, column: 13,
                                           message: "confidence: expected a number or a percentage (0.99 or 99%), got 'high'")) {
            try HaircutPolicy.parse(yaml: "confidence: high\n", source: "p.yaml")
        }
    }
}
