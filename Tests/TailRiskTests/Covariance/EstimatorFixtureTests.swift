import Foundation
import Testing
@testable import TailRisk

/// Each estimator against NumPy / scikit-learn / pandas / PyPortfolioOpt on real returns
/// (see `Fixtures/covariance/make_covariance_fixtures.py`).
@Suite(.tags(.realData)) struct EstimatorFixtureTests {
    static let cases = ["crypto", "equity", "equity_short"]

    @Test(arguments: cases)
    func sampleMatchesNumPy(name: String) throws {
        let c = CovarianceFixture.case(name)
        let estimate = try SampleCovariance().fit(CovarianceFixture.matrix(c, "returns"))
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(c, "sample")) <= 1e-12)
        #expect(matrixRelativeError(estimate.mean, CovarianceFixture.vector(c, "mean")) <= 1e-12)
        #expect(estimate.observations == CovarianceFixture.matrix(c, "returns").rows)
        #expect(estimate.shrinkage == nil && estimate.lambda == nil)
    }

    @Test(arguments: cases)
    func ledoitWolfMatchesScikitLearn(name: String) throws {
        let c = CovarianceFixture.case(name)
        let estimate = try LedoitWolf().fit(CovarianceFixture.matrix(c, "returns"))
        let shrinkage = try #require(estimate.shrinkage)
        let expected = CovarianceFixture.scalar(c, "ledoit_wolf_shrinkage")
        #expect(abs(shrinkage - expected) <= 1e-10 * expected)
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(c, "ledoit_wolf")) <= 1e-10)
    }

    @Test(arguments: cases)
    func oasMatchesScikitLearn(name: String) throws {
        let c = CovarianceFixture.case(name)
        let estimate = try OAS().fit(CovarianceFixture.matrix(c, "returns"))
        let shrinkage = try #require(estimate.shrinkage)
        let expected = CovarianceFixture.scalar(c, "oas_shrinkage")
        #expect(abs(shrinkage - expected) <= 1e-10 * expected)
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(c, "oas")) <= 1e-10)
    }

    @Test(arguments: cases)
    func ewmaMatchesNumPyLoop(name: String) throws {
        let c = CovarianceFixture.case(name)
        let returns = CovarianceFixture.matrix(c, "returns")
        let estimate = try EWMACovariance().fit(returns)
        #expect(estimate.lambda == 0.94)
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(c, "ewma")) <= 1e-10)
        #expect(matrixRelativeError(estimate.mean, CovarianceFixture.vector(c, "mean")) <= 1e-12)
        let seed = min(returns.rows, 30)
        #expect(estimate.notes.contains { $0.contains("first \(seed) returns") })
    }

    @Test(arguments: cases)
    func constantCorrelationMatchesPyPortfolioOpt(name: String) throws {
        let c = CovarianceFixture.case(name)
        let estimate = try ConstantCorrelationShrinkage().fit(CovarianceFixture.matrix(c, "returns"))
        let shrinkage = try #require(estimate.shrinkage)
        let expected = CovarianceFixture.scalar(c, "ledoit_wolf_cc_shrinkage")
        #expect(abs(shrinkage - expected) <= 1e-10 * expected)
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(c, "ledoit_wolf_cc")) <= 1e-10)
    }

    @Test func pairwiseMatchesPandas() throws {
        let p = CovarianceFixture.section("pairwise")
        let estimate = try PairwiseCovariance().fit(CovarianceFixture.gappyCryptoReturns())
        #expect(matrixRelativeError(estimate.covariance, CovarianceFixture.matrix(p, "covariance")) <= 1e-12)
        #expect(matrixRelativeError(estimate.mean, CovarianceFixture.vector(p, "mean")) <= 1e-12)
        // Columns 1 and 5 share rows 800..<805 only.
        #expect(estimate.notes.first?.contains("fewest common rows: 5 (columns 1 and 5)") == true)
    }

    @Test func correlationAndVolatilities() throws {
        let c = CovarianceFixture.case("crypto")
        let estimate = try SampleCovariance().fit(CovarianceFixture.matrix(c, "returns"))
        let sigma = CovarianceFixture.matrix(c, "sample")
        let vols = estimate.volatilities
        for i in 0..<5 { #expect(abs(vols[i] - sigma[i, i].squareRoot()) <= 1e-12 * vols[i]) }
        let rho = estimate.correlation
        for i in 0..<5 {
            #expect(rho[i, i] == 1)
            for j in 0..<5 where j != i {
                #expect(abs(rho[i, j] - sigma[i, j] / (sigma[i, i] * sigma[j, j]).squareRoot()) <= 1e-12)
            }
        }
        // A constant column has no correlation: 0 off the diagonal.
        let flat = CovarianceEstimate(estimator: .sample, covariance: Matrix([[1, 0], [0, 0]]), mean: [0, 0],
                                      observations: 3)
        #expect(flat.correlation == Matrix([[1, 0], [0, 1]]))
    }

    /// The fixture's crypto returns are `ln(P_t/P_{t−1})` of the shared CSV on the dates where all five have a price.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func fixtureReturnsComeFromTheSharedCSV() throws {
        let c = CovarianceFixture.case("crypto")
        let assets = (c["assets"] as! [String])
        let text = try String(contentsOfFile: TestData.shared("crypto_coinmetrics_daily.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines.removeFirst().map(String.init)
        let columns = assets.map { header.firstIndex(of: $0)! }
        var dates: [String] = []
        var prices: [[Double]] = []
        for fields in lines {
            let row = columns.map { Double(fields[$0]) }
            if row.allSatisfy({ $0 != nil }) {
                dates.append(String(fields[0]))
                prices.append(row.map { $0! })
            }
        }
        #expect(dates.first == (c["first_price_date"] as! String))
        #expect(Array(dates.dropFirst()) == (c["dates"] as! [String]))
        let fixture = CovarianceFixture.matrix(c, "returns")
        #expect(fixture.rows == prices.count - 1)
        for t in 1..<prices.count {
            for j in assets.indices {
                let r = log(prices[t][j] / prices[t - 1][j])
                #expect(abs(r - fixture[t - 1, j]) <= 1e-15, "row \(t), \(assets[j])")
            }
        }
    }
}
