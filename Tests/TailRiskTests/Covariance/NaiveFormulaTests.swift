import Foundation
import Testing
@testable import TailRisk

/// Each estimator against a literal, loop-by-loop transcription of its paper's formula
/// on small random return matrices.
@Suite struct NaiveFormulaTests {
    /// `T × d` returns with unequal scales and a common factor, so shrinkage is neither 0 nor 1.
    static func returns(t: Int, d: Int, seed: UInt64) -> Matrix {
        var rng = SplitMixTestGenerator(seed: seed)
        let noise = rng.matrix(rows: t, cols: d)
        let factor = rng.matrix(rows: t, cols: 1)
        var x = Matrix(rows: t, cols: d)
        for j in 0..<d { for i in 0..<t { x[i, j] = 0.01 * Double(j + 1) * (noise[i, j] + 0.7 * factor[i, 0]) + 0.001 } }
        return x
    }

    static let shapes: [(Int, Int, UInt64)] = [(12, 4, 1), (40, 6, 2), (5, 8, 3), (60, 2, 4)]

    /// Centred rows `x_t − x̄` as arrays, and the covariance with divisor `divisor`.
    static func moments(_ x: Matrix, divisor: Double) -> (rows: [[Double]], s: [[Double]]) {
        let t = x.rows, d = x.cols
        let mean = (0..<d).map { j in (0..<t).reduce(0.0) { $0 + x[$1, j] } / Double(t) }
        let rows = (0..<t).map { i in (0..<d).map { x[i, $0] - mean[$0] } }
        var s = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d { for j in 0..<d { s[i][j] = rows.reduce(0) { $0 + $1[i] * $1[j] } / divisor } }
        return (rows, s)
    }

    static func check(_ m: Matrix, _ reference: [[Double]], _ tolerance: Double = 1e-12) -> Bool {
        matrixRelativeError(m, Matrix(reference)) <= tolerance
    }

    @Test(arguments: shapes)
    func sampleIsTheUnbiasedCrossProduct(t: Int, d: Int, seed: UInt64) throws {
        let x = Self.returns(t: t, d: d, seed: seed)
        #expect(Self.check(try SampleCovariance().fit(x).covariance, Self.moments(x, divisor: Double(t - 1)).s))
    }

    /// Ledoit & Wolf (2004), Lemma 3.2–3.4 with the normalised norm ‖A‖² = tr(AAᵀ)/d.
    @Test(arguments: shapes)
    func ledoitWolfFollowsThePaper(t: Int, d: Int, seed: UInt64) throws {
        let x = Self.returns(t: t, d: d, seed: seed)
        let (rows, s) = Self.moments(x, divisor: Double(t))
        let n = Double(d)
        let m = (0..<d).reduce(0.0) { $0 + s[$1][$1] } / n
        var d2 = 0.0
        for i in 0..<d { for j in 0..<d { d2 += pow(s[i][j] - (i == j ? m : 0), 2) } }
        d2 /= n
        var bBar2 = 0.0
        for row in rows {
            for i in 0..<d { for j in 0..<d { bBar2 += pow(row[i] * row[j] - s[i][j], 2) } }
        }
        bBar2 /= n * Double(t * t)
        let delta = min(bBar2, d2) / d2
        var expected = s
        for i in 0..<d { for j in 0..<d { expected[i][j] = delta * (i == j ? m : 0) + (1 - delta) * s[i][j] } }
        let estimate = try LedoitWolf().fit(x)
        #expect(abs(try #require(estimate.shrinkage) - delta) <= 1e-11)
        #expect(delta > 0 && delta < 1 || t < d)
        #expect(Self.check(estimate.covariance, expected, 1e-11))
    }

    /// Chen et al. (2010) Eq. 23 as scikit-learn evaluates it: without the paper's `2/d` terms.
    @Test(arguments: shapes)
    func oasFollowsScikitLearnsFormOfThePaper(t: Int, d: Int, seed: UInt64) throws {
        let x = Self.returns(t: t, d: d, seed: seed)
        let s = Self.moments(x, divisor: Double(t)).s
        let n = Double(d), tt = Double(t)
        let trace = (0..<d).reduce(0.0) { $0 + s[$1][$1] }
        var traceSquare = 0.0
        for i in 0..<d { for j in 0..<d { traceSquare += s[i][j] * s[j][i] } }
        let rho = min((traceSquare + trace * trace) / ((tt + 1) * (traceSquare - trace * trace / n)), 1)
        let paper = min(((1 - 2 / n) * traceSquare + trace * trace)
            / ((tt + 1 - 2 / n) * (traceSquare - trace * trace / n)), 1)
        let estimate = try OAS().fit(x)
        #expect(abs(try #require(estimate.shrinkage) - rho) <= 1e-12)
        if rho < 1 { #expect(abs(rho - paper) > 1e-6, "scikit-learn's ρ differs from the paper's") }
        var expected = s
        for i in 0..<d { for j in 0..<d { expected[i][j] = (1 - rho) * s[i][j] + (i == j ? rho * trace / n : 0) } }
        #expect(Self.check(estimate.covariance, expected))
    }

    /// The RiskMetrics recursion step by step, `Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ`, from the
    /// warm-up seed (the implementation evaluates it unrolled, as one weighted cross product).
    @Test(arguments: [(45, 3, UInt64(5)), (31, 2, 6), (12, 4, 7), (2, 3, 8)])
    func ewmaEqualsTheRecursion(t: Int, d: Int, seed: UInt64) throws {
        let x = Self.returns(t: t, d: d, seed: seed)
        let lambda = 0.9
        let m = min(t, 30)
        var expected = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d {
            for j in 0..<d { expected[i][j] = (0..<m).reduce(0.0) { $0 + x[$1, i] * x[$1, j] } / Double(m) }
        }
        for k in m..<t {
            for i in 0..<d {
                for j in 0..<d { expected[i][j] = lambda * expected[i][j] + (1 - lambda) * x[k, i] * x[k, j] }
            }
        }
        let estimate = try EWMACovariance(lambda: lambda).fit(x)
        #expect(Self.check(estimate.covariance, expected))
        #expect(estimate.lambda == lambda)
        #expect(estimate.notes[1].contains("λ^\(t - m)"))
    }

    /// Ledoit & Wolf (2003), Appendix B: π, ρ, γ as sums over observations.
    @Test(arguments: shapes)
    func constantCorrelationFollowsThePaper(t: Int, d: Int, seed: UInt64) throws {
        let x = Self.returns(t: t, d: d, seed: seed)
        let (rows, s) = Self.moments(x, divisor: Double(t - 1))  // PyPortfolioOpt's S
        let tt = Double(t)
        var rBar = 0.0
        for i in 0..<d { for j in 0..<d where i != j { rBar += s[i][j] / (s[i][i] * s[j][j]).squareRoot() } }
        rBar /= Double(d * (d - 1))
        var pi = 0.0, rho = 0.0, gamma = 0.0
        for i in 0..<d {
            for j in 0..<d {
                let f = i == j ? s[i][i] : rBar * (s[i][i] * s[j][j]).squareRoot()
                gamma += pow(s[i][j] - f, 2)
                let pij = rows.reduce(0.0) { $0 + pow($1[i] * $1[j] - s[i][j], 2) } / tt
                pi += pij
                if i == j {
                    rho += pij
                } else {
                    let theta = rows.reduce(0.0) { $0 + ($1[i] * $1[i] - s[i][i]) * ($1[i] * $1[j] - s[i][j]) } / tt
                    rho += rBar * (s[j][j] / s[i][i]).squareRoot() * theta
                }
            }
        }
        let delta = d == 2 ? 0 : max(0, min(1, (pi - rho) / gamma / tt))
        var expected = s
        for i in 0..<d {
            for j in 0..<d {
                let f = i == j ? s[i][i] : rBar * (s[i][i] * s[j][j]).squareRoot()
                expected[i][j] = delta * f + (1 - delta) * s[i][j]
            }
        }
        let estimate = try ConstantCorrelationShrinkage().fit(x)
        #expect(abs(try #require(estimate.shrinkage) - delta) <= 1e-10)
        #expect(Self.check(estimate.covariance, expected))
    }

    @Test func pairwiseEqualsSampleCovarianceOfTheCommonRows() throws {
        var x = Self.returns(t: 20, d: 3, seed: 9)
        #expect(matrixRelativeError(try PairwiseCovariance().fit(x).covariance, try SampleCovariance().fit(x).covariance)
            <= 1e-14)
        for i in 0..<6 { x[i, 0] = .nan }
        for i in 15..<20 { x[i, 2] = .nan }
        let sigma = try PairwiseCovariance().fit(x).covariance
        let both02 = try SampleCovariance().fit(x.rows(6..<15).columns([0, 2])).covariance
        #expect(abs(sigma[0, 2] - both02[0, 1]) <= 1e-15 && sigma[2, 0] == sigma[0, 2])
        let only1 = try SampleCovariance().fit(x.columns([1])).covariance
        #expect(abs(sigma[1, 1] - only1[0, 0]) <= 1e-15)
        let both01 = try SampleCovariance().fit(x.rows(6..<20).columns([0, 1])).covariance
        #expect(abs(sigma[0, 1] - both01[0, 1]) <= 1e-15 && abs(sigma[0, 0] - both01[0, 0]) <= 1e-15)
    }
}
