import Yams

/// A run file with several analyses of one market (`tailrisk run FILE`), as ORE's `ore.xml`
/// holds several analytics: a shared part (prices, positions or basket, model, engine, any key of
/// any command) and a list `analyses:`, each naming its `command` and a `name` (its output
/// directory), with keys of its own that override the shared ones.
///
/// ```yaml
/// prices: ../shared/data/crypto_coinmetrics_daily.csv
/// from: 2019-01-01
/// scenarios: 20000
/// analyses:
///   - {name: var99, command: var, positions: {BTC: 5, ETH: 100}, method: [historical, monte-carlo]}
///   - {name: haircuts, command: haircut, collateral: {BTC: 10, ETH: 120}, debt-asset: USDC, debt: 100000}
/// ```
///
/// Keys are the same flag names as a one-command run file (`RunFile`), read by the same rules; a
/// shared key goes to each analysis whose command has that flag, and the CLI checks that every key
/// is a flag of some analysis (of its own, for an analysis's key). The same bounds as `RunFile`
/// (`RunFile.maximumBytes`, nesting and brackets) hold before anything is composed.
public struct RunPlan: Sendable, Equatable {
    /// One analysis: its name (a plain file name, unique in the plan), command and own keys.
    public struct Analysis: Sendable, Equatable {
        public let name: String
        public let command: String
        public let entries: [RunFile.Entry]
        /// 1-based line of the analysis in the file.
        public let line: Int
    }

    public let source: String
    public let sha256: String
    /// The shared keys, in file order.
    public let shared: [RunFile.Entry]
    public let analyses: [Analysis]

    /// Most analyses a plan may hold.
    public static let maximumAnalyses = 256

    /// Parses the bytes of a plan; `commands` are the command names an analysis may name.
    /// - Throws: `.file` at the line of: a syntax error, a missing or empty `analyses:` list, an
    ///   analysis that is not a mapping, without `name` or `command`, a name used twice or not a plain
    ///   file name, an unknown command; as `RunFile.parse` for the keys.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], source: String, commands: [String]) throws -> RunPlan {
        func at(_ node: Node?, _ message: String) -> TailRiskError {
            .file(path: source, line: node?.mark?.line, column: node?.mark?.column, message: message)
        }
        let root = try RunFile.composed(bytes, source: source)
        guard let mapping = root?.mapping else {
            throw at(root, "expected a mapping: shared keys (prices: …, scenarios: …) and analyses: [- name: …, command: …]")
        }
        guard let list = mapping.first(where: { $0.key.scalar?.string == "analyses" }) else {
            throw at(root, "no analyses: list (- name: var99, command: var, …); a run file of one command is read by --config")
        }
        guard let items = list.value.sequence, !items.isEmpty else {
            throw at(list.value, "analyses: expected a list of analyses (- name: var99, command: var, …)")
        }
        guard items.count <= maximumAnalyses else {
            throw at(list.value, "analyses: \(items.count) analyses, more than the \(maximumAnalyses) allowed")
        }
        let shared = try RunFile.entries(of: mapping, source: source, skipping: ["analyses"])
        var analyses: [Analysis] = []
        var lines: [String: Int] = [:]
        for item in items {
            guard let m = item.mapping else { throw at(item, "analyses: each analysis is a mapping (name: …, command: …, keys)") }
            func text(_ key: String) throws -> String {
                guard let v = m.first(where: { $0.key.scalar?.string == key })?.value else {
                    throw at(item, "analyses: an analysis without '\(key)'")
                }
                guard let s = v.scalar?.string, !s.isEmpty else { throw at(v, "\(key): expected a plain value") }
                return s
            }
            let name = try text("name"), command = try text("command")
            let line = item.mark?.line ?? 0
            guard !name.contains("/"), !name.hasPrefix("."), name.utf8.count <= 255, !name.contains("\0") else {
                throw at(item, "name: \(ErrorQuoting.quoted(name)) must be a plain directory name (no '/', not hidden)")
            }
            if let first = lines[name] {
                throw at(item, "name: analysis \(ErrorQuoting.quoted(name)) is named twice (first on line \(first))")
            }
            guard commands.contains(command) else {
                throw at(item, "command: \(ErrorQuoting.quoted(command)) is not one of \(commands.joined(separator: ", "))")
            }
            lines[name] = line
            let entries = try RunFile.entries(of: m, source: source, skipping: ["name", "command"])
            analyses.append(Analysis(name: name, command: command, entries: entries, line: line))
        }
        return RunPlan(source: source, sha256: SHA256.hex(bytes), shared: shared, analyses: analyses)
    }

    /// The run file one analysis amounts to: the shared keys its command has (`accepts`), then its
    /// own, which replace shared keys of the same name; the plan's path and SHA-256.
    public func runFile(for analysis: Analysis, accepts: (String) -> Bool) -> RunFile {
        let own = Set(analysis.entries.map(\.key))
        let shared = shared.filter { !own.contains($0.key) && ($0.key == "prices" || accepts($0.key)) }
        return RunFile(source: source, sha256: sha256, entries: shared + analysis.entries)
    }
}
