import Foundation
import Testing
@testable import TailRisk

/// Properties of the filters and of filtered historical simulation that hold
/// whatever the data: the formulas of methods.md §8 written out by hand, the
/// optimality of the GARCH fit, and the errors for unusable windows.
@Suite struct FilterPropertyTests {
    /// A GARCH(1,1) path with Gaussian innovations, `σ²_1 = ω/(1 − α − β)`.
    static func simulate(_ p: GARCHParameters, count: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256PlusPlus(seed: seed, unit: 0)
        var v = p.unconditionalVariance
        return (0..<count).map { _ in
            let r = v.squareRoot() * rng.nextNormal()
            v = p.omega + p.alpha * r * r + p.beta * v
            return r
        }
    }

    @Test func ewmaSeedsWithTheMeanSquareAndRecursesOverEveryReturn() throws {
        let r = [0.01, -0.02, 0.03, 0.005]
        let f = try EWMAFilter(lambda: 0.9).fit(r)
        var s2 = (r.map { $0 * $0 }.reduce(0, +)) / 4      // m = min(30, 4) = 4
        for t in 0..<4 {
            #expect(close(f.sigmas[t], s2.squareRoot(), relative: 1e-15))
            #expect(close(f.residuals[t], r[t] / s2.squareRoot(), relative: 1e-15))
            s2 = 0.9 * s2 + 0.1 * r[t] * r[t]
        }
        #expect(close(f.next, s2.squareRoot(), relative: 1e-15))
        #expect(f.garch == nil)
    }

    @Test func ewmaSeedUsesTheFirstThirtyReturnsOnly() throws {
        let r = (0..<40).map { 0.01 * sin(Double($0) + 0.5) }
        let f = try EWMAFilter().fit(r)
        let seed = r.prefix(30).map { $0 * $0 }.reduce(0, +) / 30
        #expect(close(f.sigmas[0], seed.squareRoot(), relative: 1e-15))
    }

    @Test func ewmaRejectsABadDecayAndZeroVolatility() {
        #expect(throws: TailRiskError.invalidParameter(.filterDecay,
                                                    message: "the EWMA filter's decay must lie strictly between 0 and 1, got 1.0")) {
            try EWMAFilter(lambda: 1)
        }
        #expect(throws: TailRiskError.self) { try VolatilityFilterSpec.ewma(lambda: 0).filter() }
        // 30 stale days then a move: the seed variance is zero.
        let stale = [Double](repeating: 0, count: 30) + [0.01, 0.02]
        let error = #expect(throws: TailRiskError.self) { try EWMAFilter().fit(stale) }
        #expect(error?.isDataProblem == true)
        #expect(throws: TailRiskError.self) { try EWMAFilter().fit([]) }
        #expect(throws: TailRiskError.self) { try EWMAFilter().fit([0.01, .nan, 0.02]) }
    }

    @Test func noFilterMakesFilteredSimulationHistoricalSimulation() throws {
        let r = Matrix((0..<60).map { t in [0.02 * sin(Double(t)), 0.03 * cos(0.7 * Double(t))] })
        let fhs = try FilteredHistoricalSimulation(returns: r, filter: .none)
        let values = [60.0, 40.0]
        for h in [1, 5] {
            let series = ReturnSeries(assets: ["A", "B"], dates: (1...60).map { Day(daysSinceEpoch: $0) },
                                      returns: r, startDate: Day(daysSinceEpoch: 0), lastPrices: [1, 1],
                                      alignment: AlignmentReport(policy: .intersect, datesInRange: 61, datesKept: 61, datesLost: [:]))
            let historical = PnLSeries.portfolio(returns: try series.overlapping(horizon: h).returns, values: values,
                                                 model: .exact).map { -$0 }
            #expect(try fhs.losses(values: values, horizon: h) == historical)
        }
        #expect(throws: TailRiskError.self) { try fhs.scenarioReturns(horizon: 61) }
    }

    @Test func ewmaScenariosAreTodaysVolatilityTimesSummedResiduals() throws {
        let r = Matrix((0..<50).map { t in [0.02 * sin(Double(t)), 0.01 * cos(1.3 * Double(t))] })
        let fhs = try FilteredHistoricalSimulation(returns: r, filter: .standard)
        let s = try fhs.scenarioReturns(horizon: 3)
        #expect(s.rows == 48)
        for i in 0..<2 {
            let z = fhs.fits[i].residuals
            for row in [0, 17, 47] {
                #expect(close(s[row, i], fhs.fits[i].next * (z[row] + z[row + 1] + z[row + 2]), relative: 1e-14))
            }
        }
    }

    @Test func garchVariancePathsFollowTheirFormulas() throws {
        let p = GARCHParameters(omega: 2e-6, alpha: 0.08, beta: 0.9)
        let r = Self.simulate(p, count: 300, seed: 7)
        let fit = try GARCHFilter.filter(r, parameters: p)
        // σ²_1 = ω + (α + β) b, b the 0.94-weighted mean square of the first 75 returns.
        var num = 0.0, den = 0.0
        for i in 0..<75 { num += pow(0.94, Double(i)) * r[i] * r[i]; den += pow(0.94, Double(i)) }
        #expect(close(fit.sigmas[0] * fit.sigmas[0], p.omega + 0.98 * num / den, relative: 1e-13))
        // The update from a residual reproduces the in-sample path and today's variance.
        let variances = fit.sigmas.map { $0 * $0 } + [fit.next * fit.next]
        for t in [0, 1, 150, 299] {
            #expect(close(p.nextVariance(after: variances[t], residual: fit.residuals[t]), variances[t + 1], relative: 1e-13))
        }
        // E σ²_{T+k} = σ̄² + (α + β)^{k−1} (σ²_{T+1} − σ̄²).
        let path = p.varianceForecast(next: variances[300], horizon: 20)
        let bar = p.omega / (1 - 0.98)
        for k in 1...20 {
            #expect(close(path[k - 1], bar + pow(0.98, Double(k - 1)) * (variances[300] - bar), relative: 1e-12))
        }
        // ℓ = −½ Σ (ln 2π + ln σ² + r²/σ²).
        var sum = 0.0
        for t in 0..<300 { sum += log(2 * Double.pi) + log(variances[t]) + r[t] * r[t] / variances[t] }
        let ll = -0.5 * sum
        #expect(close(p.logLikelihood(r), ll, relative: 1e-13))
    }

    @Test func garchObjectiveDerivativesMatchFiniteDifferences() {
        let r = Self.simulate(GARCHParameters(omega: 0.05, alpha: 0.1, beta: 0.85), count: 200, seed: 3)
        let objective = GARCHObjective(r)
        let x = [0.07, 0.12, 0.8]
        let (f, g, h) = objective.derivatives(omega: x[0], alpha: x[1], beta: x[2])
        func value(_ y: [Double]) -> Double { objective.value(omega: y[0], alpha: y[1], beta: y[2]) }
        #expect(close(f, value(x), relative: 1e-13))
        let step = 1e-5
        for i in 0..<3 {
            var up = x, down = x
            up[i] += step; down[i] -= step
            #expect(abs((value(up) - value(down)) / (2 * step) - g[i]) <= 1e-6 * Swift.max(1, abs(g[i])))
            let gu = objective.derivatives(omega: up[0], alpha: up[1], beta: up[2]).gradient
            let gd = objective.derivatives(omega: down[0], alpha: down[1], beta: down[2]).gradient
            for j in 0..<3 {
                #expect(abs((gu[j] - gd[j]) / (2 * step) - h[3 * i + j]) <= 1e-5 * Swift.max(1, abs(h[3 * i + j])))
            }
        }
    }

    /// The fit's log-likelihood is at least that of the true parameters and of every
    /// admissible point nearby (a local maximum on the constrained set).
    @Test(arguments: [(GARCHParameters(omega: 2e-6, alpha: 0.08, beta: 0.9), 2000),
                      (GARCHParameters(omega: 1e-4, alpha: 0.25, beta: 0.7), 250),
                      (GARCHParameters(omega: 1e-4, alpha: 0, beta: 0), 250)])
    func garchFitIsALocalMaximum(_ truth: GARCHParameters, _ count: Int) throws {
        let r = Self.simulate(truth, count: count, seed: 11)
        let fit = try GARCHFilter.estimate(r)
        let p = fit.parameters, ll = fit.logLikelihood
        #expect(p.isAdmissible)
        #expect(try #require(fit.estimation).converged)
        #expect(ll >= truth.logLikelihood(r))
        for scale in [1e-3, 1e-2] {
            for d in [(1.0, 0.0, 0.0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)] {
                let q = GARCHParameters(omega: p.omega * (1 + scale * d.0), alpha: p.alpha + scale * 0.1 * d.1,
                                        beta: p.beta + scale * 0.1 * d.2)
                guard q.isAdmissible else { continue }
                #expect(q.logLikelihood(r) <= ll + 1e-9 * abs(ll), "\(q) beats \(p)")
            }
        }
        // Deterministic: the same window gives the same bits.
        #expect(try GARCHFilter.estimate(r) == fit)
    }

    @Test func garchRecoversItsParametersFromALongSeries() throws {
        let truth = GARCHParameters(omega: 2e-6, alpha: 0.08, beta: 0.9)
        let p = try GARCHFilter.estimate(Self.simulate(truth, count: 20000, seed: 5)).parameters
        #expect(abs(p.alpha - truth.alpha) < 0.02 && abs(p.beta - truth.beta) < 0.03)
        #expect(abs(p.unconditionalVariance / truth.unconditionalVariance - 1) < 0.25)
    }

    @Test func garchRejectsUnusableWindows() {
        let short = #expect(throws: TailRiskError.self) { try GARCHFilter().fit([0.01, -0.02, 0.03]) }
        #expect(short?.isDataProblem == true)
        #expect(throws: TailRiskError.self) { try GARCHFilter().fit([Double](repeating: 0, count: 100)) }
        #expect(throws: TailRiskError.self) { try GARCHFilter().fit([0.01] + [Double](repeating: .infinity, count: 20)) }
        #expect(throws: TailRiskError.self) {
            try GARCHFilter.filter([0.01, 0.02], parameters: GARCHParameters(omega: 0, alpha: 0.1, beta: 0.8))
        }
    }
}
