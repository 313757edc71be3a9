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
///
/// Several confidences and several days: a scenario draws one component of
/// an equal-weight mixture and is weighed by the balance heuristic
/// `w = 1 / Σ_c π_c dQ_c/dP` (Veach & Guibas 1995; Owen & Zhou 2000). With
/// one day the components are the twists at `q_k = t_ν⁻¹(c_k)`, one per
/// confidence. Over `h > 1` days three groups share the mixture equally:
/// - one big day: the tail of a sum of t days is that of its largest day
///   (subexponential), so day `s` alone is twisted at `t_ν⁻¹(1 − α_k/h)`
///   (one component per level and day);
/// - all days together: every day twisted at `t_ν⁻¹(c_k)/√h`, the regime where the sum is nearly normal;
/// - the plain law (defensive, Hesterberg 1995): no weight exceeds 3.
/// - Complexity: per scenario `h·d` normals, `h` χ² draws, `2h·d` multiply-adds and `O(h·K)` `exp`.
public struct ChiSquareTwist: Sendable {
    /// The unit loss direction `e` in the space of the normals.
    public let direction: [Double]
    public let degreesOfFreedom: Double
    /// Days per scenario.
    public let horizon: Int
    /// The one-big-day twists (`t_ν⁻¹(1 − α_k/h)`; with one day `t_ν⁻¹(c_k)`), ascending.
    public let levels: TwistLevels
    /// The every-day twists (`t_ν⁻¹(c_k)/√h`), over several days only.
    public let spread: TwistLevels?
    /// `ln π` of a big-day component, of a spread component and of the plain law.
    let logShares: (big: Double, spread: Double, plain: Double)

    /// A set of twist levels `q_k` with `κ_k = 1 + q_k²/ν` and `(ν/2) ln κ_k`.
    public struct TwistLevels: Sendable {
        public let q: [Double]
        let kappa: [Double]
        let halfNuLogKappa: [Double]

        init(_ q: [Double], nu: Double) {
            self.q = q
            kappa = q.map { 1 + $0 * $0 / nu }
            halfNuLogKappa = kappa.map { 0.5 * nu * log($0) }
        }

        /// `ln dQ_k/dP = (ν/2) ln κ_k + q_k √(Y/ν) u − q_k² Y/ν` of one day.
        @inline(__always)
        func logRatio(_ k: Int, u: Double, y: Double, nu: Double) -> Double {
            halfNuLogKappa[k] + q[k] * (y / nu).squareRoot() * u - q[k] * q[k] * y / nu
        }
    }

    /// - Parameters:
    ///   - direction: `b`, losses growing along `−b` (normalized here).
    ///   - confidences: the confidences whose VaRs the components aim at.
    public init(direction b: [Double], degreesOfFreedom nu: Double, confidences: [Double], horizon h: Int) throws {
        direction = try TiltDirection.unit(b).e
        degreesOfFreedom = nu
        horizon = max(h, 1)
        let days = Double(horizon), k = Double(confidences.count)
        levels = TwistLevels(confidences.map { max(0, StudentT.quantile(1 - (1 - $0) / days, degreesOfFreedom: nu)) },
                             nu: nu)
        if horizon == 1 {
            spread = nil
            logShares = (-log(k), -.infinity, -.infinity)
        } else {
            spread = TwistLevels(confidences.map { max(0, StudentT.quantile($0, degreesOfFreedom: nu)) / days.squareRoot() },
                                 nu: nu)
            logShares = (-log(3 * k * days), -log(3 * k), -log(3))
        }
    }

    public var summary: String {
        func list(_ x: [Double]) -> String { x.map { String(format: "%.3f", $0) }.joined(separator: ", ") }
        let base = "χ² twist: Y ~ χ²_ν/κ, Z | Y shifted by q·√(Y/ν) along −Fᵀ V, q = \(list(levels.q))"
        let mixture = spread.map {
            "; equal thirds of one day twisted (q above), every day twisted (q = \(list($0.q))) and the plain law, balance heuristic"
        } ?? (levels.q.count > 1 ? "; equal mixture over the levels, balance heuristic" : "")
        return base + mixture + " (Glasserman, Heidelberger & Shahabuddin 2002)"
    }

    /// One day: normals into `z`, then `Y ~ χ²_ν` from `chiSquared` (the law's
    /// own order), twisted at level `k` of `set`, or plain (`nil`). Returns
    /// `√(ν/Y)` and the day's `(u, Y)`.
    @inline(__always)
    func day(twistedBy k: Int?, of set: TwistLevels, rng: inout Xoshiro256PlusPlus, into z: UnsafeMutablePointer<Double>,
             chiSquared: (inout Xoshiro256PlusPlus) -> Double) -> (scale: Double, u: Double, y: Double) {
        let d = direction.count, nu = degreesOfFreedom
        rng.fillNormals(z, count: d)
        let y = chiSquared(&rng) / (k.map { set.kappa[$0] } ?? 1)
        let root = (y / nu).squareRoot()
        let shift = k.map { set.q[$0] * root } ?? 0
        let u = TiltDirection.shift(z, by: shift, along: direction, count: d)
        return (1 / root, u, y)
    }

    /// A bound with margin on the twisted probability that a scenario's loss exceeds
    /// the lowest level's VaR: `Σ_k π_k F_ν((q_k − q_min)/√κ_k + 1/2)` for one day;
    /// over several days the big-day group's share of that plus the every-day and
    /// plain groups' generous `0.9` and the lowest level's `α` doubled.
    public func keptFraction(lowest: Double) -> Double {
        let nu = degreesOfFreedom
        let qmin = StudentT.quantile(1 - (1 - lowest) / Double(horizon), degreesOfFreedom: nu)
        var sum = 0.0
        for k in levels.q.indices {
            sum += StudentT.cdf((levels.q[k] - qmin) / levels.kappa[k].squareRoot() + 0.5, degreesOfFreedom: nu)
        }
        let big = sum / Double(levels.q.count)
        guard spread != nil else { return big }
        return min(1, (big + 0.9 + 2 * (1 - lowest)) / 3 + 0.1)
    }

    /// Draws an `h`-day scenario: `accumulate(s, √(ν/Y))` is called after each
    /// day `s` is drawn into `z`; returns the balance-heuristic weight.
    @inline(__always)
    func scenario(rng: inout Xoshiro256PlusPlus, chiSquared: (inout Xoshiro256PlusPlus) -> Double,
                  z: UnsafeMutablePointer<Double>, accumulate: (_ day: Int, _ scale: Double) -> Void) -> Double {
        let nu = degreesOfFreedom, kCount = levels.q.count
        // The component, drawn with its share π: with one day a level; otherwise a third each
        // for one big day (level and day uniform), every day (level uniform) and the plain law.
        var bigDay = -1, bigLevel = 0, spreadLevel = -1
        if spread == nil {
            bigDay = 0
            bigLevel = TiltDirection.component(of: kCount, rng: &rng)
        } else {
            switch rng.nextIndex(below: 3) {
            case 0:
                let c = rng.nextIndex(below: kCount * horizon)
                (bigDay, bigLevel) = (c / kCount, c % kCount)
            case 1: spreadLevel = TiltDirection.component(of: kCount, rng: &rng)
            default: break
            }
        }
        let groups = spread == nil ? kCount * horizon : kCount * (horizon + 1) + 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: groups) { a in
            for i in 0..<kCount * horizon { a[i] = logShares.big }
            if spread != nil {
                for k in 0..<kCount { a[kCount * horizon + k] = logShares.spread }
                a[groups - 1] = logShares.plain
            }
            for s in 0..<horizon {
                let (scale, u, y): (Double, Double, Double)
                if s == bigDay {
                    (scale, u, y) = day(twistedBy: bigLevel, of: levels, rng: &rng, into: z, chiSquared: chiSquared)
                } else if spreadLevel >= 0, let spread {
                    (scale, u, y) = day(twistedBy: spreadLevel, of: spread, rng: &rng, into: z, chiSquared: chiSquared)
                } else {
                    (scale, u, y) = day(twistedBy: nil, of: levels, rng: &rng, into: z, chiSquared: chiSquared)
                }
                for k in 0..<kCount { a[s * kCount + k] += levels.logRatio(k, u: u, y: y, nu: nu) }
                if let spread {
                    for k in 0..<kCount { a[kCount * horizon + k] += spread.logRatio(k, u: u, y: y, nu: nu) }
                }
                accumulate(s, scale)
            }
            return exp(TiltDirection.negativeLogSumExp(UnsafeBufferPointer(a)))
        }
    }
}

/// The Student-t law's tilt: `ChiSquareTwist` over its `h` days, drawn in `StudentTLaw.draw`'s order.
struct StudentTTilt: ImportanceTilt {
    let twist: ChiSquareTwist

    var summary: String { twist.summary }

    func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = twist.direction.count, nu = twist.degreesOfFreedom
        return twist.scenario(rng: &rng, chiSquared: { $0.nextChiSquared(degreesOfFreedom: nu) }, z: scratch, accumulate: { s, scale in
            if s == 0 {
                for k in 0..<d { out[k] = scale * scratch[k] }
            } else {
                for k in 0..<d { out[k] += scale * scratch[k] }
            }
        })
    }

    func keptFraction(lowest: Double) -> Double { twist.keptFraction(lowest: lowest) }
}

extension StudentTLaw: TiltableLaw {
    /// The χ² twist along `−(√((ν − 2)/ν) L)ᵀ V` (a mixture over the days and levels).
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let b = affine(horizon: horizon)!.lossDirection(values: values)
        return StudentTTilt(twist: try ChiSquareTwist(direction: b, degreesOfFreedom: degreesOfFreedom,
                                                      confidences: confidences, horizon: horizon))
    }
}
