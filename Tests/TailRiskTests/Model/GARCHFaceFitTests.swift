import Foundation
import Testing
@testable import TailRisk

/// GARCH(1,1) fits whose optimum lies on a face of the admissible set (issue 21 item 1):
/// `Fixtures/models/garch_face_fixtures.json`, written by `make_garch_face_fixtures.py`
/// (`arch` on `r` and `100 r`, and an independent SLSQP multi-start). The fit must
/// never end below the best of them by more than 1e-6 relative (methods.md §8), and
/// must land on the face the reference optimum lies on.
@Suite(.tags(.realData)) struct GARCHFaceFitTests {
    struct Fit: Decodable {
        let omega: Double
        let alpha: Double
        let beta: Double
        let logLikelihood: Double
    }
    struct Case: Decodable {
        let name: String
        let count: Int
        let sumSquares: Double
        let arch: Fit
        let arch100: Fit
        let best: Fit
        let face: [String]
        let returns: [Double]?
        let file: String?
        let asset: String?
        let firstDate: String?
        let lastDate: String?
    }
    struct Fixture: Decodable {
        let real: [Case]
        let synthetic: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: TestData.fixture("models/garch_face_fixtures.json"))
        do {
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path) (\(error)); run make_garch_face_fixtures.py")
        }
    }()

    /// The fit reaches the best reference and the reference's face.
    static func check(_ c: Case, _ r: [Double]) throws {
        try #require(r.count == c.count)
        #expect(close(r.reduce(0) { $0 + $1 * $1 }, c.sumSquares, relative: 1e-12))
        // Our likelihood function agrees with the references' at their parameters.
        let best = GARCHParameters(omega: c.best.omega, alpha: c.best.alpha, beta: c.best.beta)
        #expect(close(best.logLikelihood(r), c.best.logLikelihood, relative: 1e-11))

        let fit = try GARCHFilter.estimate(r)
        #expect(fit.parameters.isAdmissible)
        // The best of the admissible references (arch may end a hair above the persistence cap 1 − 1e-6).
        let reference = [c.arch, c.arch100, c.best].filter { $0.alpha + $0.beta <= GARCHParameters.maximumPersistence + 1e-12 }
            .map(\.logLikelihood).max() ?? c.best.logLikelihood
        #expect(fit.logLikelihood >= reference - 1e-6 * abs(reference),
                "\(c.name): ours \(fit.logLikelihood) (α \(fit.parameters.alpha), β \(fit.parameters.beta)), best \(reference)")
        let report = try #require(fit.estimation)
        #expect(report.evaluations < 6000, "\(c.name): \(report.evaluations) likelihood passes")
        for face in c.face {
            #expect(report.activeBounds.contains(face), "\(c.name): \(report.activeBounds) lacks \(face)")
        }
    }

    @Test(arguments: fixture.synthetic)
    func syntheticFaceOptimum(_ c: Case) throws {
        try Self.check(c, try #require(c.returns))
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: fixture.real)
    func realWindowOnAFace(_ c: Case) throws {
        try Self.check(c, TestData.window(file: c.file, asset: c.asset, lastDate: c.lastDate, count: c.count, firstDate: c.firstDate))
    }

    /// An interior optimum reports no active bound (the face search does not pull it onto a face).
    @Test func interiorOptimumReportsNoBound() throws {
        // GARCH(1,1) with ω 5e-6, α 0.1, β 0.85 simulated from a fixed stream.
        let r = TestData.simulatedGARCH(omega: 5e-6, alpha: 0.1, beta: 0.85, count: 1000, seed: 21, scenario: 1)
        let fit = try GARCHFilter.estimate(r)
        #expect(fit.estimation?.activeBounds == [], "\(fit.parameters) \(fit.estimation?.activeBounds ?? [])")
        #expect(fit.parameters.alpha > 0.02 && fit.parameters.beta > 0.5)
    }
}

extension GARCHFaceFitTests.Case: CustomTestStringConvertible {
    var testDescription: String { name }
}
