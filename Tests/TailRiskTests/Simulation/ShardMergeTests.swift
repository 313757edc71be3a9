import Foundation
import Testing
@testable import TailRisk

/// Any split of a run's units into shards, evaluated apart, encoded, decoded and
/// merged, gives one run's result bit for bit (design.md "Beyond one machine").
@Suite struct ShardMergeTests {
    let engine = MonteCarloEngine()
    let levels = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)]
    let values = [30.0, 50.0, -20.0]

    static let models: [ScenarioModel] = [
        EngineFixtures.threeAsset(),
        EngineFixtures.threeAsset(law: .studentT(degreesOfFreedom: 5), horizon: 3),
        ScenarioModel(law: BootstrapLaw(history: EngineFixtures.history(days: 300, assets: 3)), horizon: 2),
    ]

    /// 7 whole units and a partial one, everything optional switched on.
    func settings(standalone: Bool = true, seed: UInt64 = 7) -> SimulationSettings {
        SimulationSettings(scenarios: 7 * 4096 + 999, seed: seed, threads: 2, standalone: standalone,
                           tailScenariosToExport: 40, histogramBins: 30)
    }

    /// A random partition of `0..<units` into `parts` contiguous ranges (some empty, some of one unit).
    static func split(_ units: Int, parts: Int, rng: inout Xoshiro256PlusPlus) -> [Range<Int>] {
        var cuts = (0..<(parts - 1)).map { _ in Int(rng.next() % UInt64(units + 1)) }
        cuts.sort()
        let bounds = [0] + cuts + [units]
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
    }

    func expectSame(_ a: SimulationResult, _ b: SimulationResult) {
        #expect(a.scenarios == b.scenarios)
        #expect(a.estimates == b.estimates)
        #expect(a.estimates.map { $0.contributions!.map(\.bitPattern) } == b.estimates.map { $0.contributions!.map(\.bitPattern) })
        #expect(a.standalone.map { $0.map { $0.map(\.expectedShortfall.bitPattern) } }
            == b.standalone.map { $0.map { $0.map(\.expectedShortfall.bitPattern) } })
        #expect(a.tail == b.tail)
        #expect(a.histogram == b.histogram)
    }

    @Test(arguments: [(0, true), (1, false), (2, true)])
    func randomSplitsMergeToOneRun(model: Int, standalone: Bool) throws {
        let m = Self.models[model]
        let s = settings(standalone: standalone)
        let one = try engine.run(model: m, values: values, levels: levels, settings: s)
        let units = MonteCarloEngine.unitCount(scenarios: s.scenarios)
        #expect(units == 8)
        var rng = Xoshiro256PlusPlus(seed: 2026, scenario: UInt64(model))
        for parts in [1, 2, 3, 5, 11] {
            let ranges = Self.split(units, parts: parts, rng: &rng)
            // Shards evaluated apart, written and read back, merged in a shuffled order.
            var shards = try ranges.map { r in
                try TailAccumulator(encoded: engine.accumulate(model: m, values: values, levels: levels, settings: s,
                                                               units: r).encoded())
            }
            shards.shuffle(using: &rng)
            var merged = shards[0]
            for shard in shards.dropFirst() { try merged.merge(shard) }
            #expect(merged.covers(exactly: 0..<units))
            var replay = s
            replay.backend = PrecomputedBackend(merged)
            expectSame(try engine.run(model: m, values: values, levels: levels, settings: replay), one)
        }
    }

    /// The contiguous shard ranges of `--shard i/N` partition the units, for more shards than units too.
    @Test func shardRangesPartitionTheUnits() {
        for total in [0, 1, 5, 8, 100] {
            for n in [1, 2, 3, 7, 16] {
                let ranges = (1...n).map { MonteCarloEngine.shardUnits($0, of: n, units: total) }
                #expect(ranges.first!.lowerBound == 0 && ranges.last!.upperBound == total)
                for k in 1..<n { #expect(ranges[k - 1].upperBound == ranges[k].lowerBound) }
                #expect(ranges.allSatisfy { $0.count <= (total + n - 1) / n })
            }
        }
    }

    @Test func encodingRoundTripsAndRecordsItsLayout() throws {
        let m = Self.models[0]
        let a = try engine.accumulate(model: m, values: values, levels: levels, settings: settings(), units: 2..<5)
        let bytes = a.encoded()
        #expect(Array(bytes[0..<8]) == Array("TRTAILAC".utf8))
        let b = try TailAccumulator(encoded: bytes)
        #expect(b.encoded() == bytes)
        #expect(b.units == [2..<5] && b.scenarios == 3 * 4096 && b.kernel == BLAS.kernel)
        #expect(b.sortedTail == a.sortedTail && b.sortedAssetTails == a.sortedAssetTails)
        #expect(b.lossHistogram == a.lossHistogram)
        // 16 bytes per tail entry: header, kernel, one range, histogram, (1 + 3) tails, CRC.
        let entries = ([a.sortedTail] + a.sortedAssetTails).reduce(0) { $0 + $1.count }
        #expect(bytes.count == 80 + a.kernel.utf8.count + 16 + 32 + 8 * 30 + 4 * 8 + 16 * entries + 4)
        // Codable carries the same bytes.
        let json = try JSONEncoder().encode([a])
        #expect(try JSONDecoder().decode([TailAccumulator].self, from: json)[0].encoded() == bytes)
    }

    @Test func truncatedCorruptedAndForeignBytesAreRefused() throws {
        let m = Self.models[0]
        let bytes = try engine.accumulate(model: m, values: values, levels: levels, settings: settings(), units: 0..<2).encoded()
        func message(_ b: [UInt8]) -> String {
            do { _ = try TailAccumulator(encoded: b); return "decoded" } catch { return "\(error)" }
        }
        #expect(message(Array(bytes.dropLast(100))).contains("truncated"))
        #expect(message(Array(bytes.prefix(5))).contains("too short"))
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        #expect(message(flipped).contains("checksum"))
        var other = bytes
        other[0] = UInt8(ascii: "X")
        #expect(message(other).contains("not a tail accumulator"))
        // The weight flag (importance sampling) on 16-byte entries: refused, checksum valid.
        var weighted = bytes
        weighted[12] |= 2
        let crc = CRC32.checksum(weighted[0..<(weighted.count - 4)])
        for i in 0..<4 { weighted[weighted.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        #expect(message(weighted).contains("entry size"))
    }

    @Test func mergeRefusesOverlapsOtherRunsAndOtherKernels() throws {
        let m = Self.models[0]
        let s = settings()
        let a = try engine.accumulate(model: m, values: values, levels: levels, settings: s, units: 0..<3)
        let b = try engine.accumulate(model: m, values: values, levels: levels, settings: s, units: 2..<4)
        var merged = a
        #expect(throws: TailAccumulator.MergeError.self) { try merged.merge(b) }
        #expect(merged.units == [0..<3])
        let foreign = try engine.accumulate(model: m, values: values, levels: levels, settings: settings(seed: 8), units: 3..<4)
        #expect(throws: TailAccumulator.MergeError.self) { try merged.merge(foreign) }
        // Another kernel: the same bytes with the kernel name changed (and a valid checksum).
        let c = try engine.accumulate(model: m, values: values, levels: levels, settings: s, units: 3..<4)
        var renamed = c
        renamed = try TailAccumulator(encoded: Self.withKernel("OtherCPU", c))
        #expect(renamed.kernel == "OtherCPU")
        #expect(throws: TailAccumulator.MergeError.self) { try merged.merge(renamed) }
        try merged.merge(c)
        #expect(merged.units == [0..<4])
        // A merged accumulator of part of the run is no run.
        var replay = s
        replay.backend = PrecomputedBackend(merged)
        #expect(throws: TailAccumulator.MergeError.self) {
            _ = try engine.run(model: m, values: values, levels: levels, settings: replay)
        }
    }

    /// `c`'s encoding with another kernel name, the sizes and checksum fixed up.
    static func withKernel(_ name: String, _ c: TailAccumulator) -> [UInt8] {
        var bytes = c.encoded()
        let old = c.kernel.utf8.count
        var out = Array(bytes[0..<80]) + Array(name.utf8) + Array(bytes[(80 + old)..<(bytes.count - 4)])
        func put32(_ x: Int, at o: Int) { for i in 0..<4 { out[o + i] = UInt8(truncatingIfNeeded: x >> (8 * i)) } }
        put32(80 + name.utf8.count, at: 20)
        put32(name.utf8.count, at: 68)
        let total = out.count + 4
        for i in 0..<8 { out[24 + i] = UInt8(truncatingIfNeeded: total >> (8 * i)) }
        let crc = CRC32.checksum(out[...])
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i)))) }
        bytes = out
        return bytes
    }

    /// A backend that splits each round into random pieces, evaluates them on
    /// threads and merges them: adaptive precision by rounds on it equals the thread backend.
    struct PiecewiseBackend: EngineBackend {
        let seed: UInt64
        func evaluate(_ plan: SimulationPlan, units: Range<Int>,
                      progress: (@Sendable (Int, Int) -> Void)?) throws -> TailAccumulator {
            var rng = Xoshiro256PlusPlus(seed: seed, scenario: UInt64(units.lowerBound))
            let pieces = ShardMergeTests.split(units.count, parts: 3, rng: &rng)
            var merged = plan.emptyAccumulator()
            for p in pieces.reversed() {
                let shifted = (units.lowerBound + p.lowerBound)..<(units.lowerBound + p.upperBound)
                try merged.merge(ThreadBackend().evaluate(plan, units: shifted, progress: nil))
            }
            return merged
        }
    }

    @Test func adaptivePrecisionRunsByRoundsOnAnyBackend() throws {
        let m = Self.models[1]
        var s = SimulationSettings(scenarios: 4096, threads: 2, targetPrecision: 0.03, maxScenarios: 60 * 4096,
                                   tailScenariosToExport: 10)
        let threads = try engine.run(model: m, values: values, levels: levels, settings: s)
        s.backend = PiecewiseBackend(seed: 3)
        let pieces = try engine.run(model: m, values: values, levels: levels, settings: s)
        #expect(threads.scenarios > 4096)  // more than one round
        #expect(threads.scenarios % 4096 == 0)
        expectSameAdaptive(pieces, threads)
    }

    func expectSameAdaptive(_ a: SimulationResult, _ b: SimulationResult) {
        #expect(a.scenarios == b.scenarios)
        #expect(a.estimates == b.estimates)
        #expect(a.tail == b.tail)
        #expect(a.precisionReached == b.precisionReached)
    }

    @Test func shardsRefuseTargetPrecision() {
        var s = settings()
        s.targetPrecision = 0.01
        #expect(throws: TailRiskError.self) {
            _ = try engine.accumulate(model: Self.models[0], values: values, levels: levels, settings: s, units: 0..<1)
        }
    }
}
