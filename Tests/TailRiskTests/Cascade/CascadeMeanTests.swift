import Foundation
import Testing
@testable import TailRisk

/// Issue 21, item 6: cascades draw their Monte Carlo shocks with zero mean unless asked for the drift.
@Suite struct CascadeMeanTests {
    /// ETH drifting up 1% a day (σ 4%) against a flat USDC: a bull window.
    static let table: PriceTable = {
        var rng = Xoshiro256PlusPlus(seed: 3, unit: 0)
        let days = 300
        var prices = Matrix(rows: days, cols: 2)
        var p = 1_000.0
        for t in 0..<days {
            if t > 0 { p *= exp(0.01 + 0.04 * Normal.quantile(rng.nextUniformPositive())) }
            prices[t, 0] = p
            prices[t, 1] = 1
        }
        return PriceTable(source: "bull.csv", layout: .wide, assets: ["ETH", "USDC"],
                          dates: (0..<days).map { Day(daysSinceEpoch: 19_000 + $0) }, prices: prices)
    }()

    /// Accounts of 1 ETH borrowing between 70% and 99% of their borrowing power at LT 0.85.
    static func book(price: Double) throws -> AccountBook {
        let rows = (0..<30).map { k in "a\(k),ETH,1\na\(k),USDC,-\(price * 0.85 * (0.70 + 0.01 * Double(k)))\n" }
        return try AccountBook.parse(csv: "account,asset,quantity\n" + rows.joined(), source: "book.csv")
    }

    static func run(_ mean: CascadeAnalysis.Mean?, law: String) throws -> CascadeAnalysis {
        var policy = HaircutPolicy()
        policy.horizon = 5
        policy.scenarios = 2000
        policy.model.law = try InnovationLaw.parse(law, degreesOfFreedom: 5)
        let settings = HaircutAnalysis.Settings(policy: policy, simulation: SimulationSettings(threads: 2))
        var request = CascadeAnalysis.Request(thresholds: ["ETH": 0.85])
        request.monteCarlo = true
        if let mean { request.mean = mean }
        let last = table.prices[table.dates.count - 1, 0]
        return try CascadeAnalysis.run(table: table, settings: settings, book: try book(price: last), request: request)
    }

    @Test(arguments: ["normal", "bootstrap"])
    func zeroMeanIsTheDefaultAndRemovesTheDrift(law: String) throws {
        let byDefault = try Self.run(nil, law: law), zero = try Self.run(.zero, law: law)
        let sample = try Self.run(.sample, law: law)
        #expect(byDefault.mean == .zero && sample.mean == .sample)
        #expect(byDefault.monteCarlo[0].badDebtSamples == zero.monteCarlo[0].badDebtSamples)
        // The drift reported is h times the window's mean log return of ETH in USDC.
        let p = Self.table.prices, T = Self.table.dates.count
        let drift = 5 * log(p[T - 1, 0] / p[0, 0]) / Double(T - 1)
        #expect(abs(zero.sampleDrift[0] - drift) < 1e-12 && drift > 0.03)
        #expect(zero.meanNote.hasPrefix("zero mean") && sample.meanNote.hasPrefix("sample mean"))
        // Zero mean lowers every shock by the drift (exactly for these two laws): never less bad debt.
        let z = zero.monteCarlo[0], s = sample.monteCarlo[0]
        for j in 0..<2000 { #expect(z.badDebtSamples[j] >= s.badDebtSamples[j] - 1e-9, "shock \(j)") }
        #expect(z.probabilityOfBadDebt > s.probabilityOfBadDebt && z.meanBadDebt > s.meanBadDebt,
                "P(bad debt) zero \(z.probabilityOfBadDebt), sample \(s.probabilityOfBadDebt)")
    }
}
