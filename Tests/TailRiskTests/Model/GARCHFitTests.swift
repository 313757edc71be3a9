import Foundation
import Testing
@testable import TailRisk

/// Our GARCH(1,1) quasi-maximum likelihood against the `arch` package on real
/// series (methods.md §8: the log-likelihood at our optimum must not be below
/// arch's by more than 1e-6 relative).
@Suite(.tags(.realData)) struct GARCHFitTests {
    static let series = ModelFixture.shared.garchSeries

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason), arguments: series)
    func logLikelihoodReachesArch(_ ref: ModelFixture.Series) throws {
        let data = try ModelFixture.returns(file: ref.file, assets: [ref.asset], window: ref.window)
        let r = data.returns.column(0)
        try #require(r.count == ref.count)
        #expect(data.dates.first?.description == ref.firstDate && data.dates.last?.description == ref.lastDate)
        #expect(close(r.reduce(0) { $0 + $1 * $1 }, ref.sumSquares, relative: 1e-12))
        // Our likelihood function agrees with arch's at arch's own parameters.
        let archParameters = GARCHParameters(omega: ref.omega, alpha: ref.alpha, beta: ref.beta)
        #expect(close(archParameters.logLikelihood(r), ref.logLikelihood, relative: 1e-11))

        let fit = try GARCHFilter.estimate(r)
        let p = fit.parameters
        #expect(p.isAdmissible)
        #expect(close(fit.logLikelihood, p.logLikelihood(r), relative: 1e-14))
        // Not below arch on the raw returns, nor below arch's fit of 100 r (a better optimum).
        let best = Swift.max(ref.logLikelihood, ref.scaled100.logLikelihood)
        #expect(fit.logLikelihood >= best - 1e-6 * abs(best),
                "\(ref.asset) \(ref.window.map(String.init) ?? "full"): ours \(fit.logLikelihood) arch \(ref.logLikelihood) arch(100 r) \(ref.scaled100.logLikelihood)")
        let report = try #require(fit.estimation)
        #expect(report.converged)
    }
}

extension ModelFixture.Series: CustomTestStringConvertible {
    var testDescription: String { "\(asset) \(window.map { "last \($0)" } ?? "full history")" }
}
