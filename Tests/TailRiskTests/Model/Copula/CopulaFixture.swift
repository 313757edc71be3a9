import Foundation
@testable import TailRisk

/// `Fixtures/copula/copula_fixtures.json`, written by `make_copula_fixtures.py`
/// (SciPy's `kendalltau`, `rankdata`, `multivariate_t`, `genpareto.fit`; NumPy's `interp`).
struct CopulaFixture: Decodable {
    struct Tail: Decodable {
        let lowerThreshold: Double
        let lowerXi: Double
        let lowerBeta: Double
        let lowerCount: Int
        let lowerLogLikelihood: Double
        let lowerTightXi: Double
        let lowerTightBeta: Double
        let upperThreshold: Double
        let upperXi: Double
        let upperBeta: Double
        let upperCount: Int
        let upperLogLikelihood: Double
        let upperTightXi: Double
        let upperTightBeta: Double
    }
    struct Basket: Decodable {
        let file: String
        let assets: [String]
        let window: Int
        let firstDate: String
        let lastDate: String
        let sumSquares: [Double]
        let kendallTau: [[Double]]
        let correlation: [[Double]]
        let rows: [Int]
        let pseudoObservations: [[Double]]
        let probes: [Double]
        let quantiles: [[Double]]
        let degreesOfFreedom: Double
        let logLikelihood: Double
        let logLikelihoodAt4: Double
        let tails: [Tail]
    }
    struct Ties: Decodable {
        let x: [Double]
        let y: [Double]
        let tauB: Double
        let averageRanks: [Double]
    }
    struct Pair: Decodable {
        let rho: Double
        let nu: Double
        let lambda: Double
    }
    struct Dependence: Decodable {
        let rho: Double
        let nu: Double
        let lambda: Double
        let u: Double
        let tCopulaRatio: Double
        let tCopulaRatioOtherSeed: Double
        let gaussianCopulaRatio: Double
        let extra: [Pair]
    }

    let baskets: [String: Basket]
    let ties: Ties
    let tailDependence: Dependence

    static let shared: CopulaFixture = {
        let url = URL(fileURLWithPath: TestData.fixture("copula/copula_fixtures.json"))
        do {
            return try JSONDecoder().decode(CopulaFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_copula_fixtures.py")
        }
    }()

    /// The basket's returns from the shared file, checked against the fixture's dates and sums of squares.
    static func returns(_ name: String) throws -> (Basket, Matrix) {
        guard let ref = shared.baskets[name] else { throw TailRiskError.numerical(message: "no basket \(name)") }
        let data = try PriceTable.read(path: TestData.shared(ref.file)).returnSeries(assets: ref.assets, window: ref.window)
        guard data.count == ref.window, data.dates.first?.description == ref.firstDate,
              data.dates.last?.description == ref.lastDate,
              (0..<data.returns.cols).allSatisfy({ j in
                  close(data.returns.column(j).reduce(0) { $0 + $1 * $1 }, ref.sumSquares[j], relative: 1e-12)
              }) else {
            throw TailRiskError.numerical(message: "the \(name) returns differ from the fixture's")
        }
        return (ref, data.returns)
    }
}
