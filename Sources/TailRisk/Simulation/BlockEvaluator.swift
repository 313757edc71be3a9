import Foundation

/// Buffers one worker allocates once: a correlation block (`blockRows × d`),
/// a row of scratch, the losses of a whole unit and their likelihood ratios
/// (all 1 unless importance sampling writes them), and the payoff's own state.
final class Workspace {
    let block: UnsafeMutablePointer<Double>
    let blockRows: Int
    let scratch: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
    let weights: UnsafeMutablePointer<Double>
    /// The payoff's per-worker state (`Payoff.makeState`), made on first use.
    var payoffState: AnyObject?

    init(dimension d: Int) {
        blockRows = ScenarioGenerator.blockRows(dimension: d)
        block = .allocate(capacity: blockRows * d)
        scratch = .allocate(capacity: max(d, 1))
        losses = .allocate(capacity: ScenarioGenerator.rowsPerUnit)
        weights = .allocate(capacity: ScenarioGenerator.rowsPerUnit)
        weights.initialize(repeating: 1, count: ScenarioGenerator.rowsPerUnit)
    }

    deinit {
        block.deallocate()
        scratch.deallocate()
        losses.deallocate()
        weights.deallocate()
    }
}

/// Turns a stream unit into losses: draws each block, correlates it into log
/// returns and hands it to the payoff (`Payoff`: the portfolio loss, a
/// liquidation cascade).
///
/// When the payoff's loss is linear in the returns (`linearValues`, the
/// portfolio under linear P&L without per-asset losses) and the model
/// correlates normals, the shortcut `−(h μ·V + b·z)` with `b = Fᵀ V` skips the
/// `dtrmm` (one dot product per scenario).
struct BlockEvaluator: Sendable {
    let generator: ScenarioGenerator
    let payoff: any Payoff
    /// `(b, h μ·V)` when the linear shortcut applies.
    let shortcut: (weights: [Double], meanPnL: Double)?

    init(generator: ScenarioGenerator, payoff: any Payoff) {
        self.generator = generator
        self.payoff = payoff
        shortcut = generator.correlates ? payoff.linearValues.map { generator.linearShortcut(values: $0) } : nil
    }

    init(generator: ScenarioGenerator, values: [Double], pnl: PnLModel, perAssetLosses: Bool) {
        self.init(generator: generator, payoff: PortfolioPayoff(values: values, pnl: pnl, perAssetLosses: perAssetLosses))
    }

    /// The portfolio's position values (Euler allocation; empty for another payoff).
    var values: [Double] { (payoff as? PortfolioPayoff)?.values ?? [] }
    /// The portfolio's P&L model (Euler allocation).
    var pnl: PnLModel { (payoff as? PortfolioPayoff)?.pnl ?? .exact }

    /// Evaluates the first `rows` scenarios of `unit` and writes their
    /// losses to `workspace.losses`; offers the payoff's extra quantities to
    /// `assetTails` when given (indices are global scenario indices) and adds
    /// to `record` (the unit's record, `payoff.recordWidth(rows:)` doubles).
    /// Works through the unit in blocks of `blockRows` rows, each drawn,
    /// correlated and revalued while it is in cache.
    /// - Complexity: O(rows · d²) for the correlation, plus the payoff's cost.
    func evaluate(unit: Int, rows: Int, workspace w: Workspace, assetTails: inout [TailBuffer]?,
                  record: UnsafeMutablePointer<Double>? = nil) {
        let first = unit * ScenarioGenerator.rowsPerUnit
        if w.payoffState == nil { w.payoffState = payoff.makeState() }
        var start = 0
        while start < rows {
            let m = min(w.blockRows, rows - start)
            evaluate(first: first + start, rows: m, losses: w.losses + start, weights: w.weights + start, workspace: w,
                     assetTails: &assetTails, record: record)
            start += m
        }
    }

    /// One block: scenarios `first ..< first + rows`, losses to `losses`.
    private func evaluate(first: Int, rows: Int, losses: UnsafeMutablePointer<Double>,
                          weights: UnsafeMutablePointer<Double>, workspace w: Workspace,
                          assetTails: inout [TailBuffer]?, record: UnsafeMutablePointer<Double>?) {
        let d = generator.dimension
        generator.draw(first: first, rows: rows, into: w.block, scratch: w.scratch, weights: weights)
        if let (b, m) = shortcut {
            b.withUnsafeBufferPointer { bp in
                for row in 0..<rows { losses[row] = -(m + dot(bp.baseAddress!, w.block + row * d, count: d)) }
            }
            return
        }
        generator.correlate(w.block, rows: rows)
        payoff.evaluate(returns: w.block, rows: rows, first: first, losses: losses, state: w.payoffState,
                        tails: &assetTails, record: record)
    }
}

/// `Σ a_k b_k` with four interleaved partial sums (a fixed order, so the
/// result is reproducible; four chains instead of one long dependency).
/// - Complexity: O(count).
@inline(__always)
func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var k = 0
    while k + 4 <= count {
        s0 += a[k] * b[k]
        s1 += a[k + 1] * b[k + 1]
        s2 += a[k + 2] * b[k + 2]
        s3 += a[k + 3] * b[k + 3]
        k += 4
    }
    while k < count {
        s0 += a[k] * b[k]
        k += 1
    }
    return (s0 + s1) + (s2 + s3)
}
