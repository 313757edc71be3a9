import Foundation
import Testing
@testable import TailRisk

extension TestData {
    /// The daily log returns of `asset` in the shared file `file`: the `count` returns up to
    /// `lastDate`, checked to start on `firstDate` when given (the window a fixture script cut
    /// with pandas, so a shifted calendar fails here rather than as a distant numeric mismatch).
    static func window(file: String?, asset: String?, lastDate: String?, count: Int, firstDate: String? = nil) throws -> [Double] {
        let table = try PriceTable.read(path: shared(try #require(file)))
        let series = try table.returnSeries(assets: [try #require(asset)], to: Day(iso: try #require(lastDate)), window: count)
        if let firstDate { #expect(series.dates.first?.description == firstDate) }
        #expect(series.dates.last?.description == lastDate)
        return series.returns.column(0)
    }

    /// `count` returns of a GARCH(1,1) with `ω`, `α`, `β`, simulated from one fixed stream
    /// (`σ²₀ = 1e-4`), for fits whose answer is known to be interior.
    static func simulatedGARCH(omega: Double, alpha: Double, beta: Double, count: Int, seed: UInt64, scenario: UInt64) -> [Double] {
        var rng = Xoshiro256PlusPlus(seed: seed, scenario: scenario)
        var r = [Double](), s2 = 1e-4
        for _ in 0..<count {
            r.append(s2.squareRoot() * rng.nextNormal())
            s2 = omega + alpha * r.last! * r.last! + beta * s2
        }
        return r
    }
}
