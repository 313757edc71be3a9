import Foundation
import Testing
@testable import TailRisk

/// The numeric bounds of `Limits`: each refuses just beyond its bound, accepts
/// it, and says the bound in its error.
@Suite struct LimitsTests {
    static func message(_ body: () throws -> Void) -> String? { thrownMessage(body) }

    @Test func amountsBetween1eMinus9And1e18() throws {
        for ok in [1e18, -1e18, 1e-9, -1e-9, 1] {
            try Limits.checkAmount(ok, parameter: .debt, what: "the debt")
        }
        try Limits.checkAmount(0, parameter: .positions, what: "x", allowZero: true)
        #expect(Self.message { try Limits.checkAmount(2e18, parameter: .debt, what: "the debt") }
                == "debt: the debt is 2e18, beyond the largest amount TailRisk takes, 1e18 in magnitude (choose a larger unit)")
        #expect(Self.message { try Limits.checkAmount(1e-320, parameter: .debt, what: "the debt") }
                == "debt: the debt is 1e-320, below the smallest nonzero amount TailRisk takes, 1e-9 in magnitude (choose a smaller unit)")
        for bad in [Double.nan, .infinity, 0, 9.9e-10] {
            #expect(Self.message { try Limits.checkAmount(bad, parameter: .debt, what: "the debt") } != nil, "\(bad)")
        }
    }

    @Test func portfolioValuesAndTheirGrossSumAreBounded() throws {
        try Portfolio(assets: ["A", "B"], values: [5e17, -5e17]).requireBoundedValues(parameter: .positions)
        try Portfolio(assets: ["A", "B"], values: [1e-9, 0]).requireBoundedValues(parameter: .positions)
        #expect(Self.message { try Portfolio(assets: ["A", "B"], values: [6e17, -6e17]).requireBoundedValues(parameter: .positions) }?
            .hasPrefix("positions: the gross exposure Σ|V_i| is 1.2e18, beyond") == true)
        #expect(Self.message { try Portfolio(assets: ["A", "B"], values: [1, 1e-12]).requireBoundedValues(parameter: .weights) }?
            .hasPrefix("weights: B: the position's value is 1e-12, below the smallest nonzero amount TailRisk takes, 1e-9") == true)
    }

    @Test func confidenceBetweenOneHalfAnd1Minus1eMinus9() throws {
        let top = try ConfidenceLevel(validating: 1 - 1e-9)
        #expect(top.alpha > 0 && abs(top.alpha - 1e-9) < 1e-21)
        #expect(try ConfidenceLevel(validating: 0.5).alpha == 0.5)
        for bad in [1e-17, 0.3, 0.4999, 1 - 1e-13, 1, .nan] {
            let m = Self.message { _ = try ConfidenceLevel(validating: bad) }
            #expect(m?.hasSuffix("is outside [0.5, 0.999999999], the confidence levels TailRisk takes (e.g. 0.99 or 99%)") == true,
                    "\(bad): \(String(describing: m))")
        }
    }

    @Test func returnsBeyondLn1e6PerStepAreNamedWithAssetAndDates() throws {
        let days = (1...4).map { Day(year: 2024, month: 3, day: $0)! }
        func series(_ r: Double) -> ReturnSeries {
            ReturnSeries(assets: ["A", "B"], dates: Array(days.dropFirst()),
                         returns: Matrix([[0.01, 0.02], [-0.01, r], [0.0, 0.01]]), startDate: days[0],
                         lastPrices: [1, 1], alignment: AlignmentReport(policy: .intersect, datesInRange: 4, datesKept: 4,
                                                                         datesLost: [:]))
        }
        try series(13.8).requireBoundedReturns()
        try series(-13.8).requireBoundedReturns()
        let m = Self.message { try series(log(1e77)).requireBoundedReturns(measuredIn: "USDC") }
        #expect(m == "numerical error: the log return of B relative to USDC from 2024-03-02 to 2024-03-03 is 177.3 "
                + "(prices × 1e77), beyond ±13.8 = ln 10⁶, the largest move in one step TailRisk takes "
                + "(check the prices on those dates for a unit or decimal error)")
        #expect(Self.message { try series(.nan).requireBoundedReturns() } != nil)
    }

    @Test func numbersAreWrittenShort() {
        #expect(Limits.text(1e18) == "1e18" && Limits.text(1e-9) == "1e-9" && Limits.text(1e-320) == "1e-320")
        #expect(Limits.text(1.25e6, significant: 3) == "1.25e6" && Limits.text(1e12, significant: 3) == "1e12")
        #expect(Limits.text(1 - 1e-9) == "0.999999999" && Limits.text(13.815510557964274, significant: 3) == "13.8")
        #expect(Limits.text(1.1046508329514902e164, significant: 6) == "1.10465e164")
    }

    @Test func covarianceSizeAndHighamBudget() throws {
        try Limits.checkCovarianceSize(2000, parameter: .assets)
        #expect(Self.message { try Limits.checkCovarianceSize(10_000, parameter: .assets) }
                == "assets: 10000 assets exceed the largest basket a covariance is estimated and repaired for, 2000 "
                + "(the repair is O(d³): about 30 s at 2000); choose fewer assets")
        // The repair itself refuses before any O(d³) work.
        let big = Matrix(rows: 2001, cols: 2001)
        #expect(Self.message { _ = try PositiveDefiniteRepair.factor(big) }?.contains("2001 assets exceed") == true)
        // min(100, 9e10/d³): 100 to 965 assets, then falling with the cube.
        #expect(Limits.highamIterations(dimension: 5) == 100)
        #expect(Limits.highamIterations(dimension: 965) == 100)
        #expect(Limits.highamIterations(dimension: 1000) == 90)
        #expect(Limits.highamIterations(dimension: 2000) == 11)
        #expect(Limits.highamIterations(dimension: 100_000) == 1)
    }

    @Test func simulationWorkSaysItsProduct() throws {
        try Limits.checkSimulationWork([1_000_000, 10, 100_000], names: ["scenarios", "steps", "assets"], parameter: .scenarios)
        #expect(Self.message {
            try Limits.checkSimulationWork([1_000_000_000, 100, 20], names: ["scenarios", "steps", "assets"], parameter: .scenarios)
        } == "scenario count: 1000000000 scenarios × 100 steps × 20 assets = 2000000000000 random draws exceed the largest "
            + "Monte Carlo run TailRisk takes, 1e12 draws (about two hours on two cores); lower one of them")
        #expect(Self.message {
            try Limits.checkSimulationWork([Int.max, 3, 3], names: ["a", "b", "c"], parameter: .maxScenarios)
        }?.contains("= more than \(Int.max) random draws") == true)
        // The engine checks it before drawing: the normal model draws an h-step sum at once.
        let model = ScenarioModel(mean: [0, 0], factor: Matrix([[0.02, 0], [0, 0.02]]),
                                  law: .studentT(degreesOfFreedom: 4), horizon: 1000)
        let m = Self.message {
            _ = try MonteCarloEngine().run(model: model, values: [1, 1], levels: [ConfidenceLevel(0.99)],
                                           settings: SimulationSettings(scenarios: 1_000_000_000, threads: 1))
        }
        #expect(m?.hasPrefix("scenario count: 1000000000 scenarios × 1000 steps × 2 assets = 2000000000000") == true,
                "\(String(describing: m))")
    }
}
