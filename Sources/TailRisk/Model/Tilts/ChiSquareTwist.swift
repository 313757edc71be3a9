import Foundation

/// Importance sampling of a normal variance mixture `X = Z √(ν/Y)`,
/// `Z ~ N(0, I)`, `Y ~ χ²_ν` (the multivariate t), by twisting `Z` and the
/// χ² mixing variable together (methods.md §10; Glasserman, Heidelberger &
/// Shahabuddin 2002, "Portfolio value-at-risk with heavy-tailed risk factors").
///
/// With `e` the unit loss direction and `T = eᵀX ~ t_ν`, the event
/// `{T > q}` is `{L_q > 0}` for `L_q = √(Y/ν) eᵀZ − qY/ν`. Twisting by
/// `exp(θ L_q − ψ(θ))`, `ψ(θ) = −(ν/2) ln(1 − (θ²/2 − θq)·2/ν)` (the
/// χ² moment generating function), at the `θ = q` that minimizes `ψ`
/// gives, with `κ = 1 + q²/ν`:
/// - `Y ~ χ²_ν / κ` (smaller `Y`: heavier scenarios),
/// - `Z | Y ~ N(q √(Y/ν) e, I)`, so `X = G √(ν/Y) + q e` for raw normals `G`,
/// - `dQ/dP = exp(q √(Y/ν) u − q²Y/ν) · κ^{ν/2}` with `u = eᵀZ`, and under
///   the twist `T = q + √κ · t_ν`; the weight `dP/dQ` is at most `κ^{−ν/2}` on `{T > q}`.
/// With several confidences each day draws from an equal mixture of the
/// twists at `q_k = t_ν⁻¹(c_k)` and is weighed by the balance heuristic
/// `1 / Σ_k π_k dQ_k/dP`. Over `h` steps each day is twisted with `q_k/√h`
/// and the weights multiply.
/// - Complexity: per day `d` normals, one χ² draw, `2d` multiply-adds and `K + 1` `exp`.
public struct ChiSquareTwist: Sendable {
    /// The unit loss direction `e` in the space of the normals.
    public let direction: [Double]
    public let degreesOfFreedom: Double
    /// `q_k`: the t quantiles the components aim at, ascending.
    public let levels: [Double]
    /// `q_k/√h`, the twist of each day.
    let daily: [Double]
    /// `κ_k = 1 + (q_k/√h)²/ν`.
    let kappa: [Double]
    /// `ln π_k + (ν/2) ln κ_k`: the constant of each component's `ln dQ_k/dP`.
    let logConstant: [Double]

    /// - Parameters:
    ///   - direction: `b`, losses growing along `−b` (normalized here).
    ///   - confidences: the confidences whose VaRs the components aim at.
    public init(direction b: [Double], degreesOfFreedom nu: Double, confidences: [Double], horizon h: Int) throws {
        direction = try TiltDirection.unit(b).e
        degreesOfFreedom = nu
        levels = confidences.map { max(0, StudentT.quantile($0, degreesOfFreedom: nu)) }
        let root = Double(max(h, 1)).squareRoot()
        daily = levels.map { $0 / root }
        kappa = daily.map { 1 + $0 * $0 / nu }
        let share = log(Double(confidences.count))
        logConstant = kappa.map { 0.5 * nu * log($0) - share }
    }

    public var summary: String {
        let k = kappa.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        let q = daily.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        let mixture = levels.count == 1 ? "" : " (equal mixture, balance heuristic)"
        return "χ² twist\(mixture): Y ~ χ²_ν/κ, κ = \(k), Z | Y shifted by q·√(Y/ν), q = \(q), along −Fᵀ V"
            + " (Glasserman, Heidelberger & Shahabuddin 2002)"
    }

    /// One twisted day: writes the shifted normals `Z` to `z` and returns the
    /// day's `√(ν/Y)` and log likelihood ratio `ln dP/dQ`. The component is
    /// the day's first draw (with several), then the normals, then `Y ~ χ²_ν`
    /// from `chiSquared` (the law's own order).
    @inline(__always)
    func day(rng: inout Xoshiro256PlusPlus, into z: UnsafeMutablePointer<Double>,
             chiSquared: (inout Xoshiro256PlusPlus) -> Double) -> (scale: Double, logWeight: Double) {
        let d = direction.count, nu = degreesOfFreedom
        let c = TiltDirection.component(of: levels.count, rng: &rng)
        rng.fillNormals(z, count: d)
        let y = chiSquared(&rng) / kappa[c]
        let root = (y / nu).squareRoot()
        let shift = daily[c] * root
        let u = direction.withUnsafeBufferPointer { e in
            var projection = 0.0
            for k in 0..<d {
                z[k] += shift * e[k]
                projection += e[k] * z[k]
            }
            return projection
        }
        // ln dQ_k/dP = q_k √(Y/ν) u − q_k² Y/ν + (ν/2) ln κ_k (+ ln π_k).
        let logWeight = withUnsafeTemporaryAllocation(of: Double.self, capacity: levels.count) { a in
            for k in 0..<levels.count {
                let q = daily[k]
                a[k] = logConstant[k] + q * root * u - q * q * y / nu
            }
            return TiltDirection.negativeLogSumExp(UnsafeBufferPointer(a))
        }
        return (1 / root, logWeight)
    }

    /// `Σ_k π_k F_ν((q_k − q_min)/√κ_k + m)`, the twisted probability that `T`
    /// exceeds the lowest level's quantile, with a margin `m` of half a unit (one
    /// unit over several days, where the sum of twisted days is only roughly t).
    public func keptFraction(lowest: Double, horizon h: Int) -> Double {
        let nu = degreesOfFreedom
        let qmin = StudentT.quantile(lowest, degreesOfFreedom: nu)
        let margin = h > 1 ? 1.0 : 0.5
        var sum = 0.0
        for k in levels.indices {
            sum += StudentT.cdf((levels[k] - qmin) / kappa[k].squareRoot() + margin, degreesOfFreedom: nu)
        }
        return sum / Double(levels.count)
    }
}

/// The Student-t law's tilt: every day twisted by `ChiSquareTwist`, its draws in `StudentTLaw.draw`'s order.
struct StudentTTilt: ImportanceTilt {
    let twist: ChiSquareTwist
    let horizon: Int

    var summary: String { twist.summary }

    func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = twist.direction.count, nu = twist.degreesOfFreedom
        var logWeight = 0.0
        for s in 0..<h {
            let (scale, lw) = twist.day(rng: &rng, into: scratch) { $0.nextChiSquared(degreesOfFreedom: nu) }
            logWeight += lw
            if s == 0 {
                for k in 0..<d { out[k] = scale * scratch[k] }
            } else {
                for k in 0..<d { out[k] += scale * scratch[k] }
            }
        }
        return exp(logWeight)
    }

    func keptFraction(lowest: Double) -> Double { twist.keptFraction(lowest: lowest, horizon: horizon) }
}

extension StudentTLaw: TiltableLaw {
    /// The χ² twist along `−(√((ν − 2)/ν) L)ᵀ V` at `q_k = t_ν⁻¹(c_k)`.
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let b = affine(horizon: horizon)!.lossDirection(values: values)
        return StudentTTilt(twist: try ChiSquareTwist(direction: b, degreesOfFreedom: degreesOfFreedom,
                                                      confidences: confidences, horizon: horizon),
                            horizon: horizon)
    }
}
