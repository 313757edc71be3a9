import Foundation
import Testing
@testable import TailRisk

/// The backstop of "every printed figure is finite" and the root fixes under it (issue 8).
@Suite struct FiniteBackstopTests {
    static func message(_ body: () throws -> Void) -> String? { thrownMessage(body) }

    // MARK: RiskEstimate.requireFinite

    @Test func aFiniteEstimateWithoutOptionalFiguresPasses() throws {
        let e = RiskEstimate(method: .historical, level: ConfidenceLevel(0.99), valueAtRisk: -3, expectedShortfall: 0)
        try e.requireFinite()
    }

    @Test func eachNonFiniteFigureIsNamedWithMethodAndLevel() {
        let level = ConfidenceLevel(0.975)
        func estimate(v: Double = 1, es: Double = 2, ci: ClosedRange<Double>? = 0.5...1.5, se: Double? = 0.1,
                      contributions: [Double]? = [1, 1]) -> RiskEstimate {
            RiskEstimate(method: .monteCarlo, level: level, valueAtRisk: v, expectedShortfall: es,
                         valueAtRiskInterval: ci, expectedShortfallStandardError: se, contributions: contributions)
        }
        #expect(Self.message { try estimate().requireFinite() } == nil)
        let cases: [(RiskEstimate, String)] = [
            (estimate(v: .nan), "monte-carlo at 0.975: the VaR is nan"),
            (estimate(es: .infinity), "monte-carlo at 0.975: the ES is inf"),
            (estimate(ci: -Double.infinity...1), "the lower end of the VaR interval is -inf"),
            (estimate(se: .nan), "the standard error of the ES is nan"),
            (estimate(contributions: [1, .nan]), "the ES contribution of ETH is nan"),
        ]
        for (e, expected) in cases {
            let m = Self.message { try e.requireFinite(assets: ["BTC", "ETH"]) }
            #expect(m?.hasPrefix("numerical error: ") == true, "\(String(describing: m))")
            #expect(m?.contains(expected) == true, "\(String(describing: m)) lacks \(expected)")
        }
        #expect(Self.message { try estimate(v: .nan).requireFinite(label: "my-method") }?
            .contains("my-method at 0.975") == true)
    }

    @Test func aNaNSigmaGivesAnEstimateTheBackstopRefusesInsteadOfTrapping() {
        // VᵀΣV of 1e160-sized values overflows: σ = NaN used to trip `precondition(sigma >= 0)`.
        let e = ParametricNormal.estimate(mean: 0, standardDeviation: .nan, level: ConfidenceLevel(0.99))
        #expect(e.valueAtRisk.isNaN)
        #expect(Self.message { try e.requireFinite() }?.contains("normal at 0.99: the VaR is nan") == true)
    }

    // MARK: the haircut report

    static func report(portfolioHaircut: Double, debt: Double?) throws -> HaircutReport {
        var policy = HaircutPolicy()
        policy.collateral = [.init(asset: "BTC", quantity: 1), .init(asset: "ETH", quantity: 10)]
        return try HaircutCalculator.report(
            assets: ["BTC", "ETH"], quantities: [1, 10], values: [100, 50], standaloneHaircuts: [0.3, 0.4],
            allocatedHaircuts: [0.28, 0.35], portfolioHaircut: portfolioHaircut, dailyVolatility: [0.03, 0.04],
            liquidity: nil, policy: policy, debtAmount: debt)
    }

    @Test func aHaircutReportWithoutDebtOrFloorsPasses() throws {
        let r = try Self.report(portfolioHaircut: 0.3, debt: nil)
        #expect(r.basket.healthFactor == nil && r.assets[0].floor == nil)
        try r.requireFinite()
        try Self.report(portfolioHaircut: 0.3, debt: 60).requireFinite()
    }

    @Test func aNonFiniteHaircutFigureIsNamed() throws {
        let m = Self.message { try Self.report(portfolioHaircut: .nan, debt: nil).requireFinite() }
        #expect(m?.contains("haircut of the basket: the portfolio haircut H_p is nan") == true, "\(String(describing: m))")
        // A debt of 1e-320 gave HF = ∞ before debts were bounded; the report alone still refuses it.
        let hf = Self.message { try Self.report(portfolioHaircut: 0.3, debt: 1e-320).requireFinite() }
        #expect(hf?.contains("the health factor (standalone) is inf") == true, "\(String(describing: hf))")
    }

    // MARK: backtest statistics

    @Test func anExceededZeroESLeavesZ2UndefinedWithANoteInsteadOfInfinity() throws {
        // A stale window forecasts VaR = ES = 0; the next day loses 1: L/ES = ∞.
        let level = ConfidenceLevel(0.99)
        let t = CoverageTests(level: level, losses: [1, 0, 0.5, 0], valueAtRisk: [0, 1, 1, 1],
                              expectedShortfall: [0, 2, 2, 2])
        #expect(t.exceedances == 1)
        #expect(t.acerbiSzekelyZ2 == nil)
        #expect(t.notes.contains { $0.contains("Acerbi–Szekely Z2 is undefined: on 1 exceedance day(s) the ES forecast was 0") })
        try t.requireFinite(label: "historical at 0.99")
        // With a positive ES the statistic is there, as before: 1 − (1/2)/(4 · 0.01).
        let u = CoverageTests(level: level, losses: [1, 0, 0.5, 0], valueAtRisk: [0, 1, 1, 1],
                              expectedShortfall: [2, 2, 2, 2])
        #expect(abs(try #require(u.acerbiSzekelyZ2) - (1 - 0.5 / 0.04)) < 1e-12)
    }

    // MARK: moments of huge P&L (Cornish–Fisher on a 1e77 jump)

    @Test func momentsOfAScaledSampleScaleExactly() throws {
        let x = EngineFixtures.history(days: 500, assets: 1).column(0)
        let base = SampleMoments(x)
        // Multiplying by a power of two is exact, and so is forming the moments on x/2^k:
        // skewness and kurtosis are the same bits, the mean and σ scale exactly.
        for k in [-900, -300, 256, 600, 1000] {
            let s = Double(sign: .plus, exponent: k, significand: 1)
            let m = SampleMoments(x.map { $0 * s })
            #expect(m.skewness == base.skewness && m.excessKurtosis == base.excessKurtosis, "2^\(k)")
            #expect(m.mean == base.mean * s && m.standardDeviation == base.standardDeviation * s, "2^\(k)")
        }
        // 1e77-sized P&L: m₄ overflows to ∞, the kurtosis does not.
        let huge = SampleMoments(x.map { $0 * 1e80 })
        #expect(huge.fourthCentralMoment == .infinity)
        #expect(huge.excessKurtosis.isFinite && abs(huge.excessKurtosis - base.excessKurtosis) < 1e-9)
        let estimates = try CornishFisher.estimates(pnl: x.map { $0 * 1e80 }, levels: [ConfidenceLevel(0.99)])
        try estimates[0].requireFinite()
    }

    @Test func cornishFisherRefusesANonFinitePnL() {
        let m = Self.message { _ = try CornishFisher.estimates(pnl: [1, -2, .infinity, 3], levels: [ConfidenceLevel(0.99)]) }
        #expect(m == "numerical error: Cornish–Fisher: P&L observation 3 of 4 is inf: revaluing its returns overflowed")
    }

    // MARK: the Monte Carlo engine

    @Test func anOverflowingSimulationIsAnErrorNotAnIntTrap() throws {
        // A short of 1e18 on a daily σ of 1000 (log returns): e^r overflows, the losses are ∞
        // and under a precision target the next round used to come from Int(NaN).
        let model = ScenarioModel(mean: [0], factor: Matrix([[1000]]))
        for target in [nil, 0.5] as [Double?] {
            let settings = SimulationSettings(scenarios: 8192, threads: 1, targetPrecision: target, maxScenarios: 16384)
            let m = Self.message {
                _ = try MonteCarloEngine().run(model: model, values: [-1e18], levels: [ConfidenceLevel(0.99)],
                                               settings: settings)
            }
            #expect(m?.hasPrefix("numerical error: monte-carlo at 0.99: the VaR is") == true, "\(String(describing: m))")
        }
    }

    @Test func theEngineRefusesUnboundedValues() {
        let model = ScenarioModel(mean: [0], factor: Matrix([[0.02]]))
        let m = Self.message {
            _ = try MonteCarloEngine().run(model: model, values: [1e308], levels: [ConfidenceLevel(0.99)],
                                           settings: SimulationSettings(scenarios: 1000, threads: 1))
        }
        #expect(m == "positions: the value of position 1 is 1e308, beyond the largest amount TailRisk takes, "
                + "1e18 in magnitude (choose a larger unit)")
    }
}
