/// One of the largest-loss scenarios, regenerated from its key.
public struct TailScenario: Sendable, Equatable {
    /// Global scenario index `j = unit · streamUnit + offset`, the key of its random numbers.
    public let index: Int
    /// The portfolio loss as the simulation ranked it.
    public let loss: Double
    /// Each asset's P&L in this scenario (`V_i (e^{r_i} − 1)`, or `V_i r_i` under linear P&L).
    public let assetPnL: [Double]
    /// Each asset's log return over the horizon.
    public let returns: [Double]
    /// The scenario's importance-sampling likelihood ratio `dP/dQ` (1 without importance sampling).
    public var weight: Double = 1
}

/// Everything one simulation produces.
public struct SimulationResult: Sendable {
    /// Scenarios simulated (more than asked when `targetPrecision` added units).
    public let scenarios: Int
    /// Scenarios per stream unit, the unit of work and of adaptive stopping.
    /// The random numbers are keyed per scenario: scenario `j` draws from
    /// `Xoshiro256PlusPlus(seed: seed, scenario: j)` (under antithetic sampling
    /// scenario `2i + 1` mirrors `2i`), so `(seed, j)` alone reproduces it.
    public let streamUnit: Int
    /// The seed of the run.
    public let seed: UInt64
    /// Portfolio estimates, one per level in the order asked, method `.monteCarlo`,
    /// with VaR interval, ES standard error and Euler ES contributions.
    public let estimates: [RiskEstimate]
    /// Each asset's own estimates `[asset][level]` when `standalone` was asked.
    public let standalone: [[RiskEstimate]]?
    /// The `tailScenariosToExport` largest losses, largest first.
    public let tail: [TailScenario]
    /// The histogram of all portfolio losses when `histogramBins > 0`.
    public let histogram: LossHistogram?
    /// Wall-clock seconds of the run.
    public let seconds: Double
    /// Whether `targetPrecision` was met at every level (nil when not asked).
    public let precisionReached: Bool?
    /// Per level, `(SE_plain / SE)²` under importance sampling: §4's plain SE(ES)
    /// at the weighted estimates over the batch-means SE (methods.md §10); nil otherwise.
    public var varianceReductionFactors: [Double]? = nil
    /// The tilt importance sampling drew from (`ImportanceTilt.summary`); nil otherwise.
    public var importanceTilt: String? = nil
}
