import TailRisk

/// A reproducible scenario model for timing: a random correlation structure
/// (three common factors plus noise) and daily volatilities between 1% and 5%,
/// the same construction as `Benchmarks/make_synthetic.py` (not the same numbers).
public struct SyntheticModel: Sendable {
    public let model: ScenarioModel
    public let covariance: Matrix
    /// The lower Cholesky factor of `covariance` (column-major storage, as `dtrmm` takes it).
    public let factor: Matrix
    public let values: [Double]

    /// - Complexity: O(d³) for the Cholesky factor.
    public init(dimension d: Int, seed: UInt64 = 42) {
        var rng = Xoshiro256PlusPlus(seed: seed, unit: 0)
        let factors = 3
        let loadings = (0..<(d * factors)).map { _ in 0.5 * rng.nextNormal() }
        let vols = (0..<d).map { _ in 0.01 + 0.04 * rng.nextUniform() }
        var sigma = Matrix(rows: d, cols: d)
        for i in 0..<d {
            for j in 0...i {
                var c = i == j ? 1.0 : 0.0
                for f in 0..<factors { c += loadings[i * factors + f] * loadings[j * factors + f] }
                sigma[i, j] = c
                sigma[j, i] = c
            }
        }
        // Scale to a correlation matrix, then to the daily volatilities.
        let diag = sigma.diagonal
        for i in 0..<d {
            for j in 0..<d { sigma[i, j] *= vols[i] * vols[j] / (diag[i] * diag[j]).squareRoot() }
        }
        covariance = sigma
        factor = Cholesky.factor(sigma)!
        model = ScenarioModel(mean: [Double](repeating: 0.0003, count: d), factor: factor)
        values = [Double](repeating: 1_000_000 / Double(d), count: d)
    }
}
