import Foundation
import Testing
@testable import TailRisk

/// Kendall's τ-b, the copula correlation, pseudo-observations, the empirical
/// marginal quantile and the t-copula tail dependence against SciPy/NumPy
/// (`make_copula_fixtures.py`).
@Suite(.tags(.realData)) struct CopulaFittingTests {
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: ["crypto", "equity"])
    func kendallTauAndCorrelationMatchSciPy(basket: String) throws {
        let (ref, returns) = try CopulaFixture.returns(basket)
        let fit = try CopulaCorrelation(returns)
        let d = ref.assets.count
        for i in 0..<d {
            for j in 0..<d {
                #expect(abs(fit.kendallTau[i, j] - ref.kendallTau[i][j]) <= 1e-12, "τ[\(i),\(j)]")
                #expect(abs(fit.raw[i, j] - ref.correlation[i][j]) <= 1e-12, "R[\(i),\(j)]")
            }
        }
        // These baskets' R are positive definite: nothing repaired, so R is simulated as estimated.
        #expect(fit.repair.method == .none)
        #expect(fit.correlation.maxAbsDifference(fit.raw) <= 1e-15)
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: ["crypto", "equity"])
    func pseudoObservationsAndQuantilesMatch(basket: String) throws {
        let (ref, returns) = try CopulaFixture.returns(basket)
        for i in 0..<ref.assets.count {
            let z = returns.column(i)
            let u = EmpiricalMarginal.pseudoObservations(z)
            for (k, t) in ref.rows.enumerated() { #expect(abs(u[t] - ref.pseudoObservations[k][i]) <= 1e-15) }
            let marginal = EmpiricalMarginal(z)
            for (k, p) in ref.probes.enumerated() {
                #expect(close(marginal.quantile(p), ref.quantiles[i][k], relative: 1e-13), "asset \(i) u = \(p)")
            }
        }
    }

    @Test func tauBCountsTies() {
        let ties = CopulaFixture.shared.ties
        #expect(abs(KendallTau.tauB(ties.x, ties.y) - ties.tauB) <= 1e-12)
        let u = EmpiricalMarginal.pseudoObservations(ties.x)
        #expect(zip(u, ties.averageRanks).allSatisfy { abs($0 - $1) <= 1e-15 })
    }

    @Test func tauBOfSmallCases() {
        #expect(KendallTau.tauB([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(KendallTau.tauB([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(KendallTau.tauB([1, 1, 1], [1, 2, 3]) == 0)  // constant series: no rank information
    }

    @Test func quantileIsConstantOutsideTheKnots() {
        let m = EmpiricalMarginal([3, -1, 2, 0])  // T = 4: knots at 0.2 … 0.8
        #expect(m.quantile(0.0001) == -1 && m.quantile(0.2) == -1)
        #expect(m.quantile(0.9999) == 3 && m.quantile(0.8) == 3)
        #expect(abs(m.quantile(0.3) - (-0.5)) <= 1e-15)  // halfway from −1 (0.2) to 0 (0.4)
    }

    @Test func repairsAnIndefiniteTauMatrix() throws {
        // τ = ±0.9 pairwise that no elliptical law can have: sin(πτ/2) is indefinite.
        let tau = Matrix([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
        let fit = try CopulaCorrelation(kendallTau: tau)
        #expect(fit.repair.method != .none)
        #expect(fit.repair.minimumEigenvalueBefore < 0)
        #expect(fit.correlation.diagonal.allSatisfy { abs($0 - 1) <= 1e-12 })
    }

    @Test func tailDependenceCheckValues() {
        let ref = CopulaFixture.shared.tailDependence
        #expect(abs(TailDependence.tCopula(correlation: ref.rho, degreesOfFreedom: ref.nu) - ref.lambda) <= 1e-12)
        #expect(abs(TailDependence.tCopula(correlation: 0.8, degreesOfFreedom: 4) - 0.489590) <= 5e-7)  // methods.md §4
        for pair in ref.extra {
            #expect(abs(TailDependence.tCopula(correlation: pair.rho, degreesOfFreedom: pair.nu) - pair.lambda) <= 1e-12)
        }
    }
}
