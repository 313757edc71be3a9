/// Draws the scenarios of one stream unit into a row-major block.
///
/// Stream unit `u` holds scenarios `u·rowsPerUnit ..< (u+1)·rowsPerUnit` and
/// draws every random number they need (normals, χ², day indices) from
/// `Xoshiro256PlusPlus(seed:unit:)` in a fixed order, row by row. Drawing the
/// first `m` rows of a unit gives the same numbers whether or not the rest of
/// the unit is drawn, which is what lets the tail scenarios be regenerated
/// from their keys `(unit, offset)`.
struct ScenarioGenerator: Sendable {
    /// Scenarios per stream unit: a constant of the result format (recorded in every result).
    static let rowsPerUnit = 4096

    let dimension: Int
    let seed: UInt64
    let antithetic: Bool
    let horizon: Int
    let kind: Kind
    /// The mean over the horizon, `h μ` (zero for bootstrap).
    let horizonMean: [Double]
    /// The lower factor applied to the standardized draws, column-major `d × d`:
    /// `√h L` (normal) or `√((ν − 2)/ν) L` (Student-t); empty for bootstrap.
    let factor: [Double]

    enum Kind: Sendable {
        case normal
        case studentT(nu: Double)
        /// The history in row-major order (`days × d`).
        case bootstrap(days: Int, rows: [Double])
    }

    init(model: ScenarioModel, seed: UInt64, antithetic: Bool) {
        let d = model.dimension
        dimension = d
        self.seed = seed
        self.antithetic = antithetic
        horizon = model.horizon
        let h = Double(model.horizon)
        switch model.distribution {
        case .normal:
            kind = .normal
            horizonMean = model.mean.map { $0 * h }
            factor = model.factor.storage.map { $0 * h.squareRoot() }
        case let .studentT(nu):
            kind = .studentT(nu: nu)
            horizonMean = model.mean.map { $0 * h }
            factor = model.factor.storage.map { $0 * ((nu - 2) / nu).squareRoot() }
        case let .bootstrap(history):
            var rows = [Double](repeating: 0, count: history.rows * d)
            for i in 0..<history.rows { for j in 0..<d { rows[i * d + j] = history[i, j] } }
            kind = .bootstrap(days: history.rows, rows: rows)
            horizonMean = [Double](repeating: 0, count: d)
            factor = []
        }
        if !factor.isEmpty {
            precondition(model.factor.rows == d && model.factor.cols == d, "factor must be d × d")
            precondition(model.mean.count == d, "one mean per asset")
        }
    }

    /// Whether scenarios need the correlation step (`r = h μ + F z`).
    var correlates: Bool { !factor.isEmpty }

    /// Draws the first `rows` scenarios of `unit` into `block` (`rows × d`,
    /// row-major): standardized draws `z` for normal and Student-t (to be
    /// correlated by `correlate`), final log returns for bootstrap.
    /// `scratch` holds `d` doubles. With `keeping` (sorted offsets) only those
    /// rows are written; the others are skipped by advancing the stream exactly
    /// as drawing them would (`skipNormals`), which is how tail scenarios are
    /// regenerated from their keys.
    /// - Complexity: O(rows · d · h) random draws.
    func draw(unit: Int, rows: Int, into block: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
              keeping kept: [Int]? = nil) {
        var rng = Xoshiro256PlusPlus(seed: seed, unit: UInt64(unit))
        let d = dimension
        if kept == nil, case .normal = kind, !antithetic {
            rng.fillNormals(block, count: rows * d)
            return
        }
        let step = antithetic ? 2 : 1
        var cursor = 0
        var row = 0
        while row < rows {
            var needed = true
            if let kept {
                while cursor < kept.count && kept[cursor] < row { cursor += 1 }
                needed = cursor < kept.count && kept[cursor] < row + step
            }
            let out = block + row * d
            switch kind {
            case .normal:
                if needed { rng.fillNormals(out, count: d) } else { rng.skipNormals(count: d) }
            case let .studentT(nu):
                for s in 0..<horizon {
                    if needed { rng.fillNormals(scratch, count: d) } else { rng.skipNormals(count: d) }
                    let scale = (nu / rng.nextChiSquared(degreesOfFreedom: nu)).squareRoot()
                    guard needed else { continue }
                    if s == 0 {
                        for j in 0..<d { out[j] = scale * scratch[j] }
                    } else {
                        for j in 0..<d { out[j] += scale * scratch[j] }
                    }
                }
            case let .bootstrap(days, history):
                history.withUnsafeBufferPointer { hp in
                    for s in 0..<horizon {
                        let day = hp.baseAddress! + rng.nextIndex(below: days) * d
                        guard needed else { continue }
                        if s == 0 {
                            for j in 0..<d { out[j] = day[j] }
                        } else {
                            for j in 0..<d { out[j] += day[j] }
                        }
                    }
                }
            }
            if needed && antithetic && row + 1 < rows {
                let mirror = out + d
                for j in 0..<d { mirror[j] = -out[j] }
            }
            row += step
        }
    }

    /// In place `r = h μ + F z` for every row of a drawn block, by one `dtrmm`.
    /// - Complexity: rows · d² flops.
    func correlate(_ block: UnsafeMutablePointer<Double>, rows: Int) {
        guard correlates else { return }
        let d = dimension
        factor.withUnsafeBufferPointer { f in
            BLAS.multiplyRowsByLowerTransposed(block, rows: rows, lower: f.baseAddress!, dimension: d)
        }
        for row in 0..<rows {
            let r = block + row * d
            for j in 0..<d { r[j] += horizonMean[j] }
        }
    }

    /// `r = h μ + F z` for a single drawn row, by a scalar triangular product
    /// (used when regenerating tail scenarios; equal to `correlate` up to rounding).
    /// - Complexity: d²/2 flops.
    func correlatedRow(_ z: UnsafePointer<Double>) -> [Double] {
        let d = dimension
        guard correlates else { return Array(UnsafeBufferPointer(start: z, count: d)) }
        var r = horizonMean
        for j in 0..<d {
            let zj = z[j]
            for i in j..<d { r[i] += factor[i + j * d] * zj }
        }
        return r
    }

    /// `(b, m)` of the linear shortcut: loss `= −(m + b·z)` with `b = Fᵀ V`, `m = h μ·V`.
    func linearShortcut(values: [Double]) -> (weights: [Double], meanPnL: Double) {
        let d = dimension
        var b = [Double](repeating: 0, count: d)
        for j in 0..<d {
            var s = 0.0
            for i in j..<d { s += factor[i + j * d] * values[i] }
            b[j] = s
        }
        var m = 0.0
        for i in 0..<d { m += horizonMean[i] * values[i] }
        return (b, m)
    }
}
