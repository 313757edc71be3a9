import Foundation
import Testing
@testable import TailRisk

/// `--tails gpd` as library API: generalized Pareto fits beyond the outer 10% of each
/// side against `scipy.stats.genpareto.fit(…, floc=0)` (`make_copula_fixtures.py`).
@Suite(.tags(.realData)) struct ParetoTailTests {
    /// SciPy's fit stops at Nelder–Mead's default tolerance (its ξ is off the optimum by
    /// up to 1e-4), so we match the polished optimum tightly, SciPy's own fit loosely,
    /// and never have a lower likelihood than SciPy's.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: ["crypto", "equity"])
    func tailsMatchSciPy(basket: String) throws {
        let (ref, returns) = try CopulaFixture.returns(basket)
        for (i, tail) in ref.tails.enumerated() {
            let m = try EmpiricalMarginal(returns.column(i)).withParetoTails()
            let lower = try #require(m.lowerTail), upper = try #require(m.upperTail)
            for (fit, threshold, xi, beta, count, tightXi, tightBeta, scipyLL, sign) in [
                (lower, tail.lowerThreshold, tail.lowerXi, tail.lowerBeta, tail.lowerCount, tail.lowerTightXi,
                 tail.lowerTightBeta, tail.lowerLogLikelihood, -1.0),
                (upper, tail.upperThreshold, tail.upperXi, tail.upperBeta, tail.upperCount, tail.upperTightXi,
                 tail.upperTightBeta, tail.upperLogLikelihood, 1.0)] {
                #expect(close(fit.threshold, threshold, relative: 1e-13))
                #expect(fit.exceedances == count)
                #expect(abs(fit.xi - tightXi) <= 1e-6, "\(basket) \(i): ξ \(fit.xi) vs \(tightXi)")
                #expect(close(fit.beta, tightBeta, relative: 1e-6), "\(basket) \(i): β \(fit.beta) vs \(tightBeta)")
                #expect(abs(fit.xi - xi) <= 5e-4 && close(fit.beta, beta, relative: 5e-3))
                let y = returns.column(i).filter { sign * ($0 - threshold) > 0 }.map { sign * ($0 - threshold) }
                let ll = GeneralizedParetoTail.logLikelihood(y, xi: fit.xi, beta: fit.beta)
                #expect(ll >= scipyLL - 1e-12 * abs(scipyLL), "\(basket) \(i): ℓ \(ll) vs SciPy's \(scipyLL)")
            }
        }
    }

    @Test func quantileFollowsTheParetoFormulaAndJoinsTheBody() throws {
        var rng = Xoshiro256PlusPlus(seed: 5, unit: 0)
        let sample = (0..<1000).map { _ in rng.nextNormal() * (4 / rng.nextChiSquared(degreesOfFreedom: 4)).squareRoot() }
        let empirical = EmpiricalMarginal(sample)
        let m = try empirical.withParetoTails()
        let lower = try #require(m.lowerTail)
        let u = 0.001
        let expected = lower.threshold - lower.beta / lower.xi * (pow(u / 0.1, -lower.xi) - 1)
        #expect(close(m.quantile(u), expected, relative: 1e-12))
        #expect(m.quantile(1e-6) < empirical.quantile(1e-6))  // beyond the worst day seen
        #expect(close(m.quantile(0.1), empirical.quantile(0.1), relative: 1e-15))  // continuous at the threshold
        #expect(abs(m.quantile(0.0999999) - empirical.quantile(0.1)) < 1e-4)
        #expect(m.quantile(0.5) == empirical.quantile(0.5))
        #expect(m.quantile(0).isFinite && m.quantile(1).isFinite)  // u rounded to 0 or 1 stays finite
        #expect(lower.xi > 0)  // t₄ data: a heavy tail (ξ near 1/4)
    }

    @Test func tooFewExceedancesAreRefused() {
        #expect(throws: TailRiskError.self) { try EmpiricalMarginal([1, 2, 3, 4, 5]).withParetoTails() }
    }

    /// The copula sampler with gpd tails draws past the window's worst day, the empirical one never.
    @Test func gpdSamplerReachesBeyondTheData() throws {
        let history = EngineFixtures.history(days: 300, assets: 2)
        let fits = try VolatilityFilterSpec.none.fit(columnsOf: history)
        let gpd = try CopulaSampler(fits: fits, filterName: "none", tails: .gpd)
        let law = TCopulaLaw(sampler: gpd, degreesOfFreedom: 4)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 4)
        defer { out.deallocate() }
        var lowest = Double.infinity
        for j in 0..<20_000 {
            var rng = Xoshiro256PlusPlus(seed: 3, scenario: UInt64(j))
            law.draw(horizon: 1, rng: &rng, into: out, scratch: out + 2)
            lowest = min(lowest, out[0])
        }
        #expect(lowest.isFinite && lowest < history.column(0).min()!)
    }
}
