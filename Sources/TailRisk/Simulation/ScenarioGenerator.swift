/// Draws scenarios into a row-major block, each from its own key.
///
/// Scenario `j` draws every random number it needs (normals, χ², day
/// indices), in a fixed order, from `Xoshiro256PlusPlus(seed:scenario:)`
/// keyed by `j` (methods.md §7, "scenario `j` uses counter `j`"). Under
/// antithetic sampling scenario `2i + 1` is the mirror `−z` of scenario `2i`
/// and draws nothing. A scenario thus comes out the same whatever block,
/// thread or process draws it, and a tail scenario is regenerated from its
/// index alone in O(d·h) draws. Stream units of `rowsPerUnit` scenarios are
/// the granularity of work and of the BLAS blocks (`blockRows`), not of the
/// random numbers.
struct ScenarioGenerator: Sendable {
    /// Scenarios per stream unit: a constant of the result format (recorded in every result).
    static let rowsPerUnit = 4096

    /// Rows per correlation block inside a unit: equal parts of a unit of
    /// about `blockBytes` of scenario data each (1024 rows at 50 assets, 316
    /// at 200), even so that antithetic pairs stay together. A function of `d`
    /// only, so the `dtrmm` blocking, hence every last bit, does not depend on threads.
    static func blockRows(dimension d: Int) -> Int {
        let parts = max(1, (rowsPerUnit * max(d, 1) * 8 + blockBytes - 1) / blockBytes)
        let rows = (rowsPerUnit + parts - 1) / parts
        return rows + rows & 1
    }

    /// Target size of a correlation block (512 KiB): blocks that stay in the
    /// core's cache through draw, `dtrmm`, `expm1` and dot products ran fastest
    /// (design.md; on a 1 MiB L2, 512 KiB beat 1 MiB at 200 assets and tied at 50).
    static let blockBytes = 1 << 19

    let dimension: Int
    let seed: UInt64
    let antithetic: Bool
    let horizon: Int
    /// The fitted law that draws each scenario's random part.
    let law: any ScenarioLaw
    /// The mean over the horizon added after the correlation (`h μ` for normal and t).
    let horizonMean: [Double]
    /// The lower factor applied to the standardized draws, column-major `d × d`
    /// (`√h L` for normal, `√((ν − 2)/ν) L` for t); empty when the law draws
    /// log returns itself (bootstrap, FHS).
    let factor: [Double]
    /// The law's importance-sampling tilt (`TiltableLaw`), drawing every scenario instead of the law, or `nil`.
    let tilt: (any ImportanceTilt)?

    init(model: ScenarioModel, seed: UInt64, antithetic: Bool, tilt: (any ImportanceTilt)? = nil) {
        self.tilt = tilt
        dimension = model.dimension
        self.seed = seed
        self.antithetic = antithetic
        horizon = model.horizon
        law = model.law
        if let map = model.law.affine(horizon: model.horizon) {
            precondition(map.mean.count == dimension, "one mean per asset")
            horizonMean = map.mean
            factor = map.factor
        } else {
            horizonMean = [Double](repeating: 0, count: dimension)
            factor = []
        }
    }

    /// Whether scenarios need the correlation step (`r = h μ + F z`).
    var correlates: Bool { !factor.isEmpty }

    /// Draws scenarios `first ..< first + rows` into `block` (`rows × d`,
    /// row-major): standardized draws `z` for normal and Student-t (to be
    /// correlated by `correlate`), final log returns for bootstrap.
    /// `scratch` holds `d` doubles. Under antithetic sampling an odd row
    /// mirrors the row before it (drawn again when it lies outside the block).
    /// Under importance sampling the tilt draws each row and its likelihood
    /// ratio goes to `weights` (when given).
    /// - Complexity: O(rows · d · h) random draws.
    func draw(first: Int, rows: Int, into block: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
              weights: UnsafeMutablePointer<Double>? = nil) {
        let d = dimension
        if let tilt {
            for row in 0..<rows {
                var rng = Xoshiro256PlusPlus(seed: seed, scenario: UInt64(first + row))
                let w = tilt.draw(horizon: horizon, rng: &rng, into: block + row * d, scratch: scratch)
                weights?[row] = w
            }
            return
        }
        for row in 0..<rows {
            let j = first + row
            let out = block + row * d
            if antithetic && j & 1 == 1 {
                if row == 0 {
                    drawKeyed(j - 1, into: out, scratch: scratch)
                    for k in 0..<d { out[k] = -out[k] }
                } else {
                    for k in 0..<d { out[k] = -out[k - d] }
                }
            } else {
                drawKeyed(j, into: out, scratch: scratch)
            }
        }
    }

    /// The random part of scenario `key` alone, from `Xoshiro256PlusPlus(seed:scenario:)`.
    @inline(__always)
    private func drawKeyed(_ key: Int, into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        var rng = Xoshiro256PlusPlus(seed: seed, scenario: UInt64(key))
        law.draw(horizon: horizon, rng: &rng, into: out, scratch: scratch)
    }

    /// In place `r = h μ + F z` for every row of a drawn block, by one `dtrmm`.
    /// - Complexity: rows · d² flops.
    func correlate(_ block: UnsafeMutablePointer<Double>, rows: Int) {
        guard correlates else { return }
        let d = dimension
        factor.withUnsafeBufferPointer { f in
            BLAS.multiplyRowsByLowerTransposed(block, rows: rows, lower: f.baseAddress!, dimension: d)
        }
        horizonMean.withUnsafeBufferPointer { m in
            for row in 0..<rows {
                let r = block + row * d
                for j in 0..<d { r[j] += m[j] }
            }
        }
    }

    /// `(b, m)` of the linear shortcut: loss `= −(m + b·z)` with `b = Fᵀ V`, `m = h μ·V`.
    func linearShortcut(values: [Double]) -> (weights: [Double], meanPnL: Double) {
        let b = AffineMap.transposedProduct(factor: factor, values: values)
        var m = 0.0
        for i in 0..<dimension { m += horizonMean[i] * values[i] }
        return (b, m)
    }
}
