import FuzzSupport
import TailRisk

/// The two shard readers `tailrisk merge` uses, on arbitrary bytes: the accumulator
/// (`shard.bin`, `TailAccumulator(encoded:)`) and the header (`shard.json`,
/// `ShardHeader.parse`). Each input is read as it is and, so that mutations reach the
/// field checks behind the checksums, once more with its checksums recomputed (the
/// accumulator's total size and CRC-32, the header's `header_sha256`), as a deliberate
/// edit would. What the readers accept must be what the writers produce: an accepted
/// accumulator re-encodes to the same bytes, holds `min(capacity, scenarios)` entries
/// and refuses to merge with itself when it covers units; an accepted header's units
/// are those of its shard. A thrown error is the expected answer to bad input;
/// crashes, traps, hangs and running out of memory (a field sizing an allocation) are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzShardReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    for candidate in [bytes, withRecomputedCRC(bytes)] {
        guard let accumulator = try? TailAccumulator(encoded: candidate) else { continue }
        precondition(accumulator.encoded() == candidate, "an accepted accumulator must re-encode to its bytes")
        precondition(accumulator.sortedTail.count == min(accumulator.capacity, accumulator.scenarios))
        var twice = accumulator
        let merged = (try? twice.merge(accumulator)) != nil
        precondition(merged == accumulator.units.isEmpty, "a self-merge must be refused when units overlap")
    }
    for candidate in [bytes, resealed(bytes)] {
        guard let header = try? ShardHeader.parse(candidate) else { continue }
        precondition((1...header.count).contains(header.index) && header.units.upperBound <= header.totalUnits)
        precondition(header.units == MonteCarloEngine.shardUnits(header.index, of: header.count, units: header.totalUnits))
    }
    return 0
}

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320) by table, as `shard.bin` uses.
let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}

/// `bytes` with the total at offset 24 set to its length and the last 4 bytes the CRC-32 of the rest.
func withRecomputedCRC(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count >= 84 else { return bytes }
    var out = bytes
    for i in 0..<8 { out[24 + i] = UInt8(truncatingIfNeeded: UInt64(out.count) >> (8 * UInt64(i))) }
    var c: UInt32 = 0xFFFF_FFFF
    crcTable.withUnsafeBufferPointer { t in
        for b in out.dropLast(4) { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    }
    c ^= 0xFFFF_FFFF
    for i in 0..<4 { out[out.count - 4 + i] = UInt8(truncatingIfNeeded: c >> (8 * UInt32(i))) }
    return out
}

/// `bytes` with the 64 characters after the first `"header_sha256": "` replaced by the
/// SHA-256 of the text with those characters zeroed (what `ShardHeader.sealed` writes).
func resealed(_ bytes: [UInt8]) -> [UInt8] {
    let key = Array("\"\(ShardHeader.checksumKey)\": \"".utf8)
    guard bytes.count >= key.count + 64, bytes.first == UInt8(ascii: "{"),
          let at = (0...(bytes.count - key.count - 64)).first(where: { bytes[$0] == key[0] && bytes[$0..<($0 + key.count)].elementsEqual(key) })
    else { return bytes }
    var out = bytes
    let digits = at + key.count
    out.replaceSubrange(digits..<(digits + 64), with: Array(ShardHeader.unsealed.utf8))
    out.replaceSubrange(digits..<(digits + 64), with: Array(SHA256.hex(out).utf8))
    return out
}

fuzzMain(fuzzShardReader)
