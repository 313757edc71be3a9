import Foundation
import Testing
@testable import TailRisk

/// The generators against their laws: moments and tail frequencies within
/// binomial / sampling tolerances (about 4 standard errors, fixed seeds).
@Suite struct RandomNumberTests {
    private func normals(_ n: Int, unit: UInt64 = 0) -> [Double] {
        var rng = Xoshiro256PlusPlus(seed: 7, unit: unit)
        var z = [Double](repeating: 0, count: n)
        z.withUnsafeMutableBufferPointer { rng.fillNormals($0.baseAddress!, count: n) }
        return z
    }

    @Test func xoshiroMatchesReferenceOutputs() {
        // Reference: Blackman & Vigna's C code from state (1, 2, 3, 4): 41943041, 58720359, 3588806011781223.
        var rng = Xoshiro256PlusPlus(seed: 0, unit: 0)
        rng.s0 = 1; rng.s1 = 2; rng.s2 = 3; rng.s3 = 4
        #expect(rng.next() == 41_943_041)
        #expect(rng.next() == 58_720_359)
        #expect(rng.next() == 3_588_806_011_781_223)
    }

    @Test func splitMixMatchesReferenceOutputs() {
        // Reference: Vigna's splitmix64.c from state 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4.
        var sm = SplitMix64(state: 0)
        #expect(sm.next() == 0xE220_A839_7B1D_CDAF)
        #expect(sm.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func unitStreamsRepeatAndDiffer() {
        #expect(normals(100, unit: 3) == normals(100, unit: 3))
        #expect(normals(100, unit: 3) != normals(100, unit: 4))
        var a = Xoshiro256PlusPlus(seed: 1, unit: 0), b = Xoshiro256PlusPlus(seed: 2, unit: 0)
        #expect(a.next() != b.next())
    }

    /// Scenario keys repeat, differ between scenarios and seeds, and never give a unit's stream.
    @Test func scenarioStreamsRepeatAndDiffer() {
        var a = Xoshiro256PlusPlus(seed: 7, scenario: 5), b = Xoshiro256PlusPlus(seed: 7, scenario: 5)
        var c = Xoshiro256PlusPlus(seed: 7, scenario: 6), e = Xoshiro256PlusPlus(seed: 8, scenario: 5)
        var u = Xoshiro256PlusPlus(seed: 7, unit: 5)
        let x = a.next()
        #expect(x == b.next())
        #expect(x != c.next() && x != e.next() && x != u.next())
    }

    @Test func normalMomentsMatchStandardNormal() {
        let n = 400_000
        let z = normals(n)
        let m = Double(n)
        let mean = z.reduce(0, +) / m
        let c2 = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m
        let c3 = z.reduce(0) { $0 + pow($1 - mean, 3) } / m
        let c4 = z.reduce(0) { $0 + pow($1 - mean, 4) } / m
        #expect(abs(mean) < 4 / m.squareRoot())
        #expect(abs(c2 - 1) < 4 * (2 / m).squareRoot())
        #expect(abs(c3 / pow(c2, 1.5)) < 4 * (6 / m).squareRoot())
        #expect(abs(c4 / (c2 * c2) - 3) < 4 * (24 / m).squareRoot())
    }

    /// Tail frequencies within 4 binomial standard deviations, including
    /// beyond the ziggurat's tail start R = 3.654 (Marsaglia's tail algorithm).
    @Test(arguments: [(3.0, true), (-4.0, false), (Ziggurat.tailStart, true), (-2.0, false)])
    func normalTailFrequencies(threshold: Double, upper: Bool) {
        let n = 2_000_000
        let z = normals(n, unit: 11)
        let count = z.filter { upper ? $0 > threshold : $0 < threshold }.count
        let p = upper ? 1 - Normal.cdf(threshold) : Normal.cdf(threshold)
        let expected = Double(n) * p
        #expect(abs(Double(count) - expected) < 4 * (expected * (1 - p)).squareRoot() + 1)
    }

    /// Pearson χ² over 80 equal-width bins on [−4, 4] plus the two tails:
    /// a wrong layer edge or wedge test shows up as a misfit somewhere.
    @Test func normalHistogramFitsTheDensity() {
        let n = 1_000_000
        let z = normals(n, unit: 21)
        let bins = 80, width = 8.0 / Double(bins)
        var counts = [Int](repeating: 0, count: bins + 2)
        for x in z {
            let b = ((x + 4) / width).rounded(.down)
            counts[b < 0 ? 0 : (b >= Double(bins) ? bins + 1 : Int(b) + 1)] += 1
        }
        var chi2 = 0.0
        for b in 0..<(bins + 2) {
            let lo = b == 0 ? -Double.infinity : -4 + Double(b - 1) * width
            let hi = b == bins + 1 ? Double.infinity : -4 + Double(b) * width
            let expected = Double(n) * ((hi.isInfinite ? 1 : Normal.cdf(hi)) - (lo.isInfinite ? 0 : Normal.cdf(lo)))
            chi2 += pow(Double(counts[b]) - expected, 2) / expected
        }
        #expect(ChiSquared.survival(chi2, degreesOfFreedom: bins + 1) > 1e-4)
    }

    @Test func zigguratTablesCloseAtZero() {
        let zig = Ziggurat.shared
        #expect(zig.x[Ziggurat.layers] == 0)
        #expect(zig.x[Ziggurat.layers - 1] > 0 && zig.x[Ziggurat.layers - 1] < 0.25)
        #expect(zig.x[1] == Ziggurat.tailStart)
    }

    @Test(arguments: [2.5, 4.0, 30.0])
    func chiSquaredMeanAndVariance(nu: Double) {
        var rng = Xoshiro256PlusPlus(seed: 3, unit: 1)
        let n = 200_000
        let w = (0..<n).map { _ in rng.nextChiSquared(degreesOfFreedom: nu) }
        let m = Double(n)
        let mean = w.reduce(0, +) / m
        let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m - 1)
        #expect(abs(mean - nu) < 4 * (2 * nu / m).squareRoot())
        // Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = 12ν(ν + 4) for χ²_ν.
        let sdVariance = ((12 * nu * (nu + 4) - 4 * nu * nu) / m).squareRoot()
        #expect(abs(variance - 2 * nu) < 5 * sdVariance)
    }

    @Test func boundedIndicesAreUniform() {
        var rng = Xoshiro256PlusPlus(seed: 5, unit: 2)
        let bound = 7, n = 140_000
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<n { counts[rng.nextIndex(below: bound)] += 1 }
        let expected = Double(n) / Double(bound)
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        #expect(ChiSquared.survival(chi2, degreesOfFreedom: bound - 1) > 1e-4)
        #expect(rng.nextIndex(below: 1) == 0)
    }
}
