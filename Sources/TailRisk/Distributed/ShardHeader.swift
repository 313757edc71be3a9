import Foundation

/// `DIR/shard.json`, the header beside a shard's accumulator (`DIR/shard.bin`,
/// `TailAccumulator.encoded()`): what `tailrisk merge` needs to re-run the
/// simulation's inputs and to check that shards belong together
/// (design.md "Beyond one machine").
///
/// It records the `simulate` arguments without `--shard` and `--out`, each input
/// file with its SHA-256, the model, seed and scenario count, the shard's place
/// (`i` of `N`, units `[first, end)` of `total`), the BLAS kernel, the run
/// fingerprint and the accumulator's size and SHA-256. The CLI renders it; this
/// type reads and checks it, so that a header edited by hand or damaged is
/// refused with a message before anything is allocated from it:
///
/// - every integer is bounded (`1 ≤ i ≤ N ≤ maxShards`, `1 ≤ scenarios ≤
///   Limits.scenarios`) and the derived fields must be what `simulate` derives
///   (`total = ⌈scenarios/streamUnit⌉`, `[first, end) = MonteCarloEngine.shardUnits`,
///   the shard's scenario count);
/// - format 2 (written since issue 21) carries `header_sha256`, the SHA-256 of the
///   file with those 64 hex digits replaced by zeros (`sealed`), and the
///   accumulator's SHA-256; both are verified. Format 1 headers (no checksums) are
///   still read, range-checked like format 2, and flagged (`checksummed == false`)
///   so the CLI can say so.
///
/// - Complexity: O(file size) to parse and hash.
public struct ShardHeader: Sendable, Equatable {
    public static let jsonName = "shard.json"
    public static let binName = "shard.bin"
    /// The format written.
    public static let format = "tailrisk-shard 2"
    /// The format before the checksums, still read.
    public static let legacyFormat = "tailrisk-shard 1"
    /// Key of the header's own SHA-256.
    public static let checksumKey = "header_sha256"
    /// More shards than this would be mostly empty (a unit is 4096 scenarios).
    public static let maxShards = 1_000_000
    /// Largest `shard.json` read (arguments and input paths are all it holds).
    public static let maximumBytes = 4 << 20
    /// Largest accumulator a header may announce (the reader also ties it to the file's size).
    public static let maximumAccumulatorBytes = 1 << 40

    public struct Input: Equatable, Sendable {
        public var option: String
        public var file: String
        public var sha256: String
        public init(option: String, file: String, sha256: String) {
            self.option = option
            self.file = file
            self.sha256 = sha256
        }
    }

    public var arguments: [String]
    public var workingDirectory: String
    public var inputs: [Input]
    public var model: String
    public var seed: UInt64
    public var scenarios: Int
    public var index: Int
    public var count: Int
    public var firstUnit: Int
    public var endUnit: Int
    public var totalUnits: Int
    public var shardScenarios: Int
    public var kernel: String
    public var fingerprint: String
    public var accumulatorBytes: Int
    /// SHA-256 of `shard.bin` (nil in a format-1 header).
    public var accumulatorSHA256: String?
    /// Whether the header carried and passed its checksum (format 2).
    public var checksummed: Bool

    public init(arguments: [String], workingDirectory: String, inputs: [Input], model: String, seed: UInt64,
                scenarios: Int, index: Int, count: Int, firstUnit: Int, endUnit: Int, totalUnits: Int,
                shardScenarios: Int, kernel: String, fingerprint: String, accumulatorBytes: Int,
                accumulatorSHA256: String?, checksummed: Bool = true) {
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.inputs = inputs
        self.model = model
        self.seed = seed
        self.scenarios = scenarios
        self.index = index
        self.count = count
        self.firstUnit = firstUnit
        self.endUnit = endUnit
        self.totalUnits = totalUnits
        self.shardScenarios = shardScenarios
        self.kernel = kernel
        self.fingerprint = fingerprint
        self.accumulatorBytes = accumulatorBytes
        self.accumulatorSHA256 = accumulatorSHA256
        self.checksummed = checksummed
    }

    /// The units of shard `index` of `count`.
    public var units: Range<Int> { firstUnit..<endUnit }

    /// Why bytes are not a shard header, or do not match their accumulator (the CLI adds the file).
    public struct DecodingError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ message: String) { description = message }
    }

    // MARK: - The header's own checksum

    /// The placeholder the renderer writes as `header_sha256` before `sealed`.
    public static let unsealed = String(repeating: "0", count: 64)

    /// `text` (a rendering holding `"header_sha256": "<64 zeros>"` once) with
    /// the zeros replaced by the SHA-256 of `text` itself.
    public static func sealed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let at = checksumOffset(bytes) else {
            preconditionFailure("a shard header must hold \"\(checksumKey)\" once")
        }
        var out = bytes
        out.replaceSubrange(at..<(at + 64), with: Array(SHA256.hex(bytes).utf8))
        return String(decoding: out, as: UTF8.self)
    }

    /// Where the 64 hex digits of the one `"header_sha256": "…"` start, or nil
    /// when the key is absent, repeated or not followed by 64 hex digits and a quote.
    static func checksumOffset(_ bytes: [UInt8]) -> Int? {
        let key = Array("\"\(checksumKey)\": \"".utf8)
        var found: Int?
        var i = 0
        while i + key.count <= bytes.count {
            if bytes[i] == key[0] && bytes[i..<(i + key.count)].elementsEqual(key) {
                guard found == nil else { return nil }
                found = i + key.count
                i += key.count
            } else {
                i += 1
            }
        }
        guard let at = found, at + 65 <= bytes.count, bytes[at + 64] == UInt8(ascii: "\""),
              bytes[at..<(at + 64)].allSatisfy(isHexDigit) else { return nil }
        return at
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
    }

    static func isHex(_ s: String, digits: Int) -> Bool { s.utf8.count == digits && s.utf8.allSatisfy(isHexDigit) }
}
