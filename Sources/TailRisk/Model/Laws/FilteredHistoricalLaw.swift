/// Filtered historical simulation as a Monte Carlo law (methods.md §8;
/// Barone-Adesi, Giannopoulos & Vosper 1999): whole days of standardized
/// residuals `z_t = r_t / σ_t` drawn with replacement (so cross-asset
/// dependence is the data's) and rescaled by today's volatility,
/// `r_i = σ_{T+1,i} z_i`, zero mean.
///
/// Over `h` steps a scenario is the sum of `h` drawn days. Under `ewma` the
/// volatility stays flat at `σ_{T+1}`; under `garch` each asset's variance
/// follows the path, `σ²_{k+1} = ω + α σ²_k z²_k + β σ²_k` after each drawn
/// residual (so a drawn crash raises the next day's volatility).
/// - Complexity: `h` index draws and `h·d` multiply-adds per scenario (plus
///   `h·d` variance updates under garch); memory `T·d` residuals.
public struct FilteredHistoricalLaw: ScenarioLaw {
    /// Days to draw from.
    public let days: Int
    public let dimension: Int
    /// Residuals in row-major order (`days × d`).
    let residuals: [Double]
    /// Today's volatility `σ_{T+1}` per asset.
    public let nextVolatility: [Double]
    /// GARCH parameters per asset under the garch filter (`nil`: flat volatility).
    public let garch: [GARCHParameters]?
    /// The filter's name for outputs (`ewma`, `garch`).
    public let filterName: String

    /// - Parameters:
    ///   - fits: one filter fit per asset, all over the same `T` days.
    ///   - filterName: how the fits were made, for outputs.
    public init(fits: [FilterFit], filterName: String) {
        precondition(!fits.isEmpty, "at least one asset")
        let t = fits[0].count, d = fits.count
        precondition(fits.allSatisfy { $0.count == t }, "every asset filtered over the same days")
        days = t
        dimension = d
        var rows = [Double](repeating: 0, count: t * d)
        for (i, fit) in fits.enumerated() { for s in 0..<t { rows[s * d + i] = fit.residuals[s] } }
        residuals = rows
        nextVolatility = fits.map(\.next)
        let parameters = fits.compactMap { $0.garch?.parameters }
        garch = parameters.count == d ? parameters : nil
        self.filterName = filterName
    }

    public var name: String { "fhs" }
    public var isSymmetric: Bool { false }
    public func affine(horizon: Int) -> AffineMap? { nil }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        let d = dimension
        // scratch[i] holds asset i's current variance under garch.
        for i in 0..<d {
            out[i] = 0
            scratch[i] = nextVolatility[i] * nextVolatility[i]
        }
        residuals.withUnsafeBufferPointer { zp in
            for _ in 0..<horizon {
                let day = zp.baseAddress! + rng.nextIndex(below: days) * d
                if let garch {
                    for i in 0..<d {
                        let z = day[i]
                        out[i] += scratch[i].squareRoot() * z
                        scratch[i] = garch[i].nextVariance(after: scratch[i], residual: z)
                    }
                } else {
                    for i in 0..<d { out[i] += nextVolatility[i] * day[i] }
                }
            }
        }
    }

    public func validate() throws {
        guard days >= 1 else {
            throw TailRiskError.insufficientData(message: "filtered historical simulation needs at least one day of residuals")
        }
        guard residuals.allSatisfy(\.isFinite), nextVolatility.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw TailRiskError.numerical(message: "the filtered residuals or today's volatilities are not finite and positive")
        }
    }

    public func horizonTreatment(_ h: Int) -> String {
        let path = garch == nil ? "flat σ_{T+1}" : "GARCH variance along each path"
        return h == 1 ? "residual days × σ_{T+1} (\(filterName) filter), 1 step"
            : "sum of \(h) residual days (\(filterName) filter, \(path))"
    }
}

extension FilteredHistoricalLaw {
    /// The registry entry of `fhs` (`InnovationLaw.fhs`): needs the filter fits of every asset.
    public static let entry = LawEntry(
        name: "fhs", methodID: "monte-carlo-fhs",
        summary: "filtered residual days rescaled by today's volatility, with --filter",
        readsMean: false, drawsHistory: true, usesFilter: true,
        make: { _ in .fhs },
        fit: { _, x in
            guard let filters = x.filters, !filters.isEmpty else {
                preconditionFailure("the fhs law needs the filter fits of every asset")
            }
            return FilteredHistoricalLaw(fits: filters, filterName: x.filterName)
        })
}
