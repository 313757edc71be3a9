import Foundation

/// Importance sampling of the copula laws (methods.md §10): the tilt acts on
/// the copula's latent normals, before the correlation and the marginals.
///
/// A day of the Gaussian copula is `r_i = σ_i Q_i(Φ(x_i))`, `x = L z`; of the
/// t-copula `x = L z √(ν/Y)` with `t_ν` in place of `Φ`. Each `r_i` increases
/// with `x_i`, so to first order the loss grows along `−b`,
/// `b = Lᵀ (V ⊙ σ ⊙ s)` with `s_i` the spread (standard deviation) of marginal
/// `i`: the Gaussian copula shifts `z` (`MeanShiftTilt`, every day by
/// `z_k/√h`), the t-copula twists `z` and `Y` together (`ChiSquareTwist`, one
/// day of a mixture over the days). The weight is exact whatever the marginals: it only involves the
/// latent draws; the linearization only decides how well the tilt aims (a
/// long–short basket whose loss is not monotone in the latent factors is aimed
/// at less well, and the measured variance reduction factor says so).
/// - Complexity: as the law's own draw, plus `2d` multiply-adds and `K + 1`
///   `exp` per day.
struct CopulaTilt: ImportanceTilt {
    let sampler: CopulaSampler
    let horizon: Int
    let shift: MeanShiftTilt?
    let twist: ChiSquareTwist?

    /// `b = Lᵀ (V ⊙ σ_{T+1} ⊙ s)` of the copula's correlation factor `L`.
    static func direction(_ sampler: CopulaSampler, values: [Double]) -> [Double] {
        let d = sampler.dimension
        var scaled = [Double](repeating: 0, count: d)
        for i in 0..<d {
            let x = sampler.marginals[i].sorted
            let mean = x.reduce(0, +) / Double(x.count)
            let spread = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(x.count - 1, 1))).squareRoot()
            scaled[i] = values[i] * sampler.nextVolatility[i] * max(spread, .leastNormalMagnitude)
        }
        return AffineMap.transposedProduct(factor: sampler.factor, values: scaled)
    }

    var summary: String {
        (shift?.summary ?? twist!.summary).replacingOccurrences(of: "−Fᵀ V", with: "−Lᵀ(V⊙σ⊙s) of the latent normals")
    }

    func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double {
        for i in 0..<sampler.dimension { out[i] = 0 }
        return sampler.withPathVariances(horizon: h) { variance in
            // The latent draws are tilted; the marginals and any GARCH path are the law's own.
            func addDay(_ k: Int, scale: Double, degreesOfFreedom nu: Double?) {
                sampler.uniforms(fromNormals: scratch, scale: scale, degreesOfFreedom: nu)
                sampler.addDay(k, of: h, uniforms: scratch, variance: variance, into: out)
            }
            if let twist {
                let nu = twist.degreesOfFreedom
                return twist.scenario(rng: &rng, chiSquared: { CopulaSampler.chiSquared(nu, &$0) }, z: scratch) { k, scale in
                    addDay(k, scale: scale, degreesOfFreedom: nu)
                }
            }
            var logWeight = 0.0
            for k in 0..<h {
                logWeight += log(shift!.draw(horizon: 1, rng: &rng, into: scratch, scratch: out))
                addDay(k, scale: 1, degreesOfFreedom: nil)
            }
            return exp(logWeight)
        }
    }

    func keptFraction(lowest: Double) -> Double {
        shift?.keptFraction(lowest: lowest, steps: horizon) ?? twist!.keptFraction(lowest: lowest)
    }
}

extension GaussianCopulaLaw: TiltableLaw {
    /// The mean shift of the latent normals along `−Lᵀ(V ⊙ σ ⊙ s)`.
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let b = CopulaTilt.direction(sampler, values: values)
        return CopulaTilt(sampler: sampler, horizon: horizon,
                          shift: try MeanShiftTilt(direction: b, confidences: confidences, steps: horizon), twist: nil)
    }
}

extension TCopulaLaw: TiltableLaw {
    /// The χ² twist of the latent normals and mixing variable along `−Lᵀ(V ⊙ σ ⊙ s)`.
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let b = CopulaTilt.direction(sampler, values: values)
        let twist = try ChiSquareTwist(direction: b, degreesOfFreedom: degreesOfFreedom, confidences: confidences,
                                       horizon: horizon)
        return CopulaTilt(sampler: sampler, horizon: horizon, shift: nil, twist: twist)
    }
}
