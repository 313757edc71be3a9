import Foundation
import Testing
@testable import TailRisk

/// The shard readers refuse what the writers never produce (issue 21 item 13): header
/// fields out of bounds or sizing allocations beyond the file, tails with non-finite
/// losses, repeated or foreign indices, and stored tail entries that their scenarios do
/// not regenerate to.
@Suite struct ShardIntegrityTests {
    let engine = MonteCarloEngine()
    let levels = [ConfidenceLevel(0.95), ConfidenceLevel(0.99)]
    let values = [30.0, 50.0, -20.0]

    func settings(pnl: PnLModel = .exact, standalone: Bool = true, antithetic: Bool = false,
                  importance: Bool = false) -> SimulationSettings {
        SimulationSettings(scenarios: 3 * 4096 + 500, seed: 11, threads: 2, antithetic: antithetic, pnl: pnl,
                           standalone: standalone, tailScenariosToExport: 20, histogramBins: importance ? 0 : 16,
                           importanceSampling: importance)
    }

    /// Little-endian field access and a recomputed CRC, as a deliberate edit would do.
    struct Bytes {
        var b: [UInt8]
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        mutating func put(_ x: UInt64, at: Int, bytes: Int = 8) {
            for i in 0..<bytes { b[at + i] = UInt8(truncatingIfNeeded: x >> (8 * UInt64(i))) }
        }
        var sealed: [UInt8] {
            var out = b
            let crc = CRC32.checksum(out[0..<(out.count - 4)])
            for i in 0..<4 { out[out.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
            return out
        }
        /// The first entry of the portfolio tail.
        var firstEntry: Int { 80 + u32(68) + 16 * u32(72) + (u32(12) & 1 == 1 ? 32 + 8 * u32(76) : 0) + 8 }
        var entrySize: Int { u32(16) }
    }

    func message(_ bytes: [UInt8]) -> String {
        do { _ = try TailAccumulator(encoded: bytes); return "decoded" } catch { return "\(error)" }
    }

    @Test func fieldsBeyondTheirBoundsOrTheFileAreRefused() throws {
        let a = try engine.accumulate(model: EngineFixtures.threeAsset(), values: values, levels: levels,
                                      settings: settings(), units: 1..<3)
        let good = Bytes(b: a.encoded())
        let at = good.firstEntry
        let firstIndex = Int(good.u64(at + 8))
        let cases: [(String, (inout Bytes) -> Void)] = [
            ("tail capacity 4611686018427387904", { $0.put(1 << 62, at: 56) }),
            ("4294967295 asset tails beyond the file", { $0.put(0xFFFF_FFFF, at: 64, bytes: 4) }),
            ("scenario count", { $0.put(UInt64(Int.max), at: 48) }),
            ("do not fill the 2 units", { $0.put(2 * 4096 + 1, at: 48) }),
            ("unit 9223372036854775807", { $0.put(UInt64(Int.max), at: 80 + $0.u32(68) + 8) }),
            ("unit ranges out of order", { $0.put(1, at: 80 + $0.u32(68) + 8) }),
            ("header size is wrong", { $0.put(81, at: 20, bytes: 4) }),
            ("histogram counts", { $0.put($0.u64(80 + $0.u32(68) + 16 + 32) + 1, at: 80 + $0.u32(68) + 16 + 32) }),
            ("non-finite loss", { $0.put(Double.infinity.bitPattern, at: at) }),
            ("appears twice", { $0.put(UInt64(firstIndex), at: at + 16 + 8) }),
            ("outside the units covered", { $0.put(100, at: at + 8) }),
            ("not in tail order", { $0.put((-1e9).bitPattern, at: at) }),
            ("not min(capacity, scenarios)", { $0.put($0.u64(at - 8) - 1, at: at - 8) }),
        ]
        for (expected, edit) in cases {
            var bytes = good
            edit(&bytes)
            #expect(message(bytes.sealed).contains(expected), "\(expected): \(message(bytes.sealed))")
            #expect(message(bytes.b).contains("checksum") || bytes.b == good.b)
        }
        #expect(message(good.b) == "decoded")
    }

    /// Whatever a deliberate edit with a recomputed CRC changes, the decoder either
    /// refuses it or gets back bytes `encoded()` writes unchanged: nothing it accepts is
    /// outside what the writer produces (also the fuzz target's property).
    @Test(arguments: [false, true])
    func acceptedBytesAreCanonical(importance: Bool) throws {
        let a = try engine.accumulate(model: EngineFixtures.threeAsset(), values: values, levels: levels,
                                      settings: settings(standalone: false, importance: importance), units: 0..<1)
        let good = a.encoded()
        var rng = Xoshiro256PlusPlus(seed: 21, unit: importance ? 1 : 0)
        var accepted = 0
        for _ in 0..<400 {
            var bytes = Bytes(b: good)
            let position = Int(rng.next() % UInt64(good.count - 4))
            bytes.b[position] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
            let sealed = bytes.sealed
            if let decoded = try? TailAccumulator(encoded: sealed) {
                accepted += 1
                #expect(decoded.encoded() == sealed, "bit flip at byte \(position)")
            }
        }
        // Flips in loss bits that keep the tail order are accepted (the regeneration catches them).
        #expect(accepted > 0)
    }

    @Test(arguments: [(PnLModel.exact, true, false, false), (.linear, false, false, false),
                      (.exact, false, true, false), (.exact, false, false, true)])
    func aStoredEntryThatDoesNotRegenerateIsRefused(pnl: PnLModel, standalone: Bool, antithetic: Bool,
                                                     importance: Bool) throws {
        let model = EngineFixtures.threeAsset()
        let s = settings(pnl: pnl, standalone: standalone, antithetic: antithetic, importance: importance)
        let one = try engine.run(model: model, values: values, levels: levels, settings: s)
        let units = MonteCarloEngine.unitCount(scenarios: s.scenarios)
        let whole = try engine.accumulate(model: model, values: values, levels: levels, settings: s, units: 0..<units)
        func replay(_ bytes: [UInt8]) throws -> SimulationResult {
            var r = s
            r.backend = PrecomputedBackend(try TailAccumulator(encoded: bytes))
            return try engine.run(model: model, values: values, levels: levels, settings: r)
        }
        // The untouched accumulator regenerates to itself (no false alarm, linear shortcut included).
        #expect(try replay(whole.encoded()).estimates == one.estimates)
        var bytes = Bytes(b: whole.encoded())
        let at = bytes.firstEntry
        let index = Int(bytes.u64(at + 8))
        if importance {
            bytes.put((Double(bitPattern: bytes.u64(at + 16)) * 1.5).bitPattern, at: at + 16)
        } else {
            bytes.put((Double(bitPattern: bytes.u64(at)) * 1.001).bitPattern, at: at)
        }
        do {
            _ = try replay(bytes.sealed)
            Issue.record("an altered top entry was accepted")
        } catch let mismatch as TailAccumulator.RegenerationMismatch {
            #expect(mismatch.rank == 0 && mismatch.entry.index == index)
            #expect(mismatch.description.contains(importance ? "likelihood ratio" : "holds loss"), "\(mismatch)")
        }
    }

    // MARK: - shard.json

    static func header(index: String = "1", count: String = "2", format: String = ShardHeader.format,
                       sealed: Bool = true) -> String {
        let text = """
        {
          "format": "\(format)",
          "shard": {"index": \(index), "count": \(count)},
          "units": {"first": 0, "end": 1, "total": 3, "stream_unit": 4096},
          "scenarios": {"run": 10000, "shard": 4096},
          "seed": "7",
          "model": "normal",
          "blas_kernel": "Haswell",
          "fingerprint": "00fb39c96a7ccb3f",
          "inputs": [{"option": "prices", "file": "p.csv", "sha256": "\(String(repeating: "ab", count: 32))"}],
          "arguments": ["simulate", "p.csv"],
          "working_directory": "/tmp",
          "accumulator": {"file": "shard.bin", "bytes": 900, "sha256": "\(String(repeating: "cd", count: 32))"},
          "header_sha256": "\(ShardHeader.unsealed)"
        }

        """
        return sealed ? ShardHeader.sealed(text) : text
    }

    func parseMessage(_ text: String) -> String {
        do { _ = try ShardHeader.parse(Array(text.utf8)); return "parsed" } catch { return "\(error)" }
    }

    @Test func headerFieldsAreBoundedAndChecksummed() throws {
        let h = try ShardHeader.parse(Array(Self.header().utf8))
        #expect(h.index == 1 && h.count == 2 && h.units == 0..<1 && h.shardScenarios == 4096 && h.checksummed)
        for (index, count, expected) in [("-1", "2", "shard.index is -1"), ("1e30", "2", "shard.index is 1e+30"),
                                         ("1.5", "2", "shard.index is 1.5"), ("\"1\"", "2", "no integer shard.index"),
                                         ("1", "0", "shard.count is 0"), ("1", "-4", "shard.count is -4"),
                                         ("1", "1e300", "shard.count is 1e+300"), ("3", "2", "shard.index is 3"),
                                         ("2", "2", "units 0..<1 are not those of shard 2/2 (1..<3)")] {
            #expect(parseMessage(Self.header(index: index, count: count)).contains(expected),
                    "\(index)/\(count): \(parseMessage(Self.header(index: index, count: count)))")
        }
        // An edit without the checksum, a missing or doubled checksum.
        let edited = Self.header().replacingOccurrences(of: "\"seed\": \"7\"", with: "\"seed\": \"8\"")
        #expect(parseMessage(edited).contains("header_sha256 does not match"))
        #expect(parseMessage(Self.header(sealed: false)).contains("does not match"))
        let doubled = Self.header().replacingOccurrences(of: "\"model\": \"normal\"",
                                                         with: "\"extra\": {\"header_sha256\": \"\(ShardHeader.unsealed)\"}, \"model\": \"normal\"")
        #expect(parseMessage(doubled).contains("no header_sha256"))
        // Format 1 (no checksums) is read and range-checked.
        let legacy = Self.header(format: ShardHeader.legacyFormat, sealed: false)
        #expect(try !ShardHeader.parse(Array(legacy.utf8)).checksummed)
        #expect(parseMessage(Self.header(count: "0", format: ShardHeader.legacyFormat, sealed: false)).contains("shard.count is 0"))
        #expect(parseMessage("[1, 2]").contains("not a JSON object"))
    }
}
