import Foundation
import Testing
@testable import TailRisk

@Suite struct Expm1Tests {
    /// Within 4 ulps of the C library's `expm1` across the polynomial's range,
    /// near zero (where `exp(x) − 1` would cancel) and past the switch to the fallback.
    @Test func matchesLibraryExpm1() {
        var rng = Xoshiro256PlusPlus(seed: 1, unit: 0)
        var xs = (0..<200_000).map { _ in 0.7 * rng.nextUniform() - 0.35 }
        xs += [0, 1e-300, -1e-18, 1e-9, -3e-5, 0.3465735902799726, -0.3465735902799727, 0.35, -0.5, 2, -20, 700]
        var worst = 0.0
        for x in xs {
            let reference = expm1(x)
            let error = reference == 0 ? abs(fastExpm1(x)) : abs(fastExpm1(x) - reference) / abs(reference)
            worst = max(worst, error)
        }
        #expect(worst < 4 * Double.ulpOfOne)
    }

    /// The block version gives the scalar values, on the branch-free path and on the fallback
    /// path (an infinite return would come out NaN from the polynomial: the scan must see it).
    @Test(arguments: [nil, -0.9, expm1PolynomialBound, -expm1PolynomialBound, expm1PolynomialBound.nextDown,
                      .infinity, -.infinity])
    func blockVersionEqualsScalar(largeReturn: Double?) {
        var rng = Xoshiro256PlusPlus(seed: 2, unit: 0)
        var xs = (0..<1000).map { _ in 0.05 * rng.nextNormal() }
        if let largeReturn { xs[17] = largeReturn }
        var block = xs
        block.withUnsafeMutableBufferPointer { fastExpm1InPlace($0.baseAddress!, count: $0.count) }
        #expect(block == xs.map(fastExpm1))
        #expect(block[17] == fastExpm1(xs[17]))
    }
}
