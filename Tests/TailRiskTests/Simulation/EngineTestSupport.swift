@testable import TailRisk

/// Small models shared by the engine tests.
enum EngineFixtures {
    /// methods.md §4 check case: $50 BTC σ = 3.5%, $50 ETH σ = 4.5%, ρ = 0.8.
    static let twoAssetValues = [50.0, 50.0]
    static let twoAssetSigma = Matrix([[0.035 * 0.035, 0.8 * 0.035 * 0.045], [0.8 * 0.035 * 0.045, 0.045 * 0.045]])

    static func twoAsset(mean: [Double] = [0, 0], law: InnovationLaw = .normal,
                         horizon: Int = 1) -> ScenarioModel {
        ScenarioModel(mean: mean, factor: Cholesky.factor(twoAssetSigma)!, law: law, horizon: horizon)
    }

    /// Three assets with unequal volatilities and mixed correlations.
    static func threeAsset(law: InnovationLaw = .normal, horizon: Int = 1) -> ScenarioModel {
        let s = Matrix([[0.0016, 0.0009, -0.0002], [0.0009, 0.0025, 0.0004], [-0.0002, 0.0004, 0.0009]])
        return ScenarioModel(mean: [0.0005, -0.0002, 0.0001], factor: Cholesky.factor(s)!,
                             law: law, horizon: horizon)
    }

    /// A deterministic `T × d` history of fat-tailed daily returns.
    static func history(days: Int, assets: Int) -> Matrix {
        var rng = Xoshiro256PlusPlus(seed: 99, unit: 0)
        var m = Matrix(rows: days, cols: assets)
        for t in 0..<days {
            let common = rng.nextNormal()
            let scale = (4 / rng.nextChiSquared(degreesOfFreedom: 4)).squareRoot()
            for j in 0..<assets { m[t, j] = 0.02 * scale * (0.7 * common + 0.5 * rng.nextNormal()) }
        }
        return m
    }

    /// Normal linear-P&L VaR and ES (methods.md §4): `−μ_p + σ_p z_c`, `−μ_p + σ_p φ(z_c)/α`.
    static func normalLinear(mean: [Double], sigma: Matrix, values: [Double], level: ConfidenceLevel)
        -> (valueAtRisk: Double, expectedShortfall: Double) {
        let mu = zip(mean, values).reduce(0) { $0 + $1.0 * $1.1 }
        let sv = BLAS.multiply(sigma, values)
        let sp = zip(values, sv).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
        let z = Normal.quantile(level.confidence)
        return (-mu + sp * z, -mu + sp * Normal.pdf(z) / level.alpha)
    }
}
