import Foundation

/// The importance-sampling seam of a law (methods.md §10): a law that can
/// draw its scenarios from a tilted version of itself, with the likelihood
/// ratio of each draw.
///
/// Under importance sampling the engine calls the tilt's `draw` where it
/// would call `ScenarioLaw.draw`; the tilt writes the same kind of numbers
/// (standardized days for laws with an affine map, log returns otherwise)
/// and returns `w = dP/dQ` of the draws it made, a function of the
/// scenario's own random numbers, so weighted estimates stay independent of
/// threads, shards and processes. Any tilt gives unbiased weighted
/// estimates; the direction and size of the tilt only decide how many tail
/// scenarios a run sees. Adding a tilt is one file here and a conformance
/// of the law:
/// - `MeanShiftTilt`: normal draws `z ~ N(θ, I)` (normal law; the Gaussian
///   copula's latent normals), Glasserman, Heidelberger & Shahabuddin 2000;
/// - `ChiSquareTwist`: the mean shift and the χ² mixing variable twisted
///   together (Student-t; the t-copula), Glasserman, Heidelberger & Shahabuddin 2002;
/// - `DayTilt`: exponentially tilted day-selection probabilities (bootstrap, FHS).
public protocol TiltableLaw: ScenarioLaw {
    /// The tilt towards the losses of a basket worth `values` over `horizon`
    /// steps: with one confidence, the tilt aimed at its VaR; with several, an
    /// equal mixture of one tilt per confidence (`confidences` ascending and
    /// distinct), each draw weighed by the balance heuristic
    /// `w = 1 / Σ_k π_k dQ_k/dP` (Veach & Guibas 1995; Owen & Zhou 2000), so
    /// every level's VaR gets its share of scenarios and no weight exceeds
    /// `1/(π_k · dQ_k/dP)` of any one component.
    /// - Throws: `TailRiskError.invalidParameter(.varianceReduction)`
    ///   when the basket gives the law no direction to tilt towards.
    func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt
}

/// One law's tilted draw and what the engine must know about it.
public protocol ImportanceTilt: Sendable {
    /// What the output says of the tilt, e.g. `mean shift |θ| = 3.090 along −Fᵀ V`.
    var summary: String { get }
    /// Draws the random part of one `h`-step scenario from the tilted law into
    /// `out` (`dimension` doubles; `scratch` holds as many) and returns the
    /// likelihood ratio `dP/dQ` of the draws.
    func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double
    /// The share of tilted scenarios the tail must keep for the VaR at the lowest
    /// confidence asked (`lowest`), margin included, in `(0, 1]`: a bound on the
    /// tilted probability that the loss exceeds that VaR.
    func keptFraction(lowest: Double) -> Double
}

extension AffineMap {
    /// `b = Fᵀ V`: the P&L of `r = m + F x` is `m·V + bᵀx` to first order, so losses grow along `−b`.
    /// - Complexity: d²/2 multiply-adds.
    public func lossDirection(values: [Double]) -> [Double] {
        Self.transposedProduct(factor: factor, values: values)
    }

    /// `Fᵀ V` for a lower triangular column-major `d × d` factor `F` (the engine's linear
    /// shortcut, the tilts' directions): `b_j = Σ_{i ≥ j} F_ij V_i`.
    /// - Complexity: d²/2 multiply-adds.
    static func transposedProduct(factor: [Double], values: [Double]) -> [Double] {
        let d = values.count
        precondition(factor.count == d * d, "factor must be d × d")
        var b = [Double](repeating: 0, count: d)
        for j in 0..<d {
            var s = 0.0
            for i in j..<d { s += factor[i + j * d] * values[i] }
            b[j] = s
        }
        return b
    }
}

enum TiltDirection {
    /// Moves the first `d` normals `z` by `shift · e` along the unit direction `e` and returns
    /// their projection `u = eᵀz` after the move (the mean shift's and the χ² twist's draw). O(d).
    @inline(__always)
    static func shift(_ z: UnsafeMutablePointer<Double>, by shift: Double, along direction: [Double],
                      count d: Int) -> Double {
        direction.withUnsafeBufferPointer { e in
            var projection = 0.0
            for i in 0..<d {
                z[i] += shift * e[i]
                projection += e[i] * z[i]
            }
            return projection
        }
    }

    /// Which mixture component draws: the first draw of the scenario when there are several.
    @inline(__always)
    static func component(of count: Int, rng: inout Xoshiro256PlusPlus) -> Int {
        count == 1 ? 0 : rng.nextIndex(below: count)
    }

    /// `−ln Σ_k exp(a_k)`, by the largest term first (the log of a balance-heuristic weight).
    @inline(__always)
    static func negativeLogSumExp(_ a: UnsafeBufferPointer<Double>) -> Double {
        var top = -Double.infinity
        for x in a where x > top { top = x }
        var s = 0.0
        for x in a { s += exp(x - top) }
        return -(top + log(s))
    }

    /// The unit loss direction `e = −b/|b|`, refusing a basket with no direction.
    static func unit(_ b: [Double]) throws -> (e: [Double], norm: Double) {
        let norm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else {
            throw TailRiskError.invalidParameter(
                .varianceReduction,
                message: "the basket has no loss direction (Lᵀ V = 0): nothing to shift towards")
        }
        return (b.map { -$0 / norm }, norm)
    }
}
