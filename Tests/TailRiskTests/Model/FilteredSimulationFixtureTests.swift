import Foundation
import Testing
@testable import TailRisk

/// The EWMA and GARCH filters and deterministic filtered historical simulation
/// against the NumPy literals of `make_model_fixtures.py` on the shared files:
/// a $50 BTC + $50 ETH basket over 250 days and $20 each of five S&P stocks
/// over 1000 days; GARCH given `arch`'s fitted parameters.
@Suite(.tags(.realData)) struct FilteredSimulationFixtureTests {
    static let baskets = ["crypto", "equity"]
    static let tolerance = 1e-9

    static func basket(_ name: String) throws -> (ModelFixture.Basket, Matrix) {
        let ref = try #require(ModelFixture.shared.baskets[name])
        let data = try ModelFixture.returns(file: ref.file, assets: ref.assets, window: ref.window)
        try #require(data.count == ref.window)
        #expect(data.dates.first?.description == ref.firstDate && data.dates.last?.description == ref.lastDate)
        for j in 0..<data.returns.cols {
            #expect(close(data.returns.column(j).reduce(0) { $0 + $1 * $1 }, ref.sumSquares[j], relative: 1e-12))
        }
        return (ref, data.returns)
    }

    /// Filter fits against the fixture's sampled rows, today's volatility and the sum of each σ path.
    static func checkFits(_ fits: [FilterFit], _ ref: ModelFixture.Filtered, rows: [Int]) {
        for (i, fit) in fits.enumerated() {
            #expect(close(fit.next, ref.next[i], relative: tolerance))
            #expect(close(fit.sigmas.reduce(0, +), ref.sumSigmas[i], relative: tolerance))
            for (k, t) in rows.enumerated() {
                #expect(close(fit.sigmas[t], ref.sigmas[k][i], relative: tolerance))
                #expect(close(fit.residuals[t], ref.residuals[k][i], relative: tolerance))
            }
        }
    }

    /// VaR and ES of the basket's FHS losses (order statistic, Acerbi–Tasche) at each horizon and level.
    static func checkRisk(_ fhs: FilteredHistoricalSimulation, _ ref: ModelFixture.Filtered, values: [Double]) throws {
        for horizon in ref.horizons {
            let losses = try fhs.losses(values: values, horizon: horizon.horizon)
            #expect(losses.count == fhs.days - horizon.horizon + 1)
            for level in horizon.levels {
                let e = try HistoricalRisk.estimate(losses: losses, level: ConfidenceLevel(level.confidence))
                #expect(close(e.valueAtRisk, level.var, relative: tolerance), "h \(horizon.horizon) \(level.confidence) VaR")
                #expect(close(e.expectedShortfall, level.es, relative: tolerance), "h \(horizon.horizon) \(level.confidence) ES")
            }
        }
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: baskets)
    func ewmaFilterAndSimulationMatchNumPy(_ name: String) throws {
        let (ref, returns) = try Self.basket(name)
        let fhs = try FilteredHistoricalSimulation(returns: returns, filter: .standard)
        Self.checkFits(fhs.fits, ref.ewma, rows: ref.rows)
        #expect(fhs.fits.allSatisfy { $0.garch == nil })
        try Self.checkRisk(fhs, ref.ewma, values: ref.values)
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: baskets)
    func garchSimulationGivenArchParametersMatchesNumPy(_ name: String) throws {
        let (ref, returns) = try Self.basket(name)
        let fitted = try #require(ref.garch.fits)
        let fits = try fitted.indices.map { try GARCHFilter.filter(returns.column($0), parameters: fitted[$0].parameters) }
        for (fit, arch) in zip(fits, fitted) {
            #expect(close(try #require(fit.garch).logLikelihood, arch.logLikelihood, relative: 1e-11))
            #expect(fit.garch?.estimation == nil)
        }
        Self.checkFits(fits, ref.garch, rows: ref.rows)
        try Self.checkRisk(FilteredHistoricalSimulation(fits: fits), ref.garch, values: ref.values)
    }

    /// Our own GARCH fit of each asset of the basket is at least as likely as arch's.
    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: baskets)
    func garchFilterFitsEachAssetAtLeastAsWellAsArch(_ name: String) throws {
        let (ref, returns) = try Self.basket(name)
        let fhs = try FilteredHistoricalSimulation(returns: returns, filter: .garch)
        for (fit, arch) in zip(fhs.fits, try #require(ref.garch.fits)) {
            let ours = try #require(fit.garch).logLikelihood
            #expect(ours >= arch.logLikelihood - 1e-6 * abs(arch.logLikelihood))
        }
    }
}
