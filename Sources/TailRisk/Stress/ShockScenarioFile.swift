import Yams

/// A file of named hypothetical shocks for `tailrisk stress --scenario-file`
/// (issue 10: "`--shock …` or a scenario file"): a YAML list of mappings
///
///     - name: btc-crash
///       shock: BTC=-30%,ETH=-35%
///       conditional: true      # optional; move the other assets by their conditional mean
///       note: text             # optional
///
/// Each entry becomes one `StressAnalysis.ShockRequest`, exactly as the
/// same `--shock` (with `--conditional` when `conditional: true`) would; the
/// shock text is checked by `HypotheticalShock.parse` at its line. Names must
/// be unique and identify entries in errors; the report names each shock by
/// its text, as it names a `--shock`.
/// - Complexity: O(file size).
public enum ShockScenarioFile {
    /// Reads and parses `path`.
    public static func read(path: String) throws -> [(name: String, request: StressAnalysis.ShockRequest)] {
        let bytes = try InputFile.read(path: path, maximumBytes: HaircutPolicy.maximumFileBytes)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TailRiskError.file(path: path, line: nil, column: nil, message: "not UTF-8 text")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses scenario YAML; `source` names the text in errors (file:line:column).
    public static func parse(yaml: String, source: String) throws -> [(name: String, request: StressAnalysis.ShockRequest)] {
        try HaircutPolicy.checkLimits(yaml: yaml, source: source, kind: .scenarios)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { return [] }
        guard let list = root.sequence else {
            throw at(root, source, "expected a list of shocks (- name: …, shock: BTC=-30%, conditional: true)")
        }
        let keys = ["name", "shock", "conditional", "note"]
        var out: [(name: String, request: StressAnalysis.ShockRequest)] = []
        var names = Set<String>()
        for item in list {
            guard let mapping = item.mapping else { throw at(item, source, "a shock must be a mapping of name, shock, conditional, note") }
            var fields: [String: (String, Node)] = [:]
            for (k, v) in mapping {
                guard let key = k.scalar?.string, keys.contains(key) else {
                    throw at(k, source, "unknown key \(k.scalar.map { ErrorQuoting.quoted($0.string) } ?? "") (known: \(keys.joined(separator: ", ")))")
                }
                guard fields[key] == nil else { throw at(k, source, "duplicate key '\(key)'") }
                guard let value = v.scalar?.string, !value.isEmpty else { throw at(v, source, "\(key): expected a value") }
                fields[key] = (value, v)
            }
            for key in ["name", "shock"] where fields[key] == nil { throw at(item, source, "the shock has no '\(key)'") }
            let (name, nameNode) = fields["name"]!
            guard names.insert(name).inserted else { throw at(nameNode, source, "name \(ErrorQuoting.quoted(name)) is given twice") }
            let (shock, shockNode) = fields["shock"]!
            do { _ = try HypotheticalShock.parse(shock) } catch let TailRiskError.invalidParameter(_, message) {
                throw at(shockNode, source, "shock: \(message)")
            }
            var conditional = false
            if let (text, node) = fields["conditional"] {
                switch text.lowercased() {
                case "true", "yes": conditional = true
                case "false", "no": conditional = false
                default: throw at(node, source, "conditional: expected true or false, got \(ErrorQuoting.quoted(text))")
                }
            }
            out.append((name, StressAnalysis.ShockRequest(text: shock, conditional: conditional,
                                                          source: .file(path: source, line: shockNode.mark?.line))))
        }
        return out
    }

    private static func at(_ node: Node, _ source: String, _ message: String) -> TailRiskError {
        .file(path: source, line: node.mark?.line, column: node.mark?.column, message: message)
    }
}
