import Testing
@testable import TailRisk

@Test func choleskyReproducesSigma() throws {
    let s = Matrix([[4, 2], [2, 3]])
    let l = try #require(Cholesky.factor(s))
    #expect(BLAS.multiply(l, l, transposeB: true).maxAbsDifference(s) < 1e-12)
    #expect(Cholesky.factor(Matrix([[1, 2], [2, 1]])) == nil)
}

@Test func normalQuantileCheckValue() {
    #expect(abs(Normal.quantile(0.99) - 2.326348) < 1e-6)
}
