import Foundation

/// The binary form of a `TailAccumulator` (shard files, MPI messages): versioned,
/// sized and checksummed, 16 bytes per tail entry (24 under importance sampling). Every integer is
/// little-endian, every real an IEEE-754 binary64 bit pattern, so a file reads
/// back bit for bit on any machine.
///
/// ```
/// offset  bytes  field
///      0      8  magic "TRTAILAC"
///      8      4  format version (1)
///     12      4  flags: bit 0 histogram present; bit 1 entries carry their
///                importance-sampling weight (24-byte entries loss, index,
///                weight; readers before importance sampling refuse the flag);
///                bit 2 unit records follow the tails (a payoff's per-unit
///                sums, `Payoff.recordWidth`; readers before it refuse the flag)
///     16      4  bytes per tail entry (16, or 24 with bit 1)
///     20      4  header bytes (80 + kernel bytes)
///     24      8  total bytes, checksum included
///     32      8  run fingerprint (SimulationPlan.fingerprint)
///     40      8  stream unit (scenarios per unit)
///     48      8  scenarios evaluated
///     56      8  capacity of each tail
///     64      4  assets with their own tail (0 unless standalone)
///     68      4  kernel bytes K
///     72      4  unit ranges R
///     76      4  histogram bins B
///     80      K  BLAS kernel, UTF-8
///             16R unit ranges: lower, upper (UInt64 each)
///             32+8B histogram (flag bit 0): lower bound, bin width, underflow, overflow, B counts
///             per tail (portfolio, then each asset): entries E (UInt64), then E × (loss Float64, index UInt64
///             [, weight Float64 with flag bit 1])
///             with flag bit 2: records U (UInt64, one per covered unit), then per record in unit order
///             its unit (UInt64), its length W (UInt64) and W × Float64
///    end−4    4  CRC-32 (IEEE 802.3) of every byte before it
/// ```
/// Tails are stored in tail order, at most `capacity` entries each.
/// - Complexity: O(file size) to write or read; the file is
///   `≈ 16·capacity·(1 + assets) + 8·bins` bytes.
extension TailAccumulator {
    public static let magic = Array("TRTAILAC".utf8)
    public static let formatVersion: UInt32 = 1
    static let histogramFlag: UInt32 = 1
    static let weightFlag: UInt32 = 2
    static let recordFlag: UInt32 = 4
    static let fixedHeader = 80

    /// Bytes per encoded tail entry: 16, or 24 with the weight.
    var entryBytes: Int { weighted ? 24 : 16 }

    /// The encoded bytes.
    public func encoded() -> [UInt8] {
        let kernelBytes = Array(kernel.utf8)
        let tails = [tail.sorted] + assetTails.map(\.sorted)
        var out = BinaryWriter()
        out.bytes.reserveCapacity(Self.fixedHeader + kernelBytes.count + 16 * units.count
                                  + 32 + 8 * (histogram?.counts.count ?? 0)
                                  + tails.reduce(0) { $0 + 8 + entryBytes * $1.count } + 4)
        out.bytes += Self.magic
        out.u32(Self.formatVersion)
        out.u32((histogram == nil ? 0 : Self.histogramFlag) | (weighted ? Self.weightFlag : 0)
                | (recorded ? Self.recordFlag : 0))
        out.u32(UInt32(entryBytes))
        out.u32(UInt32(Self.fixedHeader + kernelBytes.count))
        let totalAt = out.bytes.count
        out.u64(0)  // total, patched below
        out.u64(fingerprint)
        out.u64(UInt64(SimulationPlan.streamUnit))
        out.u64(UInt64(scenarios))
        out.u64(UInt64(capacity))
        out.u32(UInt32(assets))
        out.u32(UInt32(kernelBytes.count))
        out.u32(UInt32(units.count))
        out.u32(UInt32(histogram?.counts.count ?? 0))
        out.bytes += kernelBytes
        for r in units { out.u64(UInt64(r.lowerBound)); out.u64(UInt64(r.upperBound)) }
        if let h = histogram {
            out.u64(h.lowerBound.bitPattern)
            out.u64(h.binWidth.bitPattern)
            out.u64(UInt64(h.underflow))
            out.u64(UInt64(h.overflow))
            for c in h.counts { out.u64(UInt64(c)) }
        }
        for t in tails {
            out.u64(UInt64(t.count))
            for e in t {
                out.u64(e.loss.bitPattern)
                out.u64(UInt64(e.index))
                if weighted { out.u64(e.weight.bitPattern) }
            }
        }
        if recorded {
            out.u64(UInt64(records.count))
            for u in records.keys.sorted() {
                out.u64(UInt64(u))
                out.u64(UInt64(records[u]!.count))
                for x in records[u]! { out.u64(x.bitPattern) }
            }
        }
        let total = UInt64(out.bytes.count + 4)
        for i in 0..<8 { out.bytes[totalAt + i] = UInt8(truncatingIfNeeded: total >> (8 * UInt64(i))) }
        out.u32(CRC32.checksum(out.bytes[...]))
        return out.bytes
    }

    /// Reads an encoded accumulator.
    ///
    /// Every field is bounded before anything is allocated from it, and every
    /// allocation is tied to the file's size: the asset count by the 8 bytes each
    /// tail needs, the capacity by `Limits.scenarios`, units below
    /// `maximumUnits` (sorted, disjoint, non-adjacent), the scenario count by the
    /// units (only the last unit may be cut short), the histogram by its bins'
    /// place in the file and its total by the scenario count. Each tail must hold
    /// `min(capacity, scenarios)` entries in strict tail order, with finite losses,
    /// finite non-negative weights and distinct indices of scenarios inside the
    /// units. So the decoded bytes are exactly what `encoded()` writes
    /// (`TailAccumulator(encoded: b).encoded() == b`), and a hand-edited
    /// field with a recomputed CRC is refused rather than trusted.
    /// - Throws: `DecodingError` saying what is wrong: not an accumulator, another
    ///   version, truncated, a checksum mismatch (corrupted) or inconsistent fields.
    public init(encoded bytes: [UInt8]) throws {
        guard bytes.count >= Self.fixedHeader + 4, Array(bytes[0..<8]) == Self.magic else {
            throw DecodingError(bytes.count < 8 ? "too short (\(bytes.count) bytes) to be a tail accumulator"
                : Array(bytes[0..<8]) != Self.magic ? "not a tail accumulator (no TRTAILAC magic)"
                : "truncated: \(bytes.count) bytes, fewer than the header's \(Self.fixedHeader + 4)")
        }
        var r = BinaryReader(bytes: bytes, at: 8)
        let version = try r.u32()
        guard version == Self.formatVersion else {
            throw DecodingError("format version \(version); this tailrisk reads version \(Self.formatVersion)")
        }
        let flags = try r.u32()
        let weighted = flags & Self.weightFlag != 0
        let size = weighted ? 24 : 16
        let recorded = flags & Self.recordFlag != 0
        guard flags & ~(Self.histogramFlag | Self.weightFlag | Self.recordFlag) == 0, try r.u32() == UInt32(size) else {
            throw DecodingError("unknown flags or entry size")
        }
        let headerBytes = try r.u32()
        let total = try r.u64()
        guard total == UInt64(bytes.count) else {
            throw DecodingError(UInt64(bytes.count) < total
                ? "truncated: \(bytes.count) of \(total) bytes" : "\(bytes.count) bytes where the header says \(total)")
        }
        let stored = UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8
            | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24
        guard CRC32.checksum(bytes[0..<(bytes.count - 4)]) == stored else {
            throw DecodingError("checksum mismatch: the file is corrupted")
        }
        r.end = bytes.count - 4
        let fingerprint = try r.u64()
        guard try r.u64() == UInt64(SimulationPlan.streamUnit) else { throw DecodingError("another stream unit") }
        let scenarios = try r.int(atMost: Limits.scenarios, "scenario count")
        let capacity = try r.int(atMost: Limits.scenarios, "tail capacity")
        let assets = Int(try r.u32()), kernelCount = Int(try r.u32()), rangeCount = Int(try r.u32())
        let bins = Int(try r.u32())
        guard capacity >= 1 else { throw DecodingError("tail capacity 0") }
        // Each of the 1 + assets tails takes at least its 8-byte entry count.
        guard assets < (r.end - r.offset) / 8 else { throw DecodingError("\(assets) asset tails beyond the file") }
        let kernelBytes = kernelCount <= Self.maximumKernelBytes ? try r.take(kernelCount) : []
        let kernel = String(decoding: kernelBytes, as: UTF8.self)
        guard kernelCount >= 1, kernelCount <= Self.maximumKernelBytes, Int(headerBytes) == Self.fixedHeader + kernelCount,
              kernel.utf8.elementsEqual(kernelBytes) else {
            throw DecodingError("the BLAS kernel name is empty, too long or not UTF-8, or the header size is wrong")
        }
        guard rangeCount <= (r.end - r.offset) / 16 else { throw DecodingError("unit ranges beyond the file") }
        var ranges: [Range<Int>] = []
        for _ in 0..<rangeCount {
            let lower = try r.int(atMost: Self.maximumUnits, "unit"), upper = try r.int(atMost: Self.maximumUnits, "unit")
            guard upper > lower, (ranges.last?.upperBound ?? -1) < lower else {
                throw DecodingError("unit ranges out of order, empty, overlapping or adjacent")
            }
            ranges.append(lower..<upper)
        }
        let unit = SimulationPlan.streamUnit
        let unitCount = ranges.reduce(0) { $0 + $1.count }
        // Only the last unit of a run may be cut short: it holds 1…streamUnit scenarios.
        guard unitCount == 0 ? scenarios == 0 : scenarios > (unitCount - 1) * unit && scenarios <= unitCount * unit else {
            throw DecodingError("\(scenarios) scenarios do not fill the \(unitCount) units covered")
        }
        let shortfall = unitCount * unit - scenarios
        var histogram: LossHistogram? = nil
        if flags & Self.histogramFlag != 0 {
            let lower = Double(bitPattern: try r.u64()), width = Double(bitPattern: try r.u64())
            let under = try r.int(atMost: scenarios, "histogram underflow"), over = try r.int(atMost: scenarios, "histogram overflow")
            guard bins >= 1, bins <= Limits.histogramBins, bins <= (r.end - r.offset) / 8 else {
                throw DecodingError("histogram bins beyond the file")
            }
            guard lower.isFinite, width.isFinite, width > 0 else { throw DecodingError("histogram bounds not finite") }
            var counts = [Int](repeating: 0, count: bins)
            for i in 0..<bins { counts[i] = try r.int(atMost: scenarios, "histogram count") }
            histogram = LossHistogram(lowerBound: lower, binWidth: width, counts: counts, underflow: under, overflow: over)
            guard histogram!.total == scenarios else {
                throw DecodingError("the histogram counts \(histogram!.total) losses, not the \(scenarios) scenarios")
            }
        } else if bins != 0 {
            throw DecodingError("histogram bins without a histogram")
        }
        /// Whether scenario `i` lies in the covered units (the last one cut short by `shortfall`).
        func covered(_ i: Int) -> Bool {
            guard let last = ranges.last, i < last.upperBound * unit - shortfall else { return false }
            return ranges.contains { $0.lowerBound * unit <= i && i < $0.upperBound * unit }
        }
        self.init(capacity: capacity, assets: assets, histogram: histogram, kernel: kernel, fingerprint: fingerprint,
                  weighted: weighted, recorded: recorded)
        let entriesPerTail = min(capacity, scenarios)
        for t in 0...assets {
            let what = t == 0 ? "the portfolio tail" : "asset tail \(t)"
            let count = try r.int(atMost: Int(Int32.max), "\(what)'s entry count")
            guard count <= (r.end - r.offset) / size else { throw DecodingError("\(what) beyond the file") }
            guard count == entriesPerTail else {
                throw DecodingError("\(what) holds \(count) entries, not min(capacity, scenarios) = \(entriesPerTail)")
            }
            var entries: [TailEntry] = []
            entries.reserveCapacity(count)
            var indices = Set<Int>(minimumCapacity: count)
            for _ in 0..<count {
                let loss = Double(bitPattern: try r.u64()), index = try r.int(atMost: Int.max, "scenario index")
                let weight = weighted ? Double(bitPattern: try r.u64()) : 1
                guard loss.isFinite, weight.isFinite, weight >= 0 else {
                    throw DecodingError("\(what): scenario \(index) has a non-finite loss or weight (\(loss), \(weight))")
                }
                guard covered(index) else { throw DecodingError("\(what): scenario \(index) lies outside the units covered") }
                guard indices.insert(index).inserted else { throw DecodingError("\(what): scenario \(index) appears twice") }
                let entry = TailEntry(loss: loss, index: index, weight: weight)
                if let previous = entries.last, !TailEntry.precedes(previous, entry) {
                    throw DecodingError("\(what) is not in tail order at scenario \(index)")
                }
                entries.append(entry)
            }
            let buffer = TailBuffer(capacity: capacity, entries: entries)
            if t == 0 { tail = buffer } else { assetTails[t - 1] = buffer }
        }
        if recorded {
            // One record per covered unit, in unit order, each of finite values inside the file.
            let count = try r.int(atMost: Self.maximumUnits, "record count")
            guard count == unitCount else { throw DecodingError("\(count) unit records for \(unitCount) units covered") }
            var previous = -1
            for _ in 0..<count {
                let u = try r.int(atMost: Self.maximumUnits, "record unit")
                guard u > previous, ranges.contains(where: { $0.contains(u) }) else {
                    throw DecodingError("unit record \(u) out of order or outside the units covered")
                }
                previous = u
                let width = try r.int(atMost: (r.end - r.offset) / 8, "record length")
                var values = [Double](repeating: 0, count: width)
                for i in 0..<width {
                    values[i] = Double(bitPattern: try r.u64())
                    guard values[i].isFinite else { throw DecodingError("unit record \(u) holds a non-finite value") }
                }
                records[u] = values
            }
        }
        guard r.offset == r.end else { throw DecodingError("\(r.end - r.offset) bytes after the last tail") }
        self.units = ranges
        self.scenarios = scenarios
    }

    /// Longest BLAS kernel name read.
    static let maximumKernelBytes = 1024
    /// Units beyond the largest run (`Limits.scenarios`).
    static let maximumUnits = (Limits.scenarios + SimulationPlan.streamUnit - 1) / SimulationPlan.streamUnit

    /// Why bytes are not an accumulator (the CLI adds the file).
    public struct DecodingError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ message: String) { description = message }
    }
}

/// `Codable` as the binary encoding in one data value (not JSON text of the entries).
extension TailAccumulator: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Data(encoded()))
    }

    public init(from decoder: any Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        try self.init(encoded: [UInt8](data))
    }
}
