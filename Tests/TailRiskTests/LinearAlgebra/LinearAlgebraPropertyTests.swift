import Testing
@testable import TailRisk

@Suite struct LinearAlgebraPropertyTests {
    @Test(arguments: [1, 2, 3, 5, 8, 20, 47])
    func choleskyReproducesRandomSPDMatrices(n: Int) throws {
        var rng = SplitMixTestGenerator(seed: UInt64(1000 + n))
        for _ in 0..<5 {
            let sigma = rng.spd(n)
            let l = try #require(Cholesky.factor(sigma))
            for j in 0..<n {
                for i in 0..<j { #expect(l[i, j] == 0) }
                #expect(l[j, j] > 0)
            }
            let scale = sigma.storage.map(abs).max() ?? 1
            #expect(BLAS.multiply(l, l, transposeB: true).maxAbsDifference(sigma) <= 1e-13 * scale)
        }
    }

    @Test func choleskyRejectsIndefiniteAndNonFinite() {
        #expect(Cholesky.factor(Matrix([[1, 0.9, 0.1], [0.9, 1, 0.9], [0.1, 0.9, 1]])) == nil)
        #expect(Cholesky.factor(Matrix([[1, 0], [0, .nan]])) == nil)
    }

    @Test(arguments: [1, 2, 4, 9, 30])
    func symmetricEigenReconstructs(n: Int) throws {
        var rng = SplitMixTestGenerator(seed: UInt64(2000 + n))
        let a = rng.matrix(rows: n, cols: n).symmetrized
        let eigen = try SymmetricEigen(a)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(eigen.reconstruct().maxAbsDifference(a) <= 1e-13 * Double(n))
        let vtv = BLAS.multiply(eigen.vectors, eigen.vectors, transposeA: true)
        #expect(vtv.maxAbsDifference(.identity(n)) <= 1e-13 * Double(n))
        // A v = λ v for every pair.
        let av = naiveProduct(a, eigen.vectors)
        for j in 0..<n {
            for i in 0..<n { #expect(abs(av[i, j] - eigen.values[j] * eigen.vectors[i, j]) <= 1e-12 * Double(n)) }
        }
    }

    @Test func symmetricEigenKnownValues() throws {
        let eigen = try SymmetricEigen(Matrix([[2, 1], [1, 2]]))
        #expect(abs(eigen.values[0] - 1) < 1e-15 && abs(eigen.values[1] - 3) < 1e-15)
        #expect(throws: TailRiskError.self) { try SymmetricEigen(Matrix([[1, .infinity], [.infinity, 1]])) }
    }

    @Test(arguments: [(1, 1), (7, 3), (50, 12), (3, 8)])
    func gramIsXTransposeX(rows: Int, cols: Int) {
        var rng = SplitMixTestGenerator(seed: UInt64(rows * 100 + cols))
        let x = rng.matrix(rows: rows, cols: cols)
        let g = BLAS.gram(x)
        #expect(g.maxAbsDifference(naiveProduct(x.transposed, x)) <= 1e-13 * Double(rows))
        #expect(g == g.transposed)
    }

    @Test func multiplyMatchesNaiveProductInEveryTransposition() {
        var rng = SplitMixTestGenerator(seed: 7)
        let a = rng.matrix(rows: 6, cols: 4)
        let b = rng.matrix(rows: 4, cols: 5)
        let reference = naiveProduct(a, b)
        #expect(BLAS.multiply(a, b).maxAbsDifference(reference) < 1e-14)
        #expect(BLAS.multiply(a.transposed, b, transposeA: true).maxAbsDifference(reference) < 1e-14)
        #expect(BLAS.multiply(a, b.transposed, transposeB: true).maxAbsDifference(reference) < 1e-14)
        let x = [1.0, -2, 0.5, 3]
        let y = BLAS.multiply(a, x)
        for i in 0..<6 { #expect(abs(y[i] - (0..<4).reduce(0) { $0 + a[i, $1] * x[$1] }) < 1e-14) }
    }
}

/// `Cholesky.semidefiniteFactor`: a lower-triangular factor of a singular PSD matrix.
@Suite struct SemidefiniteFactorTests {
    @Test(arguments: [(3, 1), (5, 2), (8, 8), (20, 7)])
    func factorsRankDeficientMatrices(n: Int, rank: Int) throws {
        var rng = SplitMixTestGenerator(seed: UInt64(3000 + n))
        let b = rng.matrix(rows: n, cols: rank)
        let sigma = BLAS.multiply(b, b, transposeB: true).symmetrized
        let l = try #require(try Cholesky.semidefiniteFactor(sigma))
        for j in 0..<n {
            for i in 0..<j { #expect(l[i, j] == 0) }
            #expect(l[j, j] >= 0)
        }
        let scale = sigma.storage.map(abs).max() ?? 1
        #expect(BLAS.multiply(l, l, transposeB: true).maxAbsDifference(sigma) <= 1e-12 * scale * Double(n))
    }

    @Test func refusesIndefiniteAndNonFinite() throws {
        #expect(try Cholesky.semidefiniteFactor(Matrix([[1, 0.9, 0.1], [0.9, 1, 0.9], [0.1, 0.9, 1]])) == nil)
        #expect(try Cholesky.semidefiniteFactor(Matrix([[1, 0], [0, .nan]])) == nil)
        let zero = try #require(try Cholesky.semidefiniteFactor(Matrix(rows: 2, cols: 2)))
        #expect(zero.storage.allSatisfy { $0 == 0 })
    }
}
