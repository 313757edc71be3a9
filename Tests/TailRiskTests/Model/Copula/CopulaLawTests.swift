import Foundation
import Testing
@testable import TailRisk

/// The t and Gaussian copula laws: the simulated copula's joint tail against
/// SciPy's multivariate t / normal CDF, the empirical marginals' bounds, the
/// filter's scaling, and the engine's thread-independence.
@Suite struct CopulaLawTests {
    /// A bivariate copula with correlation `rho` (τ = (2/π) asin ρ) over uniform-ish marginals.
    static func sampler(rho: Double) throws -> CopulaSampler {
        let tau = 2 / Double.pi * asin(rho)
        let correlation = try CopulaCorrelation(kendallTau: Matrix([[1, tau], [tau, 1]]))
        let marginal = EmpiricalMarginal([0, 1])
        return CopulaSampler(correlation: correlation, marginals: [marginal, marginal], nextVolatility: [1, 1],
                             filterName: "none")
    }

    /// `C(u, u)/u` at `u = 0.01` from `n` draws of the copula uniforms, with its binomial standard error.
    static func jointTailRatio(_ sampler: CopulaSampler, nu: Double?, n: Int, u: Double) -> (Double, Double) {
        var hits = 0
        let x = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { x.deallocate() }
        for j in 0..<n {
            var rng = Xoshiro256PlusPlus(seed: 2026, scenario: UInt64(j))
            sampler.drawUniforms(degreesOfFreedom: nu, rng: &rng, into: x)
            if x[0] <= u && x[1] <= u { hits += 1 }
        }
        let p = Double(hits) / Double(n)
        return (p / u, (p * (1 - p) / Double(n)).squareRoot() / u)
    }

    /// ρ = 0.8, ν = 4: SciPy's `multivariate_t.cdf` gives C(0.01, 0.01)/0.01 = 0.5227
    /// (its own quasi-MC error is about 1e-6: two seeds agree to 5e-7); 300,000 draws
    /// give a standard error of about 0.013, and we accept 4 of them. The Gaussian
    /// copula's 0.377 lies 11 standard errors away, so the test tells the two apart.
    @Test func tCopulaJointTailMatchesTheMultivariateTCDF() throws {
        let ref = CopulaFixture.shared.tailDependence
        #expect(abs(ref.tCopulaRatio - ref.tCopulaRatioOtherSeed) < 1e-5)
        let (ratio, se) = Self.jointTailRatio(try Self.sampler(rho: ref.rho), nu: ref.nu, n: 300_000, u: ref.u)
        #expect(abs(ratio - ref.tCopulaRatio) <= 4 * se, "\(ratio) ± \(se) against \(ref.tCopulaRatio)")
        #expect(abs(ratio - ref.gaussianCopulaRatio) > 6 * se)
    }

    @Test func gaussianCopulaJointTailMatchesTheBivariateNormalCDF() throws {
        let ref = CopulaFixture.shared.tailDependence
        let (ratio, se) = Self.jointTailRatio(try Self.sampler(rho: ref.rho), nu: nil, n: 300_000, u: ref.u)
        #expect(abs(ratio - ref.gaussianCopulaRatio) <= 4 * se, "\(ratio) ± \(se) against \(ref.gaussianCopulaRatio)")
    }

    /// ν < 2 takes the boosted χ² path; the joint tail still follows t-copula ordering (ν = 1 is fatter than ν = 4).
    @Test func smallDegreesOfFreedomDraw() throws {
        let s = try Self.sampler(rho: 0.8)
        let (one, se1) = Self.jointTailRatio(s, nu: 1, n: 100_000, u: 0.01)
        let (four, se4) = Self.jointTailRatio(s, nu: 4, n: 100_000, u: 0.01)
        #expect(one.isFinite && one - four > 2 * (se1 * se1 + se4 * se4).squareRoot())
    }

    static let history = EngineFixtures.history(days: 300, assets: 3)

    static func model(_ law: InnovationLaw, filter: VolatilityFilterSpec?) throws -> RiskModel {
        try RiskModel.fit(history, spec: RiskModelSpec(law: law, filter: filter))
    }

    /// Without a filter the marginals are the returns': one-day scenarios stay inside the window's range.
    @Test(arguments: [InnovationLaw.tCopula(degreesOfFreedom: 4), .gaussianCopula])
    func oneDayScenariosStayInsideTheEmpiricalRange(law: InnovationLaw) throws {
        let m = try Self.model(law, filter: nil)
        try m.law.validate()
        #expect(m.law.affine(horizon: 1) == nil && !m.law.isSymmetric)
        let d = 3
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2 * d)
        defer { out.deallocate() }
        var lo = [Double](repeating: .infinity, count: d), hi = [Double](repeating: -.infinity, count: d)
        for j in 0..<20_000 {
            var rng = Xoshiro256PlusPlus(seed: 7, scenario: UInt64(j))
            m.law.draw(horizon: 1, rng: &rng, into: out, scratch: out + d)
            for i in 0..<d { lo[i] = min(lo[i], out[i]); hi[i] = max(hi[i], out[i]) }
        }
        for i in 0..<d {
            let column = Self.history.column(i)
            #expect(lo[i] >= column.min()! && hi[i] <= column.max()!)
            #expect(lo[i] < column.sorted()[5] && hi[i] > column.sorted()[294])  // the tails are reached
        }
    }

    /// Under a filter the copula reads the residuals, and a day is `σ_{T+1} z`.
    @Test func filteredScenariosAreResidualsTimesTodaysVolatility() throws {
        let m = try Self.model(.tCopula(degreesOfFreedom: 4), filter: .ewma(lambda: 0.94))
        let law = try #require(m.law as? TCopulaLaw)
        let fits = try VolatilityFilterSpec.ewma(lambda: 0.94).fit(columnsOf: Self.history)
        #expect(law.sampler.filterName == "ewma")
        for i in 0..<3 {
            #expect(law.sampler.nextVolatility[i] == fits[i].next)
            #expect(law.sampler.marginals[i] == EmpiricalMarginal(fits[i].residuals))
        }
        let plain = try #require(try Self.model(.tCopula(degreesOfFreedom: 4), filter: nil).law as? TCopulaLaw)
        #expect(plain.sampler.nextVolatility == [1, 1, 1])
        #expect(plain.sampler.marginals[0] == EmpiricalMarginal(Self.history.column(0)))
    }

    @Test(arguments: [InnovationLaw.tCopula(degreesOfFreedom: 4), .gaussianCopula])
    func sameBytesForOneAndTwoThreads(law: InnovationLaw) throws {
        let model = try Self.model(law, filter: .garch).scenarioModel(horizon: 2)
        func run(_ threads: Int) throws -> SimulationResult {
            let settings = SimulationSettings(scenarios: 2 * 4096 + 777, seed: 11, threads: threads, pnl: .exact,
                                              standalone: true, tailScenariosToExport: 10, histogramBins: 20)
            return try MonteCarloEngine().run(model: model, values: [30, 50, -20], levels: [ConfidenceLevel(0.99)],
                                              settings: settings)
        }
        let one = try run(1), two = try run(2)
        #expect(one.estimates == two.estimates)
        #expect(one.standalone! == two.standalone!)
        #expect(one.tail == two.tail)
        #expect(one.histogram == two.histogram)
    }

    @Test func namesParseAndMethodIDs() throws {
        #expect(try InnovationLaw.parse("t-copula", degreesOfFreedom: 4) == .tCopula(degreesOfFreedom: 4))
        #expect(try InnovationLaw.parse("Gaussian-Copula", degreesOfFreedom: 5) == .gaussianCopula)
        #expect(InnovationLaw.tCopula(degreesOfFreedom: 4).monteCarloMethodID == "monte-carlo-t-copula")
        #expect(InnovationLaw.gaussianCopula.monteCarloMethodID == "monte-carlo-gaussian-copula")
        #expect(throws: TailRiskError.self) { try InnovationLaw.parse("t-copula", degreesOfFreedom: 0) }
    }
}
