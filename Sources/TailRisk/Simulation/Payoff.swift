/// What the engine evaluates in each scenario (design.md "The engine";
/// issue 22: one engine for every payoff).
///
/// The engine draws scenario `j` from its key, correlates a block of rows into
/// log returns `r = h μ + F z` (`ScenarioGenerator`) and hands the block to the
/// payoff, which writes one loss per scenario and may keep
/// - *extra tails*: further per-scenario quantities ranked in their own
///   bounded `TailBuffer`s (each asset's own loss for standalone haircuts, a
///   cascade's liquidated value), merged exactly like the loss tail;
/// - a *unit record*: a vector of doubles per stream unit (sums, counts, the
///   unit's samples), kept per unit and folded in unit order by the payoff
///   at the end, so every figure is the same bit for bit however the units
///   were split over threads, shard files or MPI ranks.
///
/// Two payoffs exist: the portfolio loss (`PortfolioPayoff`, the loss of
/// `var`, `simulate`, `haircut`) and the liquidation cascade
/// (`CascadePayoff`). Options and perpetuals revalued per scenario would be a
/// third. The protocol is internal while its buffers are; a payoff costs one
/// file.
protocol Payoff: Sendable {
    /// Quantities ranked in their own tails besides the loss.
    var extraTails: Int { get }
    /// Doubles of the record a unit of `rows` scenarios keeps (0: none).
    func recordWidth(rows: Int) -> Int
    /// `V` when the loss is `−V·r` exactly: the engine may then skip the
    /// correlation and compute `−(h μ·V + (FᵀV)·z)` (one dot product a row).
    var linearValues: [Double]? { get }
    /// Exposures per asset for the settings' checks (gross size, importance tilt).
    var values: [Double] { get }
    /// Bytes that tell this payoff's runs apart in the run fingerprint (empty for the portfolio).
    var fingerprintTag: [UInt8] { get }
    /// Per-worker mutable state (buffers), made once per worker; nil when none is needed.
    func makeState() -> AnyObject?
    /// Writes the losses of the `rows` scenarios `first ..< first + rows`, whose
    /// log returns are the rows of `returns` (`rows × d`, row-major; the payoff
    /// may overwrite them), offers the extra quantities to `tails` (when given)
    /// and adds to `record` (the unit's record, when the payoff keeps one).
    func evaluate(returns: UnsafeMutablePointer<Double>, rows: Int, first: Int, losses: UnsafeMutablePointer<Double>,
                  state: AnyObject?, tails: inout [TailBuffer]?, record: UnsafeMutablePointer<Double>?)
}

/// The portfolio loss: `L = −Σ_i V_i expm1(r_i)` (exact P&L, `fastExpm1`) or
/// `L = −Σ_i V_i r_i` (linear), with each asset's own loss `−V_i expm1(r_i)`
/// (`−V_i r_i`) in its extra tail under `standalone` (methods.md §4, §7).
/// - Complexity: O(rows · d) per block after the correlation.
struct PortfolioPayoff: Payoff {
    let values: [Double]
    let pnl: PnLModel
    /// Whether each asset's own loss is ranked (standalone haircuts).
    let perAssetLosses: Bool

    var extraTails: Int { perAssetLosses ? values.count : 0 }
    func recordWidth(rows: Int) -> Int { 0 }
    var linearValues: [Double]? { pnl == .linear && !perAssetLosses ? values : nil }
    var fingerprintTag: [UInt8] { [] }
    func makeState() -> AnyObject? { nil }

    func evaluate(returns: UnsafeMutablePointer<Double>, rows: Int, first: Int, losses: UnsafeMutablePointer<Double>,
                  state: AnyObject?, tails assetTails: inout [TailBuffer]?, record: UnsafeMutablePointer<Double>?) {
        let d = values.count
        // The block holds r; turn it into the per-unit P&L e^r − 1 (exact) or keep r (linear).
        if pnl == .exact { fastExpm1InPlace(returns, count: rows * d) }
        values.withUnsafeBufferPointer { v in
            for row in 0..<rows { losses[row] = -dot(v.baseAddress!, returns + row * d, count: d) }
            guard var tails = assetTails else { return }
            assetTails = nil  // keep `tails` uniquely referenced
            tails.withUnsafeMutableBufferPointer { t in
                for row in 0..<rows {
                    let g = returns + row * d
                    for j in 0..<d { t[j].offer(loss: -v[j] * g[j], index: first + row) }
                }
            }
            assetTails = tails
        }
    }
}
