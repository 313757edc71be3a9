import Foundation
import Testing
@testable import TailRisk

/// The family's generic estimator reduces to GARCH(1,1) at `(1, 0, 1)`: on the face
/// fixtures of issue 21 (`garch_face_fixtures.json`, optima on `α = 0`, `β = 0` and the
/// persistence cap), it reaches the tuned estimator's log-likelihood to 1e-6 relative
/// (methods.md §8's tolerance), and its recursion is `GARCHParameters`' to 1e-12.
@Suite struct GARCHFamilyTests {
    @Test(arguments: GARCHFaceFitTests.fixture.synthetic.indices)
    func genericFitOfGARCH11ReachesTheTunedOne(_ i: Int) throws {
        let c = GARCHFaceFitTests.fixture.synthetic[i]
        let r = try #require(c.returns)
        let tuned = try GARCHFilter.estimate(r)
        let generic = try GARCHFamilyEstimation.fit(r, order: .garch11)
        #expect(generic.logLikelihood >= tuned.logLikelihood - 1e-6 * abs(tuned.logLikelihood),
                "\(c.name): generic \(generic.logLikelihood) \(generic.parameters), tuned \(tuned.logLikelihood) \(tuned.parameters)")
        let p = tuned.parameters
        #expect(close(GARCHFamilyEstimation.logLikelihood(.garch11, [p.omega, p.alpha, p.beta], r), tuned.logLikelihood,
                      relative: 1e-12))
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason),
          arguments: GARCHFaceFitTests.fixture.real.indices)
    func genericFitOfGARCH11OnRealFaceWindows(_ i: Int) throws {
        let c = GARCHFaceFitTests.fixture.real[i]
        let r = try TestData.window(file: c.file, asset: c.asset, lastDate: c.lastDate, count: c.count)
        let tuned = try GARCHFilter.estimate(r)
        let generic = try GARCHFamilyEstimation.fit(r, order: .garch11)
        #expect(generic.logLikelihood >= tuned.logLikelihood - 1e-6 * abs(tuned.logLikelihood),
                "\(c.name): generic \(generic.logLikelihood) \(generic.parameters), tuned \(tuned.logLikelihood)")
    }

    /// Orders the family does not fit are refused with the order named.
    @Test func badOrdersAreRefused() {
        #expect(GARCHOrder(p: 0, o: 0, q: 1).problem != nil)
        #expect(GARCHOrder(p: 1, o: 6, q: 1).problem != nil)
        #expect(GARCHOrder.gjr11.problem == nil)
        #expect(throws: TailRiskError.self) { try GARCHFamilyEstimation.fit([0.01, -0.02], order: .gjr11) }
        #expect(GARCHOrder.gjr11.parameterNames == ["omega", "alpha[1]", "gamma[1]", "beta[1]"])
    }

    /// A higher order nests a lower one: GARCH(2,1) on a GARCH(1,1) series is at least as likely.
    @Test func higherOrderNests() throws {
        let r = TestData.simulatedGARCH(omega: 5e-6, alpha: 0.1, beta: 0.85, count: 500, seed: 22, scenario: 3)
        let one = try GARCHFilter.estimate(r)
        let two = try GARCHFamilyEstimation.fit(r, order: GARCHOrder(p: 2, o: 0, q: 1))
        #expect(two.logLikelihood >= one.logLikelihood - 1e-6 * abs(one.logLikelihood))
        #expect(GARCHOrder(p: 2, o: 0, q: 1).isAdmissible(two.parameters))
    }
}
