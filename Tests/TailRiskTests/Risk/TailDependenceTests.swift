import Testing
@testable import TailRisk

@Suite struct TailDependenceTests {
    /// methods.md §4 check value: t copula, ρ = 0.8, ν = 4 → 0.489590; Gaussian → 0.
    @Test func checkValues() {
        #expect(abs(TailDependence.tCopula(correlation: 0.8, degreesOfFreedom: 4) - 0.489590) < 5e-7)
        #expect(TailDependence.gaussianCopula(correlation: 0.8) == 0)
    }

    /// λ grows with the correlation and falls with the degrees of freedom (towards the Gaussian 0).
    @Test func monotoneInCorrelationAndDegreesOfFreedom() {
        var previous = 0.0
        for rho in stride(from: -0.9, through: 0.95, by: 0.05) {
            let l = TailDependence.tCopula(correlation: rho, degreesOfFreedom: 4)
            #expect(l > previous)
            previous = l
        }
        #expect(TailDependence.tCopula(correlation: 0.5, degreesOfFreedom: 3) > TailDependence.tCopula(correlation: 0.5, degreesOfFreedom: 30))
        #expect(TailDependence.tCopula(correlation: 0.5, degreesOfFreedom: 1e6) < 1e-6)
    }
}
