import Foundation
@testable import TailRisk

/// `Fixtures/covariance/covariance_fixtures.json`, written by `make_covariance_fixtures.py`.
enum CovarianceFixture {
    static let root: [String: Any] = {
        let url = URL(fileURLWithPath: TestData.fixture("covariance/covariance_fixtures.json"))
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            fatalError("cannot read \(url.path); run make_covariance_fixtures.py")
        }
        return object
    }()

    /// One of `crypto`, `equity`, `equity_short`.
    static func `case`(_ name: String) -> [String: Any] {
        (root["cases"] as! [String: Any])[name] as! [String: Any]
    }

    static func section(_ name: String) -> [String: Any] { root[name] as! [String: Any] }

    static func matrix(_ object: [String: Any], _ key: String) -> Matrix {
        Matrix((object[key] as! [[Any]]).map { $0.map(number) })
    }

    static func vector(_ object: [String: Any], _ key: String) -> [Double] {
        (object[key] as! [Any]).map(number)
    }

    static func scalar(_ object: [String: Any], _ key: String) -> Double { number(object[key]!) }

    private static func number(_ any: Any) -> Double { (any as! NSNumber).doubleValue }

    /// The crypto returns with the fixture's deterministic gaps: column `k` keeps rows `step·k ..< step·k + length`.
    static func gappyCryptoReturns() -> Matrix {
        let pairwise = section("pairwise")
        let step = Int(scalar(pairwise, "step"))
        let length = Int(scalar(pairwise, "length"))
        var r = matrix(self.case("crypto"), "returns")
        for k in 0..<r.cols {
            for i in 0..<r.rows where !(step * k..<step * k + length).contains(i) { r[i, k] = .nan }
        }
        return r
    }
}

/// `max |a − b| / max |b|`: the relative error used against the fixtures.
func matrixRelativeError(_ a: Matrix, _ b: Matrix) -> Double {
    a.maxAbsDifference(b) / (b.storage.map(abs).max() ?? 1)
}

func matrixRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    matrixRelativeError(Matrix(rows: a.count, cols: 1, columnMajor: a), Matrix(rows: b.count, cols: 1, columnMajor: b))
}
