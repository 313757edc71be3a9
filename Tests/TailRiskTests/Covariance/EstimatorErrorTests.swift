import Testing
@testable import TailRisk

/// Bad input and configuration: the errors and their messages.
@Suite struct EstimatorErrorTests {
    @Test func everyCaseMakesItsEstimator() throws {
        for kind in CovarianceEstimator.allCases {
            let estimator = try kind.makeEstimator(lambda: 0.97)
            #expect(estimator.kind == kind)
            #expect(CovarianceEstimator(rawValue: kind.rawValue) == kind)
        }
        #expect(CovarianceEstimator(rawValue: "ledoit-wolf") == .ledoitWolf)
        #expect(CovarianceEstimator(rawValue: "ledoit-wolf-cc") == .constantCorrelation)
        let ewma = try #require(try CovarianceEstimator.ewma.makeEstimator(lambda: 0.97) as? EWMACovariance)
        #expect(ewma.lambda == 0.97)
        #expect(EWMACovariance().lambda == 0.94)
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.2, .nan])
    func ewmaRejectsLambdaOutsideTheOpenUnitInterval(lambda: Double) {
        #expect(throws: TailRiskError.invalidParameter(
            .covarianceDecay, message: "the EWMA decay must lie strictly between 0 and 1, got \(lambda)")) {
            try CovarianceEstimator.ewma.makeEstimator(lambda: lambda)
        }
    }

    @Test(arguments: CovarianceEstimator.allCases)
    func oneRowIsInsufficient(kind: CovarianceEstimator) throws {
        let estimator = try kind.makeEstimator()
        let x = Matrix([[0.01, 0.02, -0.01]])
        if kind == .pairwise {
            #expect(throws: TailRiskError.insufficientData(
                message: "the pairwise covariance needs at least 2 rows where both returns are present; "
                    + "column 1 has 1 of 1")) { try estimator.fit(x) }
        } else {
            #expect(throws: TailRiskError.insufficientData(
                message: "the \(kind.rawValue) covariance needs at least 2 return rows, got 1 (for 3 assets)")) {
                try estimator.fit(x)
            }
        }
    }

    @Test(arguments: CovarianceEstimator.allCases.filter { $0 != .pairwise })
    func nonFiniteReturnsAreRefused(kind: CovarianceEstimator) throws {
        let x = Matrix([[0.01, 0.02], [0.03, .nan], [0.0, 0.01]])
        #expect(throws: TailRiskError.numerical(
            message: "the \(kind.rawValue) covariance needs finite returns, but row 2, column 2 is nan; "
                + "align the prices (intersect) or use the pairwise estimator")) {
            try kind.makeEstimator().fit(x)
        }
    }

    @Test func pairwiseRefusesInfinityAndPairsWithoutOverlap() {
        #expect(throws: TailRiskError.numerical(
            message: "the pairwise covariance got an infinite return at row 1, column 2")) {
            try PairwiseCovariance().fit(Matrix([[0.01, .infinity], [0.02, 0.01]]))
        }
        let disjoint = Matrix([[0.01, .nan], [0.02, .nan], [.nan, 0.01], [.nan, 0.03]])
        #expect(throws: TailRiskError.insufficientData(
            message: "the pairwise covariance needs at least 2 rows where both returns are present; "
                + "columns 1 and 2 have 0 of 4")) {
            try PairwiseCovariance().fit(disjoint)
        }
    }

    @Test func constantCorrelationRefusesAConstantColumn() {
        #expect(throws: TailRiskError.numerical(
            message: "the ledoit-wolf-cc covariance needs positive variances, but column 2 is constant over the 3 returns")) {
            try ConstantCorrelationShrinkage().fit(Matrix([[0.01, 0.0], [0.02, 0.0], [-0.01, 0.0]]))
        }
    }

    @Test func oneAssetIsNotShrunk() throws {
        let x = Matrix([[0.01], [0.03], [-0.02], [0.0]])
        let sample = try SampleCovariance().fit(x).covariance[0, 0]
        for estimator in [LedoitWolf() as any CovarianceFitting, OAS(), ConstantCorrelationShrinkage()] {
            let estimate = try estimator.fit(x)
            #expect(estimate.shrinkage == 0)
            let divisor = estimator.kind == .constantCorrelation ? 3.0 : 4.0
            #expect(abs(estimate.covariance[0, 0] - sample * 3 / divisor) <= 1e-18)
        }
    }

    /// `S = μI` exactly: Ledoit–Wolf's δ² is 0, and nothing is shrunk (rather than 0/0).
    @Test func scaledIdentitySampleIsNotShrunk() throws {
        let x = Matrix([[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]])
        let estimate = try LedoitWolf().fit(x)
        #expect(estimate.shrinkage == 0)
        #expect(estimate.covariance == Matrix([[5e-5, 0], [0, 5e-5]]))
    }
}
