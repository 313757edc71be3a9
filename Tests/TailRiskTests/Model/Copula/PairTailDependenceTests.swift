import Foundation
import Testing
@testable import TailRisk

/// `cov --tail-dependence` as library API (`PairTailDependence`, `CopulaDiagonal`) against the
/// `pairTailDependence` part of `Fixtures/copula/copula_fixtures.json` (`make_copula_fixtures.py` (f):
/// NumPy counts on SciPy's average-rank pseudo-observations, SciPy's `multivariate_t.cdf` and
/// `multivariate_normal.cdf`).
@Suite(.tags(.realData)) struct PairTailDependenceTests {
    struct Reference: Decodable {
        struct Pair: Decodable {
            let first: Int
            let second: Int
            let counts: [Int]
            let empirical: [Double]
            let lambda: Double
        }
        struct Diagonal: Decodable {
            let rho: Double
            let nu: Double
            let u: Double
            let tCopula: Double
            let gaussianCopula: Double
        }
        let levels: [Double]
        let degreesOfFreedom: Double
        let pairs: [Pair]
        let diagonals: [Diagonal]
    }
    struct File: Decodable {
        let pairTailDependence: Reference
        let tailDependence: CopulaFixture.Dependence
    }

    static let reference: File = {
        let url = URL(fileURLWithPath: TestData.fixture("copula/copula_fixtures.json"))
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_copula_fixtures.py")
        }
    }()

    /// The issue's check value in closed form: ρ = 0.8, ν = 4 gives λ_L = 0.49 (0.489590).
    @Test func issueCheckValue() {
        #expect(abs(TailDependence.tCopula(correlation: 0.8, degreesOfFreedom: 4) - 0.489590) < 5e-7)
        #expect(Fmt2.round2(TailDependence.tCopula(correlation: 0.8, degreesOfFreedom: 4)) == 0.49)
    }

    /// C(u, u) by quadrature against SciPy's multivariate t (randomized QMC: its own error is
    /// about 1e-6 relative, the two seeds of the fixture differ by 1e-6) and normal CDFs.
    @Test func copulaDiagonalsMatchSciPy() {
        let r = Self.reference
        for d in r.pairTailDependence.diagonals {
            let t = CopulaDiagonal.tCopula(d.u, correlation: d.rho, degreesOfFreedom: d.nu)
            #expect(close(t, d.tCopula, relative: 2e-5), "t: ρ \(d.rho) ν \(d.nu) u \(d.u): \(t) vs \(d.tCopula)")
            let g = CopulaDiagonal.gaussianCopula(d.u, correlation: d.rho)
            #expect(close(g, d.gaussianCopula, relative: 1e-6), "Gaussian: ρ \(d.rho) u \(d.u): \(g) vs \(d.gaussianCopula)")
        }
        let dep = r.tailDependence
        #expect(close(CopulaDiagonal.tCopula(dep.u, correlation: dep.rho, degreesOfFreedom: dep.nu) / dep.u,
                      dep.tCopulaRatio, relative: 2e-5))
        #expect(close(CopulaDiagonal.gaussianCopula(dep.u, correlation: dep.rho) / dep.u, dep.gaussianCopulaRatio,
                      relative: 1e-6))
    }

    /// Limits that hold whatever the quadrature: C(u,u) ≤ u, ≥ u² for ρ ≥ 0 (positive
    /// dependence), ρ = 0 Gaussian gives u² exactly, and C(u,u)/u → λ_L as u → 0.
    @Test func diagonalBounds() {
        for u in [0.2, 0.05, 0.01] {
            #expect(close(CopulaDiagonal.gaussianCopula(u, correlation: 0), u * u, relative: 1e-9))
            for rho in [0.0, 0.4, 0.9] {
                let c = CopulaDiagonal.tCopula(u, correlation: rho, degreesOfFreedom: 3)
                #expect(c <= u && c >= u * u * (1 - 1e-9))
            }
        }
        let limit = TailDependence.tCopula(correlation: 0.6, degreesOfFreedom: 3)
        let deep = CopulaDiagonal.tCopula(1e-7, correlation: 0.6, degreesOfFreedom: 3) / 1e-7
        #expect(abs(deep - limit) < 1e-3, "C(u,u)/u at u = 1e-7: \(deep), λ_L \(limit)")
    }

    /// The crypto basket (BTC, ETH, LTC, XRP, LINK; 500 days): joint counts and C_n(u,u)/u equal
    /// NumPy's, λ_L at the fitted ν equals the closed form at SciPy's ν and ρ.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func cryptoBasketMatchesNumPy() throws {
        let (_, returns) = try CopulaFixture.returns("crypto")
        let ref = Self.reference.pairTailDependence
        let result = try PairTailDependence(returns, levels: ref.levels)
        #expect(result.degreesOfFreedomFitted)
        #expect(close(result.degreesOfFreedom, ref.degreesOfFreedom, relative: 1e-5))
        #expect(result.pairs.count == ref.pairs.count)
        for (p, q) in zip(result.pairs, ref.pairs) {
            #expect(p.first == q.first && p.second == q.second)
            #expect(p.jointCounts == q.counts, "\(p.first)-\(p.second)")
            for (a, b) in zip(p.empirical, q.empirical) { #expect(close(a, b, relative: 1e-12)) }
            #expect(close(p.tCopulaLimit, q.lambda, relative: 1e-5), "\(p.first)-\(p.second): \(p.tCopulaLimit) vs \(q.lambda)")
            // The fitted copulas at finite u lie between the Gaussian and 1, the limit below the t at 5%.
            for k in ref.levels.indices { #expect(p.gaussianCopula[k] < p.tCopula[k] && p.tCopula[k] < 1) }
        }
    }

    /// A given ν is used as given; bad input is a typed error.
    @Test func givenDegreesOfFreedomAndErrors() throws {
        var x = Matrix(rows: 40, cols: 2)
        for t in 0..<40 { x[t, 0] = sin(Double(t)); x[t, 1] = sin(Double(t)) + 0.3 * cos(Double(3 * t)) }
        let r = try PairTailDependence(x, degreesOfFreedom: 6)
        #expect(r.degreesOfFreedom == 6 && !r.degreesOfFreedomFitted)
        #expect(close(r.pairs[0].tCopulaLimit, TailDependence.tCopula(correlation: r.pairs[0].correlation, degreesOfFreedom: 6),
                      relative: 1e-15))
        #expect(throws: TailRiskError.self) { try PairTailDependence(Matrix(rows: 40, cols: 1)) }
        #expect(throws: TailRiskError.self) { try PairTailDependence(x, degreesOfFreedom: -1) }
    }
}

private enum Fmt2 {
    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
