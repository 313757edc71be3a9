import Dispatch

/// What every backend evaluating one Monte Carlo run agrees on before the
/// first unit is drawn (design.md "The engine has a backend").
///
/// A run is `plan → evaluate(units) → TailAccumulator → merge → estimate →
/// regenerate the tail`. The plan fixes what must not depend on who
/// evaluates which units: the scenario evaluator (model, basket, seed, P&L),
/// where the last unit is cut, the tail capacity (sized for the largest
/// scenario count the run can reach), and the histogram bins (from the pilot
/// losses of unit 0; none under importance sampling), and, under importance
/// sampling, the law's tilt and the tail capacity of `ImportanceTilting`. Unit `u` then holds scenarios
/// `u·streamUnit ..< u·streamUnit + rows(unit: u)` whatever thread, process
/// or shard evaluates it, so any split of the units merges to the same bytes.
///
/// - Complexity: O(streamUnit · d²) for the histogram pilot (one unit) and
///   O(fingerprintRows · d²) for the fingerprint; nothing else until a backend runs.
public struct SimulationPlan: Sendable {
    let evaluator: BlockEvaluator
    public let levels: [ConfidenceLevel]
    public let settings: SimulationSettings
    /// Scenarios of the first round: all of them without `targetPrecision`,
    /// else `settings.scenarios` rounded up to whole units.
    public let initialScenarios: Int
    /// No scenario at or beyond this index is drawn: `settings.scenarios`, or the
    /// cap (`maxScenarios` in whole units) under `targetPrecision`.
    public let scenarioLimit: Int
    /// Entries each tail keeps (the VaR rank and interval at the largest count, or the exported tail).
    public let capacity: Int
    /// Empty histogram with the pilot's bins, when `histogramBins > 0`.
    let histogram: LossHistogram?
    /// The BLAS kernel the run evaluates with (`BLAS.kernel`); last bits may differ across kernels.
    public let kernel: String
    /// A digest of everything the accumulated values depend on (see `fingerprint(...)`).
    public let fingerprint: UInt64
    /// Start of the run, for `SimulationResult.seconds`.
    let started: UInt64

    /// Scenarios per stream unit.
    public static let streamUnit = ScenarioGenerator.rowsPerUnit
    /// Leading scenarios evaluated for the fingerprint.
    static let fingerprintRows = 32

    /// Validates the settings and fixes the plan.
    /// - Throws: `TailRiskError.invalidParameter` for unusable settings, naming the quantity.
    public init(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel], settings: SimulationSettings) throws {
        try self.init(model: model, payoff: PortfolioPayoff(values: values, pnl: settings.pnl,
                                                            perAssetLosses: settings.standalone),
                      levels: levels, settings: settings)
    }

    /// The plan of a run of `payoff` (`Payoff`): the portfolio loss, or a cascade.
    init(model: ScenarioModel, payoff: any Payoff, levels: [ConfidenceLevel], settings: SimulationSettings) throws {
        let values = payoff.values
        try settings.validate(model: model, values: values, levels: levels)
        started = DispatchTime.now().uptimeNanoseconds
        let unit = Self.streamUnit
        let adaptive = settings.targetPrecision != nil
        initialScenarios = adaptive ? roundUp(settings.scenarios, to: unit) : settings.scenarios
        scenarioLimit = adaptive ? max(initialScenarios, settings.maxScenarios / unit * unit) : settings.scenarios
        let tilt = try settings.importanceTilt(model: model, values: values, levels: levels)
        let limit = scenarioLimit
        let kept = tilt.map { ImportanceTilting.capacity($0, levels: levels, scenarios: limit) }
            ?? TailEstimator.capacity(levels: levels, scenarios: limit)
        capacity = max(kept, min(settings.tailScenariosToExport, scenarioLimit))
        self.levels = levels
        self.settings = settings
        let generator = ScenarioGenerator(model: model, seed: settings.seed, antithetic: settings.antithetic, tilt: tilt)
        evaluator = BlockEvaluator(generator: generator, payoff: payoff)
        let w = Workspace(dimension: model.dimension)
        var none: [TailBuffer]? = nil
        // A scratch record for the pilots (a payoff that keeps unit records writes one).
        let width = payoff.recordWidth(rows: Self.streamUnit)
        let record: UnsafeMutablePointer<Double>? = width > 0 ? .allocate(capacity: width) : nil
        record?.initialize(repeating: 0, count: width)
        defer { record?.deallocate() }
        // Under importance sampling the counts would be of the shifted law: no histogram.
        if settings.histogramBins > 0 && !settings.importanceSampling {
            let rows = min(unit, initialScenarios)
            evaluator.evaluate(unit: 0, rows: rows, workspace: w, assetTails: &none, record: record)
            histogram = LossHistogram(bins: settings.histogramBins,
                                      pilot: UnsafeBufferPointer(start: w.losses, count: rows)).emptied
        } else {
            histogram = nil
        }
        kernel = BLAS.kernel
        let rows = min(Self.fingerprintRows, scenarioLimit)
        record?.update(repeating: 0, count: width)
        evaluator.evaluate(unit: 0, rows: rows, workspace: w, assetTails: &none, record: record)
        fingerprint = Self.fingerprint(settings: settings, values: values, tag: payoff.fingerprintTag, horizon: model.horizon,
                                       dimension: model.dimension, limit: scenarioLimit, initial: initialScenarios,
                                       capacity: capacity, histogram: histogram,
                                       pilot: UnsafeBufferPointer(start: w.losses, count: rows))
    }

    /// Number of assets.
    public var dimension: Int { evaluator.generator.dimension }

    /// Units the run can reach: all of them without `targetPrecision`, the cap's under it.
    public var unitCount: Int { (scenarioLimit + Self.streamUnit - 1) / Self.streamUnit }

    /// Scenarios of unit `u` (the last unit of a fixed run may be cut short).
    public func rows(unit u: Int) -> Int { min(Self.streamUnit, scenarioLimit - u * Self.streamUnit) }

    /// Scenarios in `units`.
    public func scenarios(in units: Range<Int>) -> Int {
        units.isEmpty ? 0 : max(0, min(scenarioLimit, units.upperBound * Self.streamUnit) - units.lowerBound * Self.streamUnit)
    }

    /// An accumulator of no unit, with this plan's capacity, bins, kernel and fingerprint.
    public func emptyAccumulator() -> TailAccumulator {
        TailAccumulator(capacity: capacity, assets: evaluator.payoff.extraTails, histogram: histogram,
                        kernel: kernel, fingerprint: fingerprint, weighted: settings.importanceSampling,
                        recorded: evaluator.payoff.recordWidth(rows: Self.streamUnit) > 0)
    }

    /// The first 8 bytes (little-endian) of the SHA-256 of the plan's parameters
    /// and of the bit patterns of the losses of its first `fingerprintRows`
    /// scenarios: shards of one run share it; a different model, basket,
    /// seed, law or scenario count almost surely changes it.
    static func fingerprint(settings s: SimulationSettings, values: [Double], tag: [UInt8], horizon: Int, dimension: Int, limit: Int,
                            initial: Int, capacity: Int, histogram: LossHistogram?,
                            pilot: UnsafeBufferPointer<Double>) -> UInt64 {
        var bytes = Array("TailRisk run 1".utf8)
        func put(_ x: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
        for x in [Self.streamUnit, dimension, horizon, limit, initial, capacity, s.standalone ? 1 : 0,
                  s.antithetic ? 1 : 0, s.pnl == .exact ? 1 : 0, histogram?.counts.count ?? 0] { put(UInt64(x)) }
        put(s.seed)
        put(s.targetPrecision?.bitPattern ?? 0)
        put(histogram?.lowerBound.bitPattern ?? 0)
        put(histogram?.binWidth.bitPattern ?? 0)
        if s.importanceSampling { bytes += Array("importance".utf8) }
        bytes += tag
        for v in values { put(v.bitPattern) }
        for l in pilot { put(l.bitPattern) }
        let digest = SHA256.digest(bytes)
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(digest[$1]) << (8 * UInt64($1)) }
    }
}
