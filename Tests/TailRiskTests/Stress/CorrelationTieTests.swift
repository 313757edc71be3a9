import Foundation
import Testing
@testable import TailRisk

/// Issue 21 item 18: correlation breaks to ±1 (valid, singular), breaks near ±1 (which the
/// plain alternating projections did not finish in 2,000 iterations), and the report of
/// the other correlations a break moves.
@Suite struct CorrelationTieTests {
    static let c = CorrelationBreakTests.c
    static let names = ["BTC", "ETH", "LTC", "XRP"]

    /// `L Lᵀ` for a lower-triangular `L`.
    static func product(_ l: Matrix) -> Matrix { BLAS.multiply(l, l, transposeB: true) }

    @Test(arguments: [1.0, -1.0])
    func aBreakToPlusOrMinusOneTiesTheAssetsExactly(value: Double) throws {
        let r = try FixedCorrelation.nearest(Self.c, fixing: [.init(i: 0, j: 1, value: value)], names: Self.names)
        let m = r.correlation
        #expect(m[0, 1] == value && m[1, 0] == value)
        #expect((0..<4).allSatisfy { m[$0, $0] == 1 })
        // z_ETH = ±z_BTC: every other correlation of ETH is ± BTC's.
        for k in 2..<4 { #expect(m[1, k] == value * m[0, k]) }
        #expect(r.tied == [[0, 1]])
        #expect(abs(r.minimumEigenvalueAfter) < 1e-12)
        let l = try #require(r.factor)
        for j in 0..<4 { for i in 0..<j { #expect(l[i, j] == 0) } }
        #expect(Self.product(l).maxAbsDifference(m) < 1e-14)
        #expect(Cholesky.factor(m) == nil, "singular: dpotrf cannot factor it")
        // The limit of breaks approaching ±1 (the accelerated projection, no ties).
        let near = try FixedCorrelation.nearest(Self.c, fixing: [.init(i: 0, j: 1, value: value * (1 - 1e-7))])
        #expect(near.tied.isEmpty && near.factor == nil)
        #expect(near.correlation.maxAbsDifference(m) < 1e-3)
        // Moved entries are reported: ETH's correlations with LTC and XRP at least.
        let moved = Set(r.changes.map { [$0.i, $0.j] })
        #expect(moved.contains([1, 2]) && moved.contains([1, 3]) && !moved.contains([0, 1]))
    }

    /// Tied groups chain (BTC = ETH = LTC) and carry other breaks to every member.
    @Test func tiesChainAndCarryOtherBreaks() throws {
        let r = try FixedCorrelation.nearest(Self.c, fixing: [.init(i: 0, j: 1, value: 1), .init(i: 1, j: 2, value: -1),
                                                              .init(i: 0, j: 3, value: 0.5)])
        #expect(r.tied == [[0, 1, 2]])
        let m = r.correlation
        #expect(m[0, 2] == -1 && m[0, 3] == 0.5 && m[1, 3] == 0.5 && m[2, 3] == -0.5)
        #expect(Self.product(try #require(r.factor)).maxAbsDifference(m) < 1e-14)
    }

    @Test(arguments: [
        [FixedCorrelation.Entry(i: 0, j: 1, value: 1), .init(i: 1, j: 2, value: 1), .init(i: 0, j: 2, value: 0.5)],
        [FixedCorrelation.Entry(i: 0, j: 1, value: 1), .init(i: 1, j: 2, value: 1), .init(i: 0, j: 2, value: -1)],
        [FixedCorrelation.Entry(i: 0, j: 1, value: 1), .init(i: 0, j: 2, value: 0.3), .init(i: 1, j: 2, value: 0.5)],
    ])
    func refusesTiesThatContradictOtherBreaks(entries: [FixedCorrelation.Entry]) {
        #expect { _ = try FixedCorrelation.nearest(Self.c, fixing: entries, names: Self.names) } throws: { error in
            "\(error)".contains("correlation override") && "\(error)".contains("BTC")
        }
    }

    /// Three set correlations with no correlation matrix: the error names them and the range allowed.
    @Test func namesATripleThatAdmitsNoCorrelationMatrix() {
        let entries = [FixedCorrelation.Entry(i: 0, j: 1, value: 0.9), .init(i: 0, j: 2, value: 0.9), .init(i: 1, j: 2, value: -0.9)]
        #expect { _ = try FixedCorrelation.nearest(Self.c, fixing: entries, names: Self.names, maxIterations: 200) } throws: { error in
            let text = "\(error)"
            return text.contains("BTC:ETH=0.9") && text.contains("ETH:LTC=-0.9") && text.contains("between 0.62")
        }
    }

    /// Near ±1 the plain projections needed 8,600 (−0.99) and 20,600 (0.999) iterations on this
    /// matrix (NumPy, same algorithm) and stopped at 2,000 with "no nearby correlation matrix".
    @Test(arguments: [0.999, -0.99, 0.9999])
    func breaksNearPlusOrMinusOneConverge(value: Double) throws {
        let r = try FixedCorrelation.nearest(Self.c, fixing: [.init(i: 0, j: 1, value: value)])
        #expect(r.iterations > 0 && r.iterations < 300)
        #expect(r.correlation[0, 1] == value && (0..<4).allSatisfy { r.correlation[$0, $0] == 1 })
        #expect(r.minimumEigenvalueAfter > 0.9 * NearestCorrelation.defaultFloor)
        #expect(Cholesky.factor(r.correlation) != nil)
        // The changes listed are exactly the entries that moved, largest first.
        for ch in r.changes {
            #expect(ch.before == Self.c[ch.i, ch.j] && ch.after == r.correlation[ch.i, ch.j])
        }
        #expect(zip(r.changes, r.changes.dropFirst()).allSatisfy { abs($0.delta) >= abs($1.delta) })
        #expect(!r.changes.isEmpty)
    }
}
