import Foundation

/// One backtest day: the realised P&L and the forecasts made the day before.
public struct BacktestDay: Sendable, Equatable {
    public let date: Day
    public let pnl: Double
    public let valueAtRisk: Double
    public let expectedShortfall: Double
    /// `L_t > VaR_t` with `L_t = −pnl`.
    public var exceeded: Bool { -pnl > valueAtRisk }
}

/// The backtest of one method at one confidence level.
public struct BacktestResult: Sendable {
    public let method: String
    public let level: ConfidenceLevel
    /// The days with a forecast (days whose window could not be forecast are left out).
    public let days: [BacktestDay]
    public let tests: CoverageTests
    /// Days left out because their window could not be forecast (e.g. stale prices, zero variance).
    public var skippedDays: Int = 0
    /// The first such day and why, when there is one.
    public var skipReason: String? = nil
}

/// A rolling one-day backtest of VaR/ES forecasts (methods.md §6).
///
/// Positions `V` are held constant. For each day `t ≥ window` every
/// forecaster sees rows `[t − window, t)` only, and its forecasts are compared
/// with day `t`'s realised P&L under `pnlModel` (exact revaluation
/// `Σ V_i (exp(r_ti) − 1)` by default). Days are forecast in parallel:
/// `threads` workers take chunks of days, with BLAS on one thread; each day's
/// forecast depends only on its window, so the result does not depend on the
/// number of threads.
public struct RollingBacktest: Sendable {
    public let series: ReturnSeries
    public let values: [Double]
    public let window: Int
    public let levels: [ConfidenceLevel]
    public let forecasters: [BacktestForecaster]
    public let pnlModel: PnLModel
    /// Worker threads across days.
    public let threads: Int

    /// - Throws: `.invalidParameter(.window)` for a window under 2 returns;
    ///   `.insufficientData` when the series has no day after the first window.
    /// - Precondition: one value per asset, at least one level and one forecaster.
    public init(series: ReturnSeries, values: [Double], window: Int, levels: [ConfidenceLevel],
                forecasters: [BacktestForecaster], pnlModel: PnLModel = .exact,
                threads: Int = SimulationSettings.availableCores) throws {
        precondition(threads >= 1, "at least one thread")
        precondition(values.count == series.assets.count, "one position value per asset")
        precondition(!levels.isEmpty && !forecasters.isEmpty, "a backtest needs levels and forecasters")
        guard window >= 2 else {
            throw TailRiskError.invalidParameter(.window, message: "the window must hold at least 2 returns, got \(window)")
        }
        guard series.count > window else {
            throw TailRiskError.insufficientData(
                message: "a backtest window of \(window) returns needs more than \(window) returns; the series has \(series.count) (\(series.startDate) to \(series.endDate))")
        }
        self.series = series
        self.values = values
        self.window = window
        self.levels = levels
        self.forecasters = forecasters
        self.pnlModel = pnlModel
        self.threads = threads
    }

    /// Number of forecast days, `T − window`.
    public var dayCount: Int { series.count - window }

    /// Runs every forecaster on every day and computes the statistics.
    /// Results are ordered by forecaster, then level.
    /// - Throws: the first error (in day order) a forecaster throws.
    /// - Complexity: `dayCount` forecasts per forecaster, spread over `threads` workers.
    public func run() throws -> [BacktestResult] {
        let pnl = PnLSeries.portfolio(returns: series.returns, values: values, model: pnlModel)
        let days = dayCount, nl = levels.count, nf = forecasters.count
        // forecasts[((f · nl) + m) · days + i] and scales[f · days + i]
        var varBuffer = [Double](repeating: .nan, count: nf * nl * days)
        var esBuffer = varBuffer
        var scaleBuffer = [Double](repeating: .nan, count: nf * days)
        let chunkSize = max(16, (days + 63) / 64)
        let chunks = (days + chunkSize - 1) / chunkSize
        var errors = [(day: Int, error: Error)?](repeating: nil, count: chunks)
        // The first day each forecaster could not forecast in each chunk (skipped, not fatal).
        var skips = [(day: Int, error: Error)?](repeating: nil, count: chunks * nf)
        let queue = WorkQueue<Void>(units: 0..<chunks, results: 0)
        varBuffer.withUnsafeMutableBufferPointer { vb in
            esBuffer.withUnsafeMutableBufferPointer { eb in
                scaleBuffer.withUnsafeMutableBufferPointer { sb in
                    errors.withUnsafeMutableBufferPointer { errs in
                      skips.withUnsafeMutableBufferPointer { sk in
                        let vb = DisjointWrites(vb), eb = DisjointWrites(eb), sb = DisjointWrites(sb)
                        let errs = DisjointWrites(errs), sk = DisjointWrites(sk)
                        DispatchQueue.concurrentPerform(iterations: min(threads, chunks)) { _ in
                            while let c = queue.next() {
                                for i in (c * chunkSize)..<min(days, (c + 1) * chunkSize) {
                                    let w = BacktestWindow(allReturns: series.returns, allPnL: pnl,
                                                           rows: i..<(i + window), values: values, levels: levels)
                                    do {
                                        for (f, forecaster) in forecasters.enumerated() {
                                            let forecast: BacktestForecast
                                            do {
                                                forecast = try forecaster.forecast(w)
                                            } catch let e as TailRiskError where e.isDataProblem {
                                                // This window cannot be forecast (e.g. constant prices):
                                                // leave the day out of this method's tests and say so.
                                                if sk[c * nf + f] == nil { sk[c * nf + f] = (i, e) }
                                                continue
                                            }
                                            // Backstop: a non-finite forecast stops the run (not a skipped day).
                                            for e in forecast.estimates { try e.requireFinite(label: forecaster.name) }
                                            try Finite.require(forecast.scale, "\(forecaster.name): the forecast scale σ_t")
                                            for (m, level) in levels.enumerated() {
                                                guard let e = forecast.estimates.first(where: { $0.level == level }) else {
                                                    preconditionFailure("forecaster \(forecaster.name) gave no estimate at \(level)")
                                                }
                                                vb[(f * nl + m) * days + i] = e.valueAtRisk
                                                eb[(f * nl + m) * days + i] = e.expectedShortfall
                                            }
                                            if let s = forecast.scale { sb[f * days + i] = s }
                                        }
                                    } catch {
                                        errs[c] = (i, error)
                                        break
                                    }
                                }
                            }
                        }
                      }
                    }
                }
            }
        }
        // Name the day and its window, so a stale stretch of prices can be found.
        func describe(_ first: (day: Int, error: Error)) -> String {
            let day = series.dates[window + first.day]
            let from = first.day == 0 ? series.startDate : series.dates[first.day - 1]
            let to = series.dates[window + first.day - 1]
            return "cannot forecast \(day) from the window \(from) → \(to): \(TailRiskError.reason(of: first.error))"
        }
        if let first = errors.compactMap({ $0 }).min(by: { $0.day < $1.day }) {
            // An unusable option is not about the day: report it as it is.
            if case .invalidParameter? = first.error as? TailRiskError { throw first.error }
            let message = describe(first)
            if case .numerical? = first.error as? TailRiskError { throw TailRiskError.numerical(message: message) }
            throw TailRiskError.insufficientData(message: message)
        }

        let realised = Array(pnl[window...])
        let losses = realised.map { -$0 }
        let dates = Array(series.dates[window...])
        var results: [BacktestResult] = []
        for f in 0..<nf {
            let firstSkip = (0..<chunks).compactMap { skips[$0 * nf + f] }.min { $0.day < $1.day }
            // Days this forecaster forecast (all levels are set together).
            let kept = (0..<days).filter { !varBuffer[f * nl * days + $0].isNaN }
            guard !kept.isEmpty else {
                throw TailRiskError.insufficientData(message: "\(forecasters[f].name): no day could be forecast; the first: "
                                                     + (firstSkip.map(describe) ?? "no forecast"))
            }
            let scales = kept.map { scaleBuffer[f * days + $0] }
            let scale: [Double]? = scales.allSatisfy { !$0.isNaN } ? scales : nil
            for (m, level) in levels.enumerated() {
                let base = (f * nl + m) * days
                let v = kept.map { varBuffer[base + $0] }
                let e = kept.map { esBuffer[base + $0] }
                let l = kept.map { losses[$0] }
                let series = kept.indices.map {
                    BacktestDay(date: dates[kept[$0]], pnl: realised[kept[$0]], valueAtRisk: v[$0], expectedShortfall: e[$0])
                }
                var result = BacktestResult(
                    method: forecasters[f].name, level: level, days: series,
                    tests: CoverageTests(level: level, losses: l, valueAtRisk: v, expectedShortfall: e, scale: scale))
                result.skippedDays = days - kept.count
                result.skipReason = firstSkip.map(describe)
                try result.tests.requireFinite(label: "\(forecasters[f].name) at \(level)")
                results.append(result)
            }
        }
        return results
    }
}
