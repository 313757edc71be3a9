import Foundation

extension ShardHeader {
    /// Reads the bytes of a `shard.json` and checks every field (see `ShardHeader`).
    ///
    /// Integers must be JSON integers inside their bounds (a count of 0 or −4, an
    /// index of −1 or 1e30 is refused, never converted); the unit range and the
    /// shard's scenario count must be those `simulate --shard i/N` derives; a format-2
    /// header must carry its valid `header_sha256` and the accumulator's SHA-256.
    /// - Throws: `DecodingError` saying which field is wrong.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8]) throws -> ShardHeader {
        guard bytes.count <= maximumBytes else {
            throw DecodingError("\(bytes.count) bytes, more than a shard header can hold (\(maximumBytes))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw DecodingError("not a JSON object")
        }
        let checksummed: Bool
        switch object["format"] as? String {
        case format?:
            checksummed = true
            guard let at = checksumOffset(bytes), let stored = object[checksumKey] as? String,
                  stored.utf8.elementsEqual(bytes[at..<(at + 64)]) else {
                throw DecodingError("no \(checksumKey) (64 hex digits, once), which a \(format) header carries")
            }
            var zeroed = bytes
            zeroed.replaceSubrange(at..<(at + 64), with: Array(unsealed.utf8))
            guard SHA256.hex(zeroed) == stored else {
                throw DecodingError("\(checksumKey) does not match: the file was edited or damaged since simulate wrote it")
            }
        case legacyFormat?:
            checksummed = false
        default:
            throw DecodingError("format is not \(format) (nor the older \(legacyFormat))")
        }

        let shard = object["shard"] as? [String: Any], units = object["units"] as? [String: Any]
        let scenarioObject = object["scenarios"] as? [String: Any], accumulator = object["accumulator"] as? [String: Any]
        let scenarios = try integer(scenarioObject, "scenarios", "run", 1...Limits.scenarios)
        let count = try integer(shard, "shard", "count", 1...maxShards)
        let index = try integer(shard, "shard", "index", 1...count)
        let total = MonteCarloEngine.unitCount(scenarios: scenarios)
        guard try integer(units, "units", "stream_unit", 1...Int(Int32.max)) == MonteCarloEngine.streamUnit else {
            throw DecodingError("units.stream_unit is not \(MonteCarloEngine.streamUnit)")
        }
        guard try integer(units, "units", "total", 0...Limits.scenarios) == total else {
            throw DecodingError("units.total is not \(total), the units of \(scenarios) scenarios")
        }
        let expected = MonteCarloEngine.shardUnits(index, of: count, units: total)
        let first = try integer(units, "units", "first", 0...total), end = try integer(units, "units", "end", 0...total)
        guard first == expected.lowerBound, end == expected.upperBound else {
            throw DecodingError("units \(first)..<\(end) are not those of shard \(index)/\(count) (\(expected.lowerBound)..<\(expected.upperBound))")
        }
        let unit = MonteCarloEngine.streamUnit
        let shardScenarios = expected.isEmpty ? 0 : min(scenarios, end * unit) - first * unit
        guard try integer(scenarioObject, "scenarios", "shard", 0...scenarios) == shardScenarios else {
            throw DecodingError("scenarios.shard is not \(shardScenarios), the scenarios of units \(first)..<\(end)")
        }
        let bytesCount = try integer(accumulator, "accumulator", "bytes", TailAccumulator.fixedHeader...maximumAccumulatorBytes)
        let binSHA = accumulator?["sha256"] as? String
        if checksummed {
            guard let binSHA, isHex(binSHA, digits: 64) else { throw DecodingError("accumulator.sha256 is not 64 hex digits") }
        }

        guard let arguments = object["arguments"] as? [String], let model = object["model"] as? String,
              let seedText = object["seed"] as? String, let seed = UInt64(seedText),
              let kernel = object["blas_kernel"] as? String, let fingerprint = object["fingerprint"] as? String,
              let cwd = object["working_directory"] as? String,
              let inputList = object["inputs"] as? [[String: Any]] else {
            throw DecodingError("a field is missing (arguments, model, seed, blas_kernel, fingerprint, working_directory or inputs)")
        }
        guard isHex(fingerprint, digits: 16) else { throw DecodingError("fingerprint is not 16 hex digits") }
        guard !kernel.isEmpty, kernel.utf8.count <= TailAccumulator.maximumKernelBytes else {
            throw DecodingError("blas_kernel is empty or longer than \(TailAccumulator.maximumKernelBytes) bytes")
        }
        let inputs = try inputList.map { o -> Input in
            guard let option = o["option"] as? String, let file = o["file"] as? String, let sha = o["sha256"] as? String,
                  isHex(sha, digits: 64) else {
                throw DecodingError("an input lacks option, file or sha256 (64 hex digits)")
            }
            return Input(option: option, file: file, sha256: sha)
        }
        return ShardHeader(arguments: arguments, workingDirectory: cwd, inputs: inputs, model: model, seed: seed,
                           scenarios: scenarios, index: index, count: count, firstUnit: first, endUnit: end,
                           totalUnits: total, shardScenarios: shardScenarios, kernel: kernel, fingerprint: fingerprint,
                           accumulatorBytes: bytesCount, accumulatorSHA256: binSHA, checksummed: checksummed)
    }

    /// Checks the accumulator read from `shard.bin` (its bytes and their decoding)
    /// against this header: size, SHA-256 (format 2), kernel, fingerprint, units and scenarios.
    /// - Throws: `DecodingError` naming the first disagreement.
    public func check(_ accumulator: TailAccumulator, bytes: [UInt8]) throws {
        guard bytes.count == accumulatorBytes else {
            throw DecodingError("\(bytes.count) bytes where \(Self.jsonName) says \(accumulatorBytes)")
        }
        if let accumulatorSHA256, SHA256.hex(bytes) != accumulatorSHA256 {
            throw DecodingError("its SHA-256 is not the one \(Self.jsonName) records: one of the two files was replaced or edited")
        }
        guard accumulator.kernel == kernel, accumulator.fingerprintHex == fingerprint else {
            throw DecodingError("another BLAS kernel or run fingerprint than its \(Self.jsonName)")
        }
        guard accumulator.covers(exactly: units), accumulator.scenarios == shardScenarios else {
            throw DecodingError("covers other units or scenarios than shard \(index)/\(count) (units \(firstUnit)..<\(endUnit), \(shardScenarios) scenarios)")
        }
    }

    /// `object[key]` as an integer in `range`: a JSON number with no fraction, compared
    /// as a `Double` before any conversion (so 1e30 or −1 is refused, never trapped on).
    static func integer(_ object: [String: Any]?, _ parent: String, _ key: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let number = object?[key] as? NSNumber else { throw DecodingError("no integer \(parent).\(key)") }
        let x = number.doubleValue
        guard x.isFinite, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw DecodingError("\(parent).\(key) is \(number), not an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        // Exact below 2⁵³, which every bound here is.
        return Int(x)
    }
}
