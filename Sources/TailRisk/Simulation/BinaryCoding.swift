/// The little-endian integer coding and CRC-32 of the binary accumulator
/// (`TailAccumulator+Binary.swift`): appends, bounded reads that throw instead of
/// trapping, and the checksum.

/// Little-endian appends.
struct BinaryWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ x: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt32(i)))) } }
    mutating func u64(_ x: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
}

/// Little-endian reads that throw at the end instead of trapping.
struct BinaryReader {
    let bytes: [UInt8]
    var offset: Int
    var end: Int

    init(bytes: [UInt8], at offset: Int) {
        self.bytes = bytes
        self.offset = offset
        end = bytes.count
    }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= end - offset else { throw TailAccumulator.DecodingError("truncated field at byte \(offset)") }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func u32() throws -> UInt32 {
        try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws -> UInt64 {
        try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// A count or index: a `UInt64` of at most `limit`.
    mutating func int(atMost limit: Int, _ what: String) throws -> Int {
        let x = try u64()
        guard x <= UInt64(limit) else {
            throw TailAccumulator.DecodingError("\(what) \(x) at byte \(offset - 8) is out of range (at most \(limit))")
        }
        return Int(x)
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib's `crc32`), by a 256-entry table.
/// - Complexity: O(n), one table look-up per byte.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}
