import Foundation
@testable import TailRisk

/// `Fixtures/models/model_fixtures.json`, written by `make_model_fixtures.py`
/// (NumPy literals of methods.md §8 and `arch`'s GARCH fits).
struct ModelFixture: Decodable {
    struct Level: Decodable {
        let confidence: Double
        let `var`: Double
        let es: Double
    }
    struct Horizon: Decodable {
        let horizon: Int
        let levels: [Level]
    }
    struct Fit: Decodable {
        let omega: Double
        let alpha: Double
        let beta: Double
        let logLikelihood: Double
        var parameters: GARCHParameters { GARCHParameters(omega: omega, alpha: alpha, beta: beta) }
    }
    struct Filtered: Decodable {
        let next: [Double]
        let sigmas: [[Double]]
        let residuals: [[Double]]
        let sumSigmas: [Double]
        let horizons: [Horizon]
        let fits: [Fit]?
    }
    struct Basket: Decodable {
        let file: String
        let assets: [String]
        let window: Int
        let firstDate: String
        let lastDate: String
        let values: [Double]
        let sumSquares: [Double]
        let rows: [Int]
        let ewma: Filtered
        let garch: Filtered
    }
    struct Series: Decodable {
        let file: String
        let asset: String
        let window: Int?
        let count: Int
        let firstDate: String
        let lastDate: String
        let sumSquares: Double
        let omega: Double
        let alpha: Double
        let beta: Double
        let logLikelihood: Double
        let literalLogLikelihood: Double
        let scaled100: Fit
    }
    struct DM: Decodable {
        let lags: Int
        let meanDifference: Double
        let longRunVariance: Double
        let statistic: Double
        let p: Double
    }
    struct Check: Decodable {
        let alpha: Double
        let `var`: Double
        let es: Double
        let loss: Double
        let score: Double
    }
    struct Synthetic: Decodable {
        let alpha: Double
        let losses: [Double]
        let varA: [Double]
        let esA: [Double]
        let varB: [Double]
        let esB: [Double]
        let scoresA: [Double?]
        let scoresB: [Double?]
        let meanA: Double
        let skippedA: Int
        let meanB: Double
        let skippedB: Int
        let commonDays: Int
        let dieboldMariano: DM
    }
    struct Formula: Decodable {
        let dieboldMariano: DM
    }
    struct ModelChoice: Decodable {
        let checks: [Check]
        let synthetic: Synthetic
        let formula: Formula
    }

    let baskets: [String: Basket]
    let garchSeries: [Series]
    let modelChoice: ModelChoice

    static let shared: ModelFixture = {
        let url = URL(fileURLWithPath: TestData.fixture("models/model_fixtures.json"))
        do {
            return try JSONDecoder().decode(ModelFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_model_fixtures.py")
        }
    }()

    /// The returns a basket or series of the fixture was computed from: the last `window`
    /// returns over the dates where every asset has a price in the shared file.
    static func returns(file: String, assets: [String], window: Int?) throws -> ReturnSeries {
        try PriceTable.read(path: TestData.shared(file)).returnSeries(assets: assets, window: window)
    }
}

/// `|a − b| ≤ tolerance · |b|` (or `≤ tolerance` when `b` is 0).
func close(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * Swift.max(abs(b), b == 0 ? 1 : 0)
}
