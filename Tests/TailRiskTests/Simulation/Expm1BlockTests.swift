import Foundation
import Testing
@testable import TailRisk

/// `fastExpm1InPlace` works eight values at a time with a scalar remainder: a value outside
/// the polynomial's range (or a NaN) in any lane of a group, or in the remainder, must still
/// give `fastExpm1`'s value, and the other lanes of its group theirs.
@Suite struct Expm1BlockTests {
    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 1003])
    func everyLengthAndPosition(count: Int) {
        var rng = Xoshiro256PlusPlus(seed: 3, unit: UInt64(count))
        let xs = (0..<count).map { _ in 0.03 * rng.nextNormal() }
        for position in Set([0, count / 2, count - 1]) {
            for large in [0.5, -0.4, .nan] {
                var values = xs
                values[position] = large
                var block = values
                block.withUnsafeMutableBufferPointer { fastExpm1InPlace($0.baseAddress!, count: $0.count) }
                for k in 0..<count where k != position { #expect(block[k] == fastExpm1(values[k])) }
                if large.isNaN {
                    #expect(block[position].isNaN)
                } else {
                    #expect(block[position] == expm1(large))
                }
            }
        }
    }
}
