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
        #expect(throws: TailRiskError.invalidParameter(
            .distribution, message: "'cauchy' is not one of normal, t, student-t, studentt, bootstrap, fhs, t-copula, gaussian-copula, skew-t")) {
            try InnovationLaw.parse("cauchy", degreesOfFreedom: 5)
        }
        #expect(throws: TailRiskError.invalidParameter(
            .marginalTails, message: "'' is not one of normal, t, student-t, studentt, bootstrap, fhs, t-copula, gaussian-copula, skew-t")) {
            try InnovationLaw.parse("", degreesOfFreedom: 5, parameter: .marginalTails)
        }
        for df in [2, 1.5, -3, .infinity, .nan] {
            #expect(throws: TailRiskError.invalidParameter(
                .degreesOfFreedom, message: "must be a finite number greater than 2 (the variance is infinite otherwise), got \(df)")) {
                try InnovationLaw.parse("t", degreesOfFreedom: df)
            }
        }
        // ν is read only for t.
        #expect(try InnovationLaw.parse("normal", degreesOfFreedom: .nan) == .normal)
    }

    /// Haircut reads the names var reads (it used to refuse `studentt`), with ν = 5 by default.
    @Test func haircutUsesTheSharedParser() throws {
        var policy = HaircutPolicy()
        #expect(try HaircutAnalysis.distribution(policy) == .normal)
        // The layers a policy file and the flags stack: a name, then ν alone, then the name again.
        policy.model.law = try InnovationLaw.layered(name: "studentt", degreesOfFreedom: nil, over: policy.model.law)
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 5))
        policy.model.law = try InnovationLaw.layered(name: nil, degreesOfFreedom: 3.5, over: policy.model.law)
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 3.5))
        policy.model.law = try InnovationLaw.layered(name: "Student-T", degreesOfFreedom: nil, over: policy.model.law)
        #expect(try HaircutAnalysis.distribution(policy) == .studentT(degreesOfFreedom: 3.5))
        #expect(throws: TailRiskError.self) { try InnovationLaw.layered(name: "cauchy", degreesOfFreedom: nil, over: nil) }
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
