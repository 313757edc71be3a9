import Foundation
import Testing
@testable import TailRisk

/// The normal method's exact Euler contributions against the NumPy reference
/// of `Fixtures/collateral/make_report.py` ("two_asset": methods.md §4's $50 BTC
/// σ 3.5%, $50 ETH σ 4.5%, ρ 0.8, 99%, `V_i (ΣV)_i z / σ_p`).
@Suite struct NormalContributionTests {
    struct TwoAsset: Decodable {
        let values: [Double]
        let portfolio_var: Double
        let contributions: [Double]
    }

    @Test func estimatesCarryTheNumPyVaRContributions() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("collateral/report.json")))
        let ref = try JSONDecoder().decode([String: TwoAsset].self,
                                           from: try JSONSerialization.data(withJSONObject: [
                                               "two_asset": (try JSONSerialization.jsonObject(with: data) as! [String: Any])["two_asset"]!,
                                           ]))["two_asset"]!
        let sd = [0.035, 0.045]
        let cov = Matrix([[sd[0] * sd[0], 0.8 * sd[0] * sd[1]], [0.8 * sd[0] * sd[1], sd[1] * sd[1]]])
        let e = ParametricNormal.estimates(mean: [0, 0], covariance: cov, values: ref.values,
                                           levels: [ConfidenceLevel(0.99)])[0]
        let c = try #require(e.valueAtRiskContributions)
        for (got, want) in zip(c, ref.contributions) { #expect(abs(got - want) < 1e-12 * want) }
        #expect(abs(e.valueAtRisk - ref.portfolio_var) < 1e-12 * ref.portfolio_var)
        #expect(abs(c.reduce(0, +) - e.valueAtRisk) < 1e-12 * e.valueAtRisk)
        // ES contributions are the VaR ones scaled by φ(z)/α / z (zero mean): 2.665214 / 2.326348.
        let es = try #require(e.contributions)
        for (a, b) in zip(es, c) { #expect(abs(a / b - 2.665214 / 2.326348) < 1e-6) }
    }
}
