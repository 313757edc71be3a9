import Foundation

/// Deterministic filtered historical simulation (Barone-Adesi, Giannopoulos &
/// Vosper 1999; methods.md §8): one scenario per day of the window, each day's
/// vector of standardized residuals `z_s` (all assets together, so their
/// dependence is kept) rescaled by today's volatility, zero mean:
///
///     r̃_{s,i} = σ_{T+1,i} z_{s,i},   s = 1 … T.
///
/// Over a horizon of `h` days scenario `s` is the overlapping sum of the residual
/// days `s … s + h − 1` (`T − h + 1` scenarios, as historical simulation sums
/// overlapping returns), `r̃_{s,i} = Σ_{k=1}^{h} σ_{T+k,i} z_{s+k−1,i}`, where
/// - under `none` and `ewma` the volatility stays flat, `σ_{T+k} = σ_{T+1}`;
/// - under `garch` it follows that window's own residuals:
///   `σ²_{T+k+1} = ω + α σ²_{T+k} z²_{s+k−1} + β σ²_{T+k}` (`GARCHParameters.nextVariance`).
///
/// The basket's P&L is exact, `Σ_i V_i (exp(r̃_i) − 1)`; VaR and ES then come from
/// the losses by `HistoricalRisk`'s order statistic (methods.md §4).
/// - Complexity: O((T − h + 1) · h · d) for the scenarios, O(T · d) for the losses.
public struct FilteredHistoricalSimulation: Sendable {
    /// One filter fit per asset, all over the same `T` days.
    public let fits: [FilterFit]

    /// - Precondition: at least one fit, all of the same length.
    public init(fits: [FilterFit]) {
        precondition(!fits.isEmpty, "one filter fit per asset")
        precondition(fits.allSatisfy { $0.count == fits[0].count }, "every asset filtered over the same days")
        self.fits = fits
    }

    /// Filters each column of a `T × d` window of zero-mean returns.
    /// - Throws: as `VolatilityFilterSpec.fit(columnsOf:)`.
    public init(returns: Matrix, filter: VolatilityFilterSpec) throws {
        guard returns.cols > 0 else { throw TailRiskError.insufficientData(message: "no assets to simulate") }
        self.init(fits: try filter.fit(columnsOf: returns))
    }

    /// `T`, the days of the window (the scenarios at horizon 1).
    public var days: Int { fits[0].count }

    /// Today's volatility of each asset, `σ_{T+1}`.
    public var volatilities: [Double] { fits.map(\.next) }

    /// The scenario log returns, `(T − h + 1) × d`, row `s` built from residual days `s … s + h − 1`.
    /// - Throws: `.insufficientData` when `h > T` (no scenario).
    /// - Precondition: `h ≥ 1`.
    public func scenarioReturns(horizon h: Int = 1) throws -> Matrix {
        precondition(h >= 1, "horizon must be at least 1")
        let t = days, d = fits.count
        guard h <= t else {
            throw TailRiskError.insufficientData(message:
                "a window of \(t) filtered days makes no \(h)-day filtered historical scenario")
        }
        let rows = t - h + 1
        var out = Matrix(rows: rows, cols: d)
        for (i, fit) in fits.enumerated() {
            let z = fit.residuals, base = i * rows
            if h == 1 || fit.garch == nil {
                let sigma = fit.next
                for s in 0..<rows {
                    var sum = 0.0
                    for k in 0..<h { sum += z[s + k] }
                    out.storage[base + s] = sigma * sum
                }
            } else {
                let g = fit.garch!.parameters, v1 = fit.next * fit.next
                for s in 0..<rows {
                    var v = v1, sum = 0.0
                    for k in 0..<h {
                        sum += v.squareRoot() * z[s + k]
                        v = g.nextVariance(after: v, residual: z[s + k])
                    }
                    out.storage[base + s] = sum
                }
            }
        }
        return out
    }

    /// The losses `−Σ_i V_i (exp(r̃_{s,i}) − 1)` of a basket of currency values `V`, one per scenario.
    /// - Throws: as `scenarioReturns(horizon:)`.
    /// - Precondition: one value per asset.
    public func losses(values: [Double], horizon h: Int = 1) throws -> [Double] {
        precondition(values.count == fits.count, "one value per asset")
        return PnLSeries.portfolio(returns: try scenarioReturns(horizon: h), values: values, model: .exact).map { -$0 }
    }
}
