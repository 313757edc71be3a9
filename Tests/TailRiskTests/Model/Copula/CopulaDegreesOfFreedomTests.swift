import Foundation
import Testing
@testable import TailRisk

/// `--df fit` as library API: the t quantile, the t-copula pseudo-log-likelihood
/// and its maximizer over ν ∈ [1, 100] against SciPy (`make_copula_fixtures.py`).
@Suite(.tags(.realData)) struct CopulaDegreesOfFreedomTests {
    @Test func quantileInvertsTheCDF() {
        for nu in [1.0, 2.5, 4, 30, 100] {
            for p in [1e-6, 0.002, 0.01, 0.3, 0.5, 0.77, 0.999] {
                let t = StudentT.quantile(p, degreesOfFreedom: nu)
                #expect(abs(StudentT.cdf(t, degreesOfFreedom: nu) - p) <= 1e-13 * max(p, 1e-3), "ν \(nu), p \(p)")
            }
        }
        // ν = 1 is Cauchy: tan(π(p − ½)).
        #expect(close(StudentT.quantile(0.01, degreesOfFreedom: 1), tan(Double.pi * (0.01 - 0.5)), relative: 1e-12))
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: ["crypto", "equity"])
    func fittedDegreesOfFreedomMatchSciPy(basket: String) throws {
        let (ref, returns) = try CopulaFixture.returns(basket)
        let correlation = try CopulaCorrelation(returns)
        let u = TCopulaDegreesOfFreedom.pseudoObservations(returns)
        let at4 = TCopulaDegreesOfFreedom.logLikelihood(4, pseudoObservations: u, correlation: correlation)
        #expect(close(at4, ref.logLikelihoodAt4, relative: 1e-10), "ℓ(4) \(at4) vs \(ref.logLikelihoodAt4)")
        let fit = TCopulaDegreesOfFreedom.fit(returns, correlation: correlation)
        #expect(close(fit.degreesOfFreedom, ref.degreesOfFreedom, relative: 1e-5), "ν \(fit.degreesOfFreedom) vs \(ref.degreesOfFreedom)")
        #expect(fit.logLikelihood >= ref.logLikelihood - 1e-9 * abs(ref.logLikelihood))
    }
}
