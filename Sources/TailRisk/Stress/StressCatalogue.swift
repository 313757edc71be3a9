import Foundation
import Yams

/// A catalogue of named historical stress windows: data, not code (methods.md §9).
///
/// The file is a YAML list of mappings with keys `name`, `from`, `to` (ISO
/// dates, inclusive) and an optional `note`:
///
/// ```yaml
/// - name: covid-crash
///   from: 2020-03-05
///   to: 2020-03-20
///   note: BTC −37% on 2020-03-12
/// ```
///
/// Errors are `.file(path:line:column:message:)` with Yams' 1-based marks.
public enum StressCatalogue {
    static let keys = ["name", "from", "to", "note"]

    /// Reads the catalogue at `path` (at most 1 MiB, the policy file's limit).
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> [ReplayWindow] {
        let bytes = try InputFile.read(path: path, maximumBytes: HaircutPolicy.maximumFileBytes)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TailRiskError.file(path: path, line: nil, column: nil, message: "not UTF-8 text")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses catalogue YAML; `source` names the text in errors.
    ///
    /// Throws `.file` for invalid YAML, a document that is not a list of
    /// mappings, unknown or missing keys, malformed dates, a window that ends
    /// before it starts, and a name given twice.
    public static func parse(yaml: String, source: String) throws -> [ReplayWindow] {
        try HaircutPolicy.checkLimits(yaml: yaml, source: source, kind: .catalogue)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { return [] }
        guard let list = root.sequence else {
            throw at(root, source, "expected a list of windows (- name: …, from: YYYY-MM-DD, to: YYYY-MM-DD)")
        }
        var windows: [ReplayWindow] = []
        var names = Set<String>()
        for item in list {
            guard let mapping = item.mapping else { throw at(item, source, "a window must be a mapping of name, from, to, note") }
            var fields: [String: (String, Node)] = [:]
            for (k, v) in mapping {
                guard let key = k.scalar?.string, keys.contains(key) else {
                    throw at(k, source, "unknown key \(k.scalar.map { "'\($0.string)'" } ?? "") (known: \(keys.joined(separator: ", ")))")
                }
                guard fields[key] == nil else { throw at(k, source, "duplicate key '\(key)'") }
                guard let value = v.scalar?.string, !value.isEmpty else { throw at(v, source, "\(key): expected a value") }
                fields[key] = (value, v)
            }
            for key in ["name", "from", "to"] where fields[key] == nil {
                throw at(item, source, "the window has no '\(key)'")
            }
            let (name, nameNode) = fields["name"]!
            guard names.insert(name).inserted else { throw at(nameNode, source, "name '\(name)' is given twice") }
            func day(_ key: String) throws -> Day {
                let (text, node) = fields[key]!
                guard let day = Day(iso: text) else { throw at(node, source, "\(key): '\(text)' is not a date (YYYY-MM-DD)") }
                return day
            }
            let from = try day("from"), to = try day("to")
            guard from <= to else { throw at(item, source, "window '\(name)' starts (\(from)) after it ends (\(to))") }
            windows.append(ReplayWindow(name: name, from: from, to: to, note: fields["note"]?.0))
        }
        return windows
    }

    private static func at(_ node: Node, _ source: String, _ message: String) -> TailRiskError {
        .file(path: source, line: node.mark?.line, column: node.mark?.column, message: message)
    }
}
