import Foundation

/// Mean-shift importance sampling of normal draws (methods.md §10;
/// Glasserman, Heidelberger & Shahabuddin 2000): draw `z ~ N(θ, I)` instead
/// of `N(0, I)`, with `θ = z_c · e` along the unit loss direction
/// `e = −b/|b|`, `z_c = Φ⁻¹(c)` (0 for `c ≤ 1/2`), and weigh the draw by
/// `w = φ(z)/φ(z − θ) = exp(−θᵀz + |θ|²/2)`.
///
/// For the linear-normal P&L the projected draw `u = eᵀz` is `N(z_c, 1)`
/// under the shift, so half the scenarios land beyond the VaR at `c`. With
/// several confidences the shift is an equal mixture of `θ_k = z_k e`, one
/// per level: a draw picks `k` (its first random number), and since every
/// `θ_k` lies along `e`, `w = 1 / Σ_k π_k exp(z_k u − z_k²/2)`.
/// - Complexity: `d` normals and `d` (one level) or `2d` multiply-adds per draw.
public struct MeanShiftTilt: ImportanceTilt {
    /// The shift `θ` of the first component (one entry per normal of a draw).
    public let shift: [Double]
    /// `z_k` of each component, ascending.
    public let levels: [Double]
    let direction: [Double]
    let halfNormSquared: Double
    /// `ln π_k = −ln K` of each component.
    let logShare: Double

    /// - Parameters:
    ///   - direction: `b = Fᵀ V`, losses growing along `−b`.
    ///   - confidences: the confidences whose VaRs the components aim at.
    ///   - steps: days summed per scenario, each drawn and shifted on its own
    ///     (`z_k/√steps` each; 1 for the normal law, whose `h` days are one draw).
    public init(direction b: [Double], confidences: [Double], steps: Int = 1) throws {
        let (e, norm) = try TiltDirection.unit(b)
        let root = Double(max(steps, 1)).squareRoot()
        levels = confidences.map { max(0, Normal.quantile($0)) / root }
        let zc = levels[0]
        shift = b.map { -zc * $0 / norm }
        direction = e
        halfNormSquared = 0.5 * shift.reduce(0) { $0 + $1 * $1 }
        logShare = -log(Double(levels.count))
    }

    public var summary: String {
        let sizes = levels.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        let kind = levels.count == 1 ? "mean shift |θ| = \(sizes)" : "equal mixture of mean shifts |θ| = \(sizes) (balance heuristic)"
        return "\(kind) along −Fᵀ V (Glasserman, Heidelberger & Shahabuddin 2000)"
    }

    @inline(__always)
    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = shift.count
        if levels.count == 1 {
            rng.fillNormals(out, count: d)
            return shift.withUnsafeBufferPointer { t in
                for k in 0..<d { out[k] += t[k] }
                var s = 0.0
                for k in 0..<d { s += t[k] * out[k] }
                return exp(halfNormSquared - s)
            }
        }
        let zk = levels[TiltDirection.component(of: levels.count, rng: &rng)]
        rng.fillNormals(out, count: d)
        let u = TiltDirection.shift(out, by: zk, along: direction, count: d)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: levels.count) { a in
            for (k, z) in levels.enumerated() { a[k] = logShare + z * u - 0.5 * z * z }
            return exp(TiltDirection.negativeLogSumExp(UnsafeBufferPointer(a)))
        }
    }

    /// `Σ_k π_k Φ(z_k − z_min + 1/2)`: the tilted probability that `u` exceeds the
    /// lowest level's quantile, with half a standard deviation of margin for the
    /// batch groups' own VaRs and for exact P&L.
    public func keptFraction(lowest: Double) -> Double {
        keptFraction(lowest: lowest, steps: 1)
    }

    /// Over `steps` shifted days the sum's projection is `N(√steps · z_k, 1)` in units of its own spread.
    func keptFraction(lowest: Double, steps: Int) -> Double {
        let zmin = Normal.quantile(lowest), root = Double(max(steps, 1)).squareRoot()
        let margin = steps > 1 ? 1.0 : 0.5
        return levels.reduce(0) { $0 + Normal.cdf(root * $1 - zmin + margin) } / Double(levels.count)
    }
}

extension NormalLaw: TiltableLaw {
    /// The mean shift along `−(√h L)ᵀ V` (one draw of `d` normals per scenario, whatever `h`).
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let map = affine(horizon: horizon)!
        return try MeanShiftTilt(direction: map.lossDirection(values: values), confidences: confidences)
    }
}
