import Foundation

/// A depeg added to any scenario law (methods.md §9): with probability `p`
/// over the horizon a jump `J` is added to the scenario's log returns, e.g.
/// `J_k = ln(1 + severity)` for a pegged collateral asset `k`, or
/// `J_i = −ln(1 + severity)` for every collateral asset when the debt asset
/// itself depegs (returns are relative to it).
///
/// One scenario: the base law's `draw`, then the base law's affine map
/// `r = m + F x` applied here in scalar code (the engine applies affine maps
/// after `draw`, and the jump must come after the map), then one uniform `u`
/// from the same generator: `r += J` when `u < p`. So the law draws only from
/// the scenario's own generator, in a fixed order, and a tail scenario redraws
/// identically; `affine` is `nil`. The jump is not symmetric, so antithetic
/// pairs are refused.
/// - Complexity: the base draw plus `d²/2` flops for the map and one uniform.
public struct DepegLaw: ScenarioLaw {
    public let base: any ScenarioLaw
    /// The horizon the map was built for; `draw` must be called with it.
    public let horizon: Int
    /// The jump added to each asset's log return when the depeg happens.
    public let jump: [Double]
    public let probability: Double
    /// The label of the depeg in outputs, e.g. `USDC=-10%@2%`.
    public let label: String
    private let map: AffineMap?

    public init(base: any ScenarioLaw, horizon: Int, jump: [Double], probability: Double, label: String) {
        precondition(jump.count == base.dimension, "one jump per asset")
        precondition(probability >= 0 && probability <= 1, "probability in [0, 1]")
        self.base = base
        self.horizon = horizon
        self.jump = jump
        self.probability = probability
        self.label = label
        map = base.affine(horizon: horizon)
    }

    public var dimension: Int { base.dimension }
    public var name: String { "\(base.name) + depeg \(label)" }
    public var isSymmetric: Bool { false }
    public func affine(horizon: Int) -> AffineMap? { nil }

    public func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        precondition(h == horizon, "the depeg law was built for horizon \(horizon), asked for \(h)")
        base.draw(horizon: h, rng: &rng, into: out, scratch: scratch)
        let d = dimension
        if let map {
            for k in 0..<d { scratch[k] = out[k] }
            map.factor.withUnsafeBufferPointer { f in
                for i in 0..<d {
                    var r = map.mean[i]
                    for j in 0...i { r += f[i + j * d] * scratch[j] }
                    out[i] = r
                }
            }
        }
        if rng.nextUniform() < probability {
            for k in 0..<d { out[k] += jump[k] }
        }
    }

    public func validate() throws {
        try base.validate()
        guard jump.allSatisfy(\.isFinite) else {
            throw TailRiskError.invalidParameter(.depeg, message: "the jump of \(label) is not finite")
        }
    }

    public func horizonTreatment(_ h: Int) -> String {
        base.horizonTreatment(h) + "; depeg \(label): jump with probability \(probability) over the horizon"
    }
}
