import Yams

/// A run file (`tailrisk <command> --config FILE`): one YAML mapping whose keys are the
/// subcommand's flag names without the dashes, read into the flags they stand for, so
/// every subcommand takes every one of its flags from the file by its own name (one
/// mechanism for all commands; the CLI puts the flags before those typed, which override them).
///
/// ```yaml
/// prices: [crypto.csv, equity.csv]   # the files (positional arguments)
/// positions: {BTC: 1, AAPL: 100}     # a mapping is ASSET=AMOUNT,…
/// method: [historical, normal]       # a list is comma separated
/// confidence: 0.99
/// zero-mean: true                    # true sets a flag, false leaves it off
/// ```
///
/// A haircut policy file's keys are the same flag names (`HaircutPolicy.fileKeys`; `debt: 100000` with
/// `debt-asset`), so a policy file with a `prices:` line is a haircut run file. A file of several
/// analyses (`analyses:`) is a `RunPlan`, for `tailrisk run`, and is refused here with that advice.
///
/// Errors are `.file(path:line:column:message:)` at the offending key or value.
public struct RunFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The flag name without dashes (`prices` for the files).
        public let key: String
        /// The flag's value, or `nil` for a flag without one (`zero-mean: true`).
        public let value: String?
        /// For `prices`: the files.
        public let files: [String]
        /// 1-based line of the key.
        public let line: Int
    }

    public let source: String
    public let sha256: String
    /// In file order; a `false` flag is left out.
    public let entries: [Entry]

    /// Largest run file read, in bytes: the policy file's limit (1 MiB), checked while
    /// reading (`InputFile.read(path:maximumBytes:)`), so a huge file or an endless pipe
    /// is refused after 1 MiB rather than read whole first.
    public static let maximumBytes = HaircutPolicy.maximumFileBytes

    /// Reads the run file at `path` (a pipe too), at most `maximumBytes`.
    public static func read(path: String) throws -> RunFile {
        try parse(InputFile.read(path: path, maximumBytes: maximumBytes), source: path)
    }

    /// The YAML node of a run file's bytes (nil for an empty document), after the checks
    /// a run file and a run plan share: size, UTF-8, `HaircutPolicy.checkLimits`, YAML syntax.
    /// - Throws: `TailRiskError.file` naming `source`.
    static func composed(_ bytes: [UInt8], source: String) throws -> Node? {
        guard bytes.count <= maximumBytes else {
            throw TailRiskError.file(path: source, line: nil, column: nil,
                                     message: HaircutPolicy.tooLarge(bytes.count, kind: .run))
        }
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "not UTF-8 text")
        }
        try HaircutPolicy.checkLimits(yaml: yaml, source: source, kind: .run)
        do { return try Yams.compose(yaml: yaml) } catch {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
    }

    /// Parses the bytes of a run file; more than `maximumBytes` are refused before they are decoded.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], source: String) throws -> RunFile {
        func at(_ node: Node?, _ message: String) -> TailRiskError {
            .file(path: source, line: node?.mark?.line, column: node?.mark?.column, message: message)
        }
        let root = try composed(bytes, source: source)
        guard let root else { return RunFile(source: source, sha256: SHA256.hex(bytes), entries: []) }
        guard let mapping = root.mapping else {
            throw at(root, "expected a mapping of flag names to values (confidence: 0.99, positions: {BTC: 1}, …)")
        }
        if let k = mapping.keys.first(where: { $0.scalar?.string == "analyses" }) {
            throw at(k, "analyses: this run file holds several analyses; run them with `tailrisk run \(source)`")
        }
        let entries = try Self.entries(of: mapping, source: source)
        return RunFile(source: source, sha256: SHA256.hex(bytes), entries: entries)
    }

    /// The entries of one mapping of flag names (a run file's, or one analysis's of a run plan),
    /// leaving out the keys in `skipping`.
    /// - Throws: `.file` at a malformed or duplicate key, or a value that is no scalar, list or mapping.
    /// - Complexity: O(size of the mapping).
    static func entries(of mapping: Node.Mapping, source: String, skipping: Set<String> = []) throws -> [Entry] {
        func at(_ node: Node?, _ message: String) -> TailRiskError {
            .file(path: source, line: node?.mark?.line, column: node?.mark?.column, message: message)
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (k, v) in mapping where !skipping.contains(k.scalar?.string ?? "") {
            guard let key = k.scalar?.string, !key.isEmpty, !key.hasPrefix("-") else {
                throw at(k, "a key must be a flag name without its dashes (confidence, positions, …)")
            }
            guard seen.insert(key).inserted else { throw at(k, "duplicate key '\(key)'") }
            let line = k.mark?.line ?? 0
            func scalars(_ nodes: [Node]) throws -> [String] {
                try nodes.map { n in
                    guard let s = n.scalar?.string else { throw at(n, "\(key): expected plain values in the list") }
                    return s
                }
            }
            if key == "prices" {
                let files: [String]? = try v.sequence.map { try scalars(Array($0)) } ?? v.scalar.map { [$0.string] }
                guard let files, !files.isEmpty else { throw at(v, "prices: expected a file or a list of files") }
                entries.append(Entry(key: key, value: nil, files: files, line: line))
            } else if let scalar = v.scalar {
                switch (v.bool, scalar.string) {
                case (true?, _): entries.append(Entry(key: key, value: nil, files: [], line: line))
                case (false?, _): continue
                case let (nil, text):
                    guard !text.isEmpty else { throw at(v, "\(key): expected a value") }
                    entries.append(Entry(key: key, value: text, files: [], line: line))
                }
            } else if let list = v.sequence {
                entries.append(Entry(key: key, value: try scalars(Array(list)).joined(separator: ","), files: [], line: line))
            } else if let map = v.mapping {
                let pairs = try map.map { a, b -> String in
                    guard let name = a.scalar?.string, let amount = b.scalar?.string else {
                        throw at(a, "\(key): expected ASSET: AMOUNT pairs")
                    }
                    return "\(name)=\(amount)"
                }
                entries.append(Entry(key: key, value: pairs.joined(separator: ","), files: [], line: line))
            } else {
                throw at(v, "\(key): expected a value, a list or a mapping")
            }
        }
        return entries
    }
}
