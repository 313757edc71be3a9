import Foundation
import Testing
@testable import TailRisk

/// Copulas under the garch filter over `h > 1` steps (issue 21 item 5): the variance follows
/// each path, `σ²_{k+1} = ω + α σ²_k z²_k + β σ²_k`, as filtered historical simulation's
/// does (methods.md §8), instead of staying at `σ_{T+1}`.
@Suite struct CopulaGARCHPathTests {
    static let garch = [GARCHParameters(omega: 1e-5, alpha: 0.05, beta: 0.6),
                        GARCHParameters(omega: 4e-6, alpha: 0.05, beta: 0.9)]
    static let sigma = [0.05, 0.01]

    static func sampler(garch: [GARCHParameters]?) throws -> CopulaSampler {
        let correlation = try CopulaCorrelation(kendallTau: Matrix([[1, 0.4], [0.4, 1]]))
        let marginals = [EmpiricalMarginal([-2.5, -1, -0.3, 0, 0.4, 1.1, 2]), EmpiricalMarginal([-3, -0.5, 0.2, 0.9, 1.6])]
        return CopulaSampler(correlation: correlation, marginals: marginals, nextVolatility: sigma,
                             filterName: garch == nil ? "ewma" : "garch", garch: garch)
    }

    /// One scenario of `h` steps against the recursion written out from the same uniforms.
    @Test(arguments: [nil, 4.0])
    func scenarioFollowsTheVarianceRecursion(nu: Double?) throws {
        let s = try Self.sampler(garch: Self.garch)
        let h = 5
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2), u = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { out.deallocate(); u.deallocate() }
        for j in 0..<50 {
            var rng = Xoshiro256PlusPlus(seed: 5, scenario: UInt64(j))
            s.draw(horizon: h, degreesOfFreedom: nu, rng: &rng, into: out, scratch: u)
            var replay = Xoshiro256PlusPlus(seed: 5, scenario: UInt64(j))
            var variance = Self.sigma.map { $0 * $0 }, expected = [0.0, 0.0]
            for _ in 0..<h {
                s.drawUniforms(degreesOfFreedom: nu, rng: &replay, into: u)
                for i in 0..<2 {
                    let z = s.marginals[i].quantile(u[i])
                    expected[i] += variance[i].squareRoot() * z
                    variance[i] = Self.garch[i].omega + Self.garch[i].alpha * variance[i] * z * z
                        + Self.garch[i].beta * variance[i]
                }
            }
            for i in 0..<2 { #expect(close(out[i], expected[i], relative: 1e-13), "scenario \(j) asset \(i)") }
        }
    }

    /// One step is the same with or without the GARCH path (day 1 uses σ_{T+1} itself), and
    /// over 10 steps the high-volatility asset's spread shrinks toward its long-run level
    /// (σ_{T+1} = 0.05, persistence α E z² + β ≈ 0.7, so E σ²_{T+k} falls toward ω/(1 − α − β));
    /// the flat path's second moment is more than three times the path's, we ask for 1/0.6.
    @Test func oneStepUnchangedTenStepsMeanRevert() throws {
        let path = try Self.sampler(garch: Self.garch), flat = try Self.sampler(garch: nil)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2), u = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { out.deallocate(); u.deallocate() }
        func secondMoment(_ s: CopulaSampler, horizon: Int) -> [Double] {
            var m = [0.0, 0.0]
            for j in 0..<4000 {
                var rng = Xoshiro256PlusPlus(seed: 9, scenario: UInt64(j))
                s.draw(horizon: horizon, degreesOfFreedom: nil, rng: &rng, into: out, scratch: u)
                for i in 0..<2 { m[i] += out[i] * out[i] / 4000 }
            }
            return m
        }
        #expect(secondMoment(path, horizon: 1) == secondMoment(flat, horizon: 1))
        let p10 = secondMoment(path, horizon: 10), f10 = secondMoment(flat, horizon: 10)
        #expect(p10[0] < 0.6 * f10[0], "\(p10) against flat \(f10)")
        #expect(path.horizonTreatment(10).contains("GARCH variance along each path"))
        #expect(flat.horizonTreatment(10).contains("flat σ_{T+1}"))
    }

    /// A copula fitted under `--filter garch` carries each asset's GARCH parameters.
    @Test func fittedCopulaCarriesTheGARCHFits() throws {
        let history = EngineFixtures.history(days: 300, assets: 2)
        let model = try RiskModel.fit(history, spec: RiskModelSpec(law: .gaussianCopula, filter: .garch))
        let law = try #require(model.law as? GaussianCopulaLaw)
        #expect(law.sampler.garch == model.filters?.map { $0.garch!.parameters })
        let ewma = try RiskModel.fit(history, spec: RiskModelSpec(law: .gaussianCopula, filter: .ewma(lambda: 0.94)))
        #expect((ewma.law as? GaussianCopulaLaw)?.sampler.garch == nil)
    }
}
