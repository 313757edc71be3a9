import Foundation
import Testing
@testable import TailRisk

/// GJR-GARCH(1,1), the `o = 1` member of the GARCH family, against `arch`:
/// `Fixtures/models/gjr_fixtures.json`, written by `make_gjr_fixtures.py`
/// (`arch_model(r, vol="GARCH", p=1, o=1, q=1, dist="normal", mean="Zero", rescale=False)`
/// on `r` and on `100 r`).
///
/// Tolerances: our likelihood function at arch's parameters agrees with arch's to 1e-11
/// relative (the same sums in another order); our optimum may not lie below the better of
/// arch's two fits by more than 1e-6 relative (methods.md §8's rule for GARCH(1,1): arch's
/// SLSQP stops at `ftol` 1e-6 of its objective, so a higher ℓ is a better optimum, not an
/// error); where our ℓ is within 1e-3 of arch's best (the same maximum, not a better one),
/// the persistence `α + γ/2 + β` agrees to 0.02 and `α + γ` to 0.05 (a flat likelihood
/// moves parameters by about the inverse square root of its curvature, ~0.01–0.05 at T = 250).
@Suite struct GJRFitTests {
    struct Fit: Decodable { let omega, alpha, gamma, beta, logLikelihood: Double }
    struct Case: Decodable {
        let name: String
        let count: Int
        let sumSquares: Double
        let arch: Fit
        let arch100: Fit
        let literal: Double
        let returns: [Double]?
        let file: String?, asset: String?, firstDate: String?, lastDate: String?
    }
    struct Fixture: Decodable { let real: [Case]; let synthetic: [Case] }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: TestData.fixture("models/gjr_fixtures.json"))
        do { return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_gjr_fixtures.py")
        }
    }()

    static func check(_ c: Case, _ r: [Double]) throws {
        try #require(r.count == c.count)
        #expect(close(r.reduce(0) { $0 + $1 * $1 }, c.sumSquares, relative: 1e-12))
        let archParameters = GARCHParameters(omega: c.arch.omega, alpha: c.arch.alpha, beta: c.arch.beta, gamma: c.arch.gamma)
        #expect(close(archParameters.logLikelihood(r), c.arch.logLikelihood, relative: 1e-11))
        // The family's generic recursion is the same function.
        let theta = [c.arch.omega, c.arch.alpha, c.arch.gamma, c.arch.beta]
        #expect(close(GARCHFamilyEstimation.logLikelihood(.gjr11, theta, r), c.arch.logLikelihood, relative: 1e-11))

        let fit = try GARCHFilter(order: .gjr11).estimate(r)
        let p = fit.parameters
        #expect(p.isAdmissible, "\(c.name): \(p)")
        #expect(close(fit.logLikelihood, p.logLikelihood(r), relative: 1e-14))
        let best = [c.arch, c.arch100].max { $0.logLikelihood < $1.logLikelihood }!
        #expect(fit.logLikelihood >= best.logLikelihood - 1e-6 * abs(best.logLikelihood),
                "\(c.name): ours \(fit.logLikelihood) \(p), arch \(c.arch.logLikelihood), arch(100 r) \(c.arch100.logLikelihood)")
        if abs(fit.logLikelihood - best.logLikelihood) < 1e-3 {
            #expect(abs(p.persistence - (best.alpha + best.gamma / 2 + best.beta)) < 0.02, "\(c.name): \(p) vs \(best)")
            #expect(abs((p.alpha + p.gamma) - (best.alpha + best.gamma)) < 0.05, "\(c.name): \(p) vs \(best)")
        }
        #expect(try #require(fit.estimation).evaluations < 20_000)
    }

    @Test(arguments: fixture.synthetic.indices)
    func syntheticSeries(_ i: Int) throws {
        let c = Self.fixture.synthetic[i]
        try Self.check(c, try #require(c.returns))
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: fixture.real.indices)
    func realWindows(_ i: Int) throws {
        let c = Self.fixture.real[i]
        try Self.check(c, TestData.window(file: c.file, asset: c.asset, lastDate: c.lastDate, count: c.count, firstDate: c.firstDate))
    }

    /// GJR nests GARCH(1,1) (`γ = 0`): its maximum is never below GARCH(1,1)'s on the same window.
    @Test func nestsGARCH() throws {
        let c = Self.fixture.synthetic[0]
        let r = try #require(c.returns)
        let garch = try GARCHFilter.estimate(r), gjr = try GARCHFilter(order: .gjr11).estimate(r)
        #expect(gjr.logLikelihood >= garch.logLikelihood - 1e-6 * abs(garch.logLikelihood))
        #expect(gjr.parameters.gamma > 0.03, "the simulated leverage γ = 0.12 is found: \(gjr.parameters)")
    }

    /// The family's box coordinates map onto the admissible set and back.
    @Test func coordinatesRoundTrip() {
        for theta in GARCHOrder.gjr11.startingGrid + [[0.1, 0, 0.3, 0.8], [0.2, 0.1, -0.1, 0.5]] {
            let back = GARCHOrder.gjr11.point(GARCHOrder.gjr11.coordinates(theta))
            for k in theta.indices { #expect(abs(back[k] - theta[k]) < 1e-12, "\(theta) → \(back)") }
        }
        #expect(GARCHOrder.gjr11.startingGrid.count == 64)
        #expect(GARCHOrder.garch11.startingGrid.count == 16)
    }
}
