import Foundation

/// Buffers one worker allocates once: a correlation block (`blockRows × d`),
/// a row of scratch, the losses of a whole unit and their likelihood ratios
/// (all 1 unless importance sampling writes them).
final class Workspace {
    let block: UnsafeMutablePointer<Double>
    let blockRows: Int
    let scratch: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
    let weights: UnsafeMutablePointer<Double>

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

/// Turns a stream unit into portfolio losses (and each asset's own loss).
///
/// Exact P&L: asset loss `a_i = −V_i expm1(r_i)` (`fastExpm1`), portfolio loss `−Σ_i V_i expm1(r_i)`.
/// Linear P&L: `a_i = −V_i r_i`; when no per-asset loss is needed and the
/// model correlates normals, the shortcut `−(h μ·V + b·z)` with `b = Fᵀ V`
/// skips the `dtrmm` (one dot product per scenario).
struct BlockEvaluator: Sendable {
    let generator: ScenarioGenerator
    let values: [Double]
    let pnl: PnLModel
    /// `(b, h μ·V)` when the linear shortcut applies.
    let shortcut: (weights: [Double], meanPnL: Double)?

    init(generator: ScenarioGenerator, values: [Double], pnl: PnLModel, perAssetLosses: Bool) {
        self.generator = generator
        self.values = values
        self.pnl = pnl
        shortcut = pnl == .linear && !perAssetLosses && generator.correlates
            ? generator.linearShortcut(values: values) : nil
    }

    /// Evaluates the first `rows` scenarios of `unit` and writes their
    /// portfolio losses to `workspace.losses`; offers each asset's loss to
    /// `assetTails` when given (indices are global scenario indices). Works
    /// through the unit in blocks of `blockRows` rows, each drawn, correlated
    /// and revalued while it is in cache.
    /// - Complexity: O(rows · d²) for the correlation, O(rows · d) otherwise.
    func evaluate(unit: Int, rows: Int, workspace w: Workspace, assetTails: inout [TailBuffer]?) {
        let first = unit * ScenarioGenerator.rowsPerUnit
        var start = 0
        while start < rows {
            let m = min(w.blockRows, rows - start)
            evaluate(first: first + start, rows: m, losses: w.losses + start, weights: w.weights + start, workspace: w,
                     assetTails: &assetTails)
            start += m
        }
    }

    /// One block: scenarios `first ..< first + rows`, losses to `losses`.
    private func evaluate(first: Int, rows: Int, losses: UnsafeMutablePointer<Double>,
                          weights: UnsafeMutablePointer<Double>, workspace w: Workspace,
                          assetTails: inout [TailBuffer]?) {
        let d = generator.dimension
        generator.draw(first: first, rows: rows, into: w.block, scratch: w.scratch, weights: weights)
        if let (b, m) = shortcut {
            b.withUnsafeBufferPointer { bp in
                for row in 0..<rows { losses[row] = -(m + dot(bp.baseAddress!, w.block + row * d, count: d)) }
            }
            return
        }
        generator.correlate(w.block, rows: rows)
        // The block now holds r; turn it into the per-unit P&L e^r − 1 (exact) or keep r (linear).
        if pnl == .exact { fastExpm1InPlace(w.block, count: rows * d) }
        values.withUnsafeBufferPointer { v in
            for row in 0..<rows { losses[row] = -dot(v.baseAddress!, w.block + row * d, count: d) }
            guard var tails = assetTails else { return }
            assetTails = nil  // keep `tails` uniquely referenced
            tails.withUnsafeMutableBufferPointer { t in
                for row in 0..<rows {
                    let g = w.block + row * d
                    for j in 0..<d { t[j].offer(loss: -v[j] * g[j], index: first + row) }
                }
            }
            assetTails = tails
        }
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
