import Foundation

/// Every backtest statistic of one method at one confidence level (methods.md §6).
/// The property names are the JSON keys of the CLI's output.
public struct CoverageTests: Sendable, Equatable {
    /// `T`, the number of forecast days.
    public let observations: Int
    /// `N`, the days with `L_t > VaR_t`.
    public let exceedances: Int
    public let kupiecLR: Double
    public let kupiecP: Double
    public let christoffersenLRInd: Double
    public let christoffersenPInd: Double
    /// `LR_cc = LR_uc + LR_ind` (Jorion's convention: `LR_uc` over all `T` days), `χ²(2)`.
    public let christoffersenLRCC: Double
    public let christoffersenPCC: Double
    public let trafficLight: TrafficLight
    /// McNeil–Frey t statistic and p-value; `nil` with fewer than two exceedances.
    public let mcneilFreyT: Double?
    public let mcneilFreyP: Double?
    /// Acerbi–Szekely Z2; `nil` when an exceedance day's ES forecast was 0 (or so small
    /// that `L_t/ES_t` overflows), e.g. a window of stale prices forecasting no loss.
    public let acerbiSzekelyZ2: Double?
    /// Why a statistic is missing or should be read with care.
    public let notes: [String]

    /// Computes every statistic from the realised losses and the forecasts.
    /// - Parameters:
    ///   - losses: realised `L_t = −P&L_t`.
    ///   - valueAtRisk, expectedShortfall: the forecasts for the same days.
    ///   - scale: the forecast `σ_t` for McNeil–Frey residuals, or `nil` (unscaled).
    /// - Complexity: O(T).
    public init(level: ConfidenceLevel, losses: [Double], valueAtRisk: [Double], expectedShortfall: [Double],
                scale: [Double]? = nil) {
        let t = losses.count
        precondition(t > 0 && valueAtRisk.count == t && expectedShortfall.count == t, "one forecast per day")
        precondition(scale.map { $0.count == t } ?? true, "one scale per day")
        let alpha = level.alpha
        let exceeded = (0..<t).map { losses[$0] > valueAtRisk[$0] }
        let n = exceeded.reduce(0) { $0 + ($1 ? 1 : 0) }
        observations = t
        exceedances = n
        kupiecLR = Kupiec.likelihoodRatio(exceedances: n, observations: t, alpha: alpha)
        kupiecP = ChiSquared.survival(kupiecLR, degreesOfFreedom: 1)
        christoffersenLRInd = Christoffersen.independenceRatio(exceeded)
        christoffersenPInd = ChiSquared.survival(christoffersenLRInd, degreesOfFreedom: 1)
        christoffersenLRCC = kupiecLR + christoffersenLRInd
        christoffersenPCC = ChiSquared.survival(christoffersenLRCC, degreesOfFreedom: 2)
        trafficLight = TrafficLight(exceedances: n, observations: t, alpha: alpha)
        let z2 = AcerbiSzekely.z2(losses: losses, exceeded: exceeded, expectedShortfall: expectedShortfall, alpha: alpha)
        acerbiSzekelyZ2 = z2.isFinite ? z2 : nil
        let residuals = (0..<t).filter { exceeded[$0] }.map { i in
            (losses[i] - expectedShortfall[i]) / (scale?[i] ?? 1)
        }
        var notes: [String] = []
        if let mf = McNeilFrey.test(residuals: residuals) {
            mcneilFreyT = mf.statistic
            mcneilFreyP = mf.pValue
        } else {
            mcneilFreyT = nil
            mcneilFreyP = nil
            notes.append(n < 2 ? "McNeil–Frey needs at least 2 exceedances (got \(n))"
                               : "McNeil–Frey residuals are all equal: no t statistic")
        }
        if t < 2 { notes.append("Christoffersen independence needs at least 2 days") }
        if !z2.isFinite {
            let undefined = (0..<t).filter { exceeded[$0] && !(losses[$0] / expectedShortfall[$0]).isFinite }.count
            notes.append("Acerbi–Szekely Z2 is undefined: on \(undefined) exceedance day(s) the ES forecast was 0 "
                         + "(e.g. a window of stale prices forecasting no loss), so L/ES is infinite")
        }
        self.notes = notes
    }
}
