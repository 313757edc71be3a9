import Testing
@testable import TailRisk

/// Check, repair and report (methods.md §3) against the NumPy literal clipping and
/// Higham implementations in `make_covariance_fixtures.py`.
@Suite struct PositiveDefiniteRepairTests {
    static let indefiniteCases = ["hand_made", "pairwise"]

    static func repairFixture(_ name: String) -> [String: Any] {
        CovarianceFixture.section(name)["repair"] as! [String: Any]
    }

    /// The report's fields describe the matrices actually returned.
    static func expectConsistent(_ f: FactoredCovariance, original: Matrix) throws {
        let report = f.repair
        #expect(report.minimumEigenvalueBefore == (try SymmetricEigen(original).values[0]))
        #expect(report.minimumEigenvalueAfter == (try SymmetricEigen(f.covariance).values[0]))
        #expect(report.minimumEigenvalueAfter > 0)
        #expect(report.frobeniusDistance == (f.covariance - original).frobeniusNorm)
        let change = zip(f.covariance.diagonal, original.diagonal).map { abs($0 - $1) }.max()!
        #expect(report.largestVarianceChange == change)
        let scale = f.covariance.storage.map(abs).max()!
        #expect(BLAS.multiply(f.cholesky, f.cholesky, transposeB: true).maxAbsDifference(f.covariance) <= 1e-14 * scale)
        #expect(f.covariance == f.covariance.transposed)
    }

    @Test(arguments: ["crypto", "equity"])
    func positiveDefiniteMatricesAreUntouched(name: String) throws {
        let sigma = CovarianceFixture.matrix(CovarianceFixture.case(name), "sample")
        let f = try PositiveDefiniteRepair.factor(sigma)
        #expect(f.repair.method == .none)
        #expect(f.covariance == sigma.symmetrized)
        #expect(f.repair.frobeniusDistance == 0 && f.repair.largestVarianceChange == 0)
        #expect(f.repair.summary.hasPrefix("not needed (positive definite, smallest eigenvalue "))
        #expect(f.cholesky == Cholesky.factor(sigma.symmetrized))
    }

    @Test(arguments: indefiniteCases)
    func eigenvalueClippingMatchesNumPyAndKeepsVariances(name: String) throws {
        let fixture = Self.repairFixture(name)
        let sigma = CovarianceFixture.matrix(fixture, "sigma")
        let f = try PositiveDefiniteRepair.factor(sigma)
        #expect(f.repair.method == .eigenvalueClipping)
        #expect(f.repair.minimumEigenvalueBefore < 0)
        #expect(abs(f.repair.minimumEigenvalueBefore - CovarianceFixture.scalar(fixture, "min_eigenvalue"))
            <= 1e-12 * sigma.storage.map(abs).max()!)
        #expect(matrixRelativeError(f.covariance, CovarianceFixture.matrix(fixture, "clipped")) <= 1e-9)
        #expect(f.covariance.diagonal == sigma.diagonal)
        #expect(f.repair.largestVarianceChange == 0)
        try Self.expectConsistent(f, original: sigma)
        #expect(f.repair.summary.hasPrefix("eigenvalue clipping on the correlation matrix: smallest eigenvalue -"))
    }

    @Test(arguments: indefiniteCases)
    func highamGivesTheNearestCorrelationMatrixOfNumPy(name: String) throws {
        let fixture = Self.repairFixture(name)
        let sigma = CovarianceFixture.matrix(fixture, "sigma")
        let f = try PositiveDefiniteRepair.factor(sigma, methods: [.higham])
        #expect(f.repair.method == .higham)
        #expect(f.repair.iterations == Int(CovarianceFixture.scalar(fixture, "higham_iterations")))
        #expect(matrixRelativeError(f.covariance, CovarianceFixture.matrix(fixture, "higham")) <= 1e-6)
        let correlation = CovarianceEstimate.correlation(of: f.covariance)
        #expect(matrixRelativeError(correlation, CovarianceFixture.matrix(fixture, "higham_correlation")) <= 1e-6)
        #expect(try SymmetricEigen(correlation).values[0] > 0)
        #expect(correlation.storage.allSatisfy { abs($0) <= 1 })
        #expect(f.covariance.diagonal == sigma.diagonal)
        try Self.expectConsistent(f, original: sigma)

        // Nearest: no farther from the input than clipping, which also keeps the variances.
        let clipped = try PositiveDefiniteRepair.factor(sigma, methods: [.eigenvalueClipping])
        let c = CovarianceEstimate.correlation(of: sigma)
        let distanceHigham = (correlation - c).frobeniusNorm
        let distanceClipped = (CovarianceEstimate.correlation(of: clipped.covariance) - c).frobeniusNorm
        #expect(distanceHigham <= distanceClipped * (1 + 1e-9))
    }

    @Test func nearestCorrelationHasUnitDiagonalAndIsPositiveSemidefinite() throws {
        let a = Matrix([[1, 0.9, 0.1], [0.9, 1, 0.9], [0.1, 0.9, 1]])
        let (y, iterations) = try #require(try NearestCorrelation.higham(a))
        #expect(y.diagonal == [1, 1, 1])
        #expect(try SymmetricEigen(y).values[0] >= 0)
        #expect(iterations > 1)
        // A correlation matrix already valid is its own nearest one, after one step.
        let valid = Matrix([[1, 0.5], [0.5, 1]])
        let (same, k) = try #require(try NearestCorrelation.higham(valid))
        #expect(same.maxAbsDifference(valid) <= 1e-15 && k <= 2)
    }

    @Test func singularSampleCovarianceIsRepairedByClipping() throws {
        // 15 returns of 20 assets: rank 14, the smallest eigenvalues are rounding noise.
        let sigma = CovarianceFixture.matrix(CovarianceFixture.case("equity_short"), "sample")
        let f = try PositiveDefiniteRepair.factor(sigma)
        #expect(f.repair.method == .eigenvalueClipping)
        #expect(abs(f.repair.minimumEigenvalueBefore) <= 1e-15)
        try Self.expectConsistent(f, original: sigma)
    }

    @Test func ridgeIsTheLastResortAndMovesVariances() throws {
        // A constant asset: zero variance, no correlation to clip. (ε is tiny next to 9e-4: compare to 1e-6.)
        let sigma = Matrix([[4e-4, 0, 1e-4], [0, 0, 0], [1e-4, 0, 9e-4]])
        let f = try PositiveDefiniteRepair.factor(sigma)
        #expect(f.repair.method == .ridge)
        let epsilon = 1e-8 * (13e-4 / 3)
        #expect(abs(f.repair.largestVarianceChange - epsilon) <= 1e-6 * epsilon)
        #expect(abs(f.repair.frobeniusDistance - epsilon * 3.0.squareRoot()) <= 1e-6 * epsilon)
        try Self.expectConsistent(f, original: sigma)
        #expect(f.repair.summary.hasPrefix("ridge Σ + εI: smallest eigenvalue 0 → "))

        let hand = CovarianceFixture.matrix(Self.repairFixture("hand_made"), "sigma")
        let ridged = try PositiveDefiniteRepair.factor(hand, methods: [.ridge])
        #expect(ridged.repair.method == .ridge)
        #expect(ridged.repair.largestVarianceChange > -ridged.repair.minimumEigenvalueBefore)
        try Self.expectConsistent(ridged, original: hand)
    }

    @Test func failureWithoutAMethodThatWorksIsAnError() throws {
        let zeroVariance = Matrix([[1, 0], [0, 0]])
        #expect(throws: TailRiskError.numerical(
            message: "the covariance matrix is not positive definite (smallest eigenvalue 0.0) and "
                + "eigenvalue-clipping, higham did not repair it")) {
            try PositiveDefiniteRepair.factor(zeroVariance, methods: [.eigenvalueClipping, .higham])
        }
        #expect(throws: TailRiskError.numerical(message: "the covariance matrix has non-finite entries")) {
            try PositiveDefiniteRepair.factor(Matrix([[1, .nan], [.nan, 1]]))
        }
        #expect(throws: TailRiskError.self) { try PositiveDefiniteRepair.factor(Matrix([[0, 0], [0, 0]])) }
    }

    @Test func pairwiseOfGappyAssetsNeedsRepair() throws {
        let estimate = try PairwiseCovariance().fit(CovarianceFixture.gappyCryptoReturns())
        #expect(Cholesky.factor(estimate.covariance) == nil)
        let f = try PositiveDefiniteRepair.factor(estimate.covariance)
        #expect(f.repair.method == .eigenvalueClipping)
        #expect(f.repair.minimumEigenvalueBefore < -6e-4)
        #expect(f.repair.frobeniusDistance > 0)
    }
}
