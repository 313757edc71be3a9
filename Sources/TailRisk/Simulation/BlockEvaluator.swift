import Foundation

/// Buffers one worker allocates once: a scenario block, a row of scratch and the block's losses.
final class Workspace {
    let block: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>

    init(dimension d: Int) {
        block = .allocate(capacity: ScenarioGenerator.rowsPerUnit * d)
        scratch = .allocate(capacity: max(d, 1))
        losses = .allocate(capacity: ScenarioGenerator.rowsPerUnit)
    }

    deinit {
        block.deallocate()
        scratch.deallocate()
        losses.deallocate()
    }
}

/// Turns a stream unit into portfolio losses (and each asset's own loss).
///
/// Exact P&L: asset loss `a_i = −V_i expm1(r_i)`, portfolio loss `Σ_i a_i`.
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

    /// Draws the first `rows` scenarios of `unit` and writes their portfolio
    /// losses to `workspace.losses`; offers each asset's loss to `assetTails`
    /// when given (indices are global scenario indices).
    /// - Complexity: O(rows · d²) for the correlation, O(rows · d) otherwise.
    func evaluate(unit: Int, rows: Int, workspace w: Workspace, assetTails: inout [TailBuffer]?) {
        let d = generator.dimension
        generator.draw(unit: unit, rows: rows, into: w.block, scratch: w.scratch)
        if let (b, m) = shortcut {
            for row in 0..<rows {
                let z = w.block + row * d
                var s = m
                for j in 0..<d { s += b[j] * z[j] }
                w.losses[row] = -s
            }
            return
        }
        generator.correlate(w.block, rows: rows)
        let first = unit * ScenarioGenerator.rowsPerUnit
        for row in 0..<rows {
            let r = w.block + row * d
            var loss = 0.0
            for j in 0..<d {
                let a = assetLoss(j, r[j])
                loss += a
                assetTails?[j].offer(loss: a, index: first + row)
            }
            w.losses[row] = loss
        }
    }

    /// `−V_i expm1(r_i)` (exact) or `−V_i r_i` (linear).
    @inline(__always)
    func assetLoss(_ i: Int, _ r: Double) -> Double {
        pnl == .exact ? -values[i] * expm1(r) : -values[i] * r
    }
}
