import Foundation
import Testing
@testable import TailRisk

/// Hansen's skewed Student-t (`SkewStudentT`, `SkewStudentTLaw`) against `arch`'s `SkewStudent`
/// and a NumPy Monte Carlo of a basket: `Fixtures/models/skewt_fixtures.json`, written by
/// `make_skewt_fixtures.py`.
@Suite struct SkewStudentTTests {
    struct Law: Decodable {
        let df: Double, skew: Double
        let probabilities: [Double], quantiles: [Double]
        let points: [Double], cdf: [Double], logDensity: [Double]
    }
    struct Level: Decodable { let level: Double, `var`: Double, es: Double, varSE: Double, esSE: Double }
    struct Basket: Decodable {
        let df: Double, skew: Double, values: [Double], covariance: [[Double]], levels: [Level]
    }
    struct Fixture: Decodable { let laws: [Law]; let basket: Basket }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: TestData.fixture("models/skewt_fixtures.json"))
        do { return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_skewt_fixtures.py")
        }
    }()

    /// Quantile, CDF and log-density as arch's. Tolerances: the quantile inverts our Student-t
    /// CDF (relative accuracy about 1e-13, StudentT.quantile) and SciPy's (about 1e-12 in the
    /// far tails), so 1e-9 relative leaves a margin of 1000; the CDF and density are closed forms
    /// of the same incomplete beta and log-gamma, 1e-11.
    @Test(arguments: fixture.laws.indices)
    func matchesArch(_ i: Int) {
        let ref = Self.fixture.laws[i]
        let law = SkewStudentT(degreesOfFreedom: ref.df, skew: ref.skew)
        for (p, q) in zip(ref.probabilities, ref.quantiles) {
            #expect(abs(law.quantile(p) - q) <= 1e-9 * Swift.max(abs(q), 1), "ν \(ref.df) λ \(ref.skew) p \(p): \(law.quantile(p)) vs \(q)")
            // The quantile inverts our own CDF.
            #expect(abs(law.cdf(law.quantile(p)) - p) <= 1e-10 * Swift.max(p, 1e-3))
        }
        for (z, (c, l)) in zip(ref.points, zip(ref.cdf, ref.logDensity)) {
            #expect(abs(law.cdf(z) - c) <= 1e-11, "ν \(ref.df) λ \(ref.skew) z \(z): cdf \(law.cdf(z)) vs \(c)")
            #expect(abs(law.logPDF(z) - l) <= 1e-11 * Swift.max(abs(l), 1), "z \(z): log f \(law.logPDF(z)) vs \(l)")
        }
    }

    /// λ = 0 is the unit-variance Student-t: `F⁻¹(p) = √((ν − 2)/ν) T_ν⁻¹(p)`.
    @Test func zeroSkewIsTheStandardizedT() {
        let law = SkewStudentT(degreesOfFreedom: 6, skew: 0)
        for p in [0.001, 0.01, 0.3, 0.9] {
            let t = StudentT.quantile(p, degreesOfFreedom: 6) * (4.0 / 6).squareRoot()
            #expect(abs(law.quantile(p) - t) <= 1e-12 * abs(t))
        }
    }

    /// The exact sampler draws zero mean, unit variance and the quantiles of the law.
    /// 200,000 draws of ν = 8 (kurtosis finite): the mean's standard error is 1/√n = 0.0022,
    /// the variance's about √((κ − 1)/n) ≈ 0.006 at this skew; 5 standard errors each. The
    /// empirical CDF at a quantile has standard error √(p(1 − p)/n) ≤ 0.0011; 0.006 allowed.
    @Test(arguments: [-0.4, 0.0, 0.6])
    func samplesHaveZeroMeanUnitVarianceAndTheQuantiles(skew: Double) {
        let law = SkewStudentT(degreesOfFreedom: 8, skew: skew)
        let n = 200_000
        var rng = Xoshiro256PlusPlus(seed: 22, scenario: 7)
        let draws = (0..<n).map { _ in law.draw(&rng) }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean) < 5 / Double(n).squareRoot(), "mean \(mean)")
        #expect(abs(variance - 1) < 0.03, "variance \(variance)")
        for p in [0.01, 0.1, 0.5, 0.9, 0.99] {
            let q = law.quantile(p)
            let below = Double(draws.lazy.filter { $0 <= q }.count) / Double(n)
            #expect(abs(below - p) < 0.006, "λ \(skew): P(Z ≤ F⁻¹(\(p))) = \(below)")
        }
    }

    /// VaR and ES of a two-asset basket under skew-t scenarios against a NumPy Monte Carlo
    /// (4M inverse-CDF draws): ours from 200,000 scenarios; the difference must lie within
    /// 4 combined standard errors (ours from the engine's own interval and SE(ES)).
    @Test func basketVaRMatchesNumPy() throws {
        let b = Self.fixture.basket
        let sigma = Matrix(b.covariance)
        let model = ScenarioModel(mean: [0, 0], factor: Cholesky.factor(sigma)!,
                                  law: .skewT(degreesOfFreedom: b.df, skew: b.skew))
        let levels = try b.levels.map { try ConfidenceLevel($0.level) }
        let result = try MonteCarloEngine().run(model: model, values: b.values, levels: levels,
                                                settings: SimulationSettings(scenarios: 200_000, seed: 2212, threads: 2))
        for (estimate, ref) in zip(result.estimates, b.levels) {
            let ci = try #require(estimate.valueAtRiskInterval)
            let varSE = (ci.upperBound - ci.lowerBound) / (2 * 1.96)
            let esSE = try #require(estimate.expectedShortfallStandardError)
            #expect(abs(estimate.valueAtRisk - ref.var) <= 4 * (varSE * varSE + ref.varSE * ref.varSE).squareRoot(),
                    "\(ref.level): VaR \(estimate.valueAtRisk) vs \(ref.var)")
            #expect(abs(estimate.expectedShortfall - ref.es) <= 4 * (esSE * esSE + ref.esSE * ref.esSE).squareRoot(),
                    "\(ref.level): ES \(estimate.expectedShortfall) vs \(ref.es)")
        }
        // A left-skewed law has a larger 99% loss than the symmetric t of the same variance.
        let t = ScenarioModel(mean: [0, 0], factor: Cholesky.factor(sigma)!, law: .studentT(degreesOfFreedom: b.df))
        let symmetric = try MonteCarloEngine().run(model: t, values: b.values, levels: levels,
                                                   settings: SimulationSettings(scenarios: 200_000, seed: 2212, threads: 2))
        #expect(result.estimates[0].valueAtRisk > symmetric.estimates[0].valueAtRisk)
    }

    /// Parameters outside `ν > 2`, `|λ| < 1` are refused with the parameter named; λ is required.
    @Test func badParametersAreRefused() {
        #expect(throws: TailRiskError.self) { try InnovationLaw.parse("skew-t", degreesOfFreedom: 5, skew: 1) }
        #expect(throws: TailRiskError.self) { try InnovationLaw.parse("skew-t", degreesOfFreedom: 2, skew: 0.1) }
        #expect(throws: TailRiskError.self) { try InnovationLaw.parse("skew-t", degreesOfFreedom: 5) }
        #expect(throws: TailRiskError.self) { try InnovationLaw.parse("skew-t", degreesOfFreedom: 5, skew: .nan) }
        #expect((try? InnovationLaw.parse("Skew-T", degreesOfFreedom: 4, skew: -0.2)) == .skewT(degreesOfFreedom: 4, skew: -0.2))
    }
}
