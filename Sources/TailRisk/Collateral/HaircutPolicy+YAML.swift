import Foundation
import Yams

/// Reading a policy file: a YAML mapping whose keys are the CLI's flag names
/// without the dashes, e.g.
///
/// ```yaml
/// confidence: 0.99
/// horizon: 10
/// liquidation-bonus: 0.05
/// lt: {BTC: 0.75, ETH: 0.8}   # liquidation thresholds (stress)
/// floor: {BTC: 0.1, ETH: 0.12}
/// stress-window: 2022-05-01:2022-12-31
/// collateral: {BTC: 1.5, ETH: 20}
/// dist: fhs
/// filter: garch          # or ewma, with filter-lambda: 0.94
/// # or dist: t-copula, df: fit (or a number in (0, 10⁶]), tails: gpd (filter: optional)
/// ```
///
/// Errors are `.file(path:line:column:message:)`; line and column are 1-based,
/// the column counts characters (not CSV fields), from Yams' marks.
extension HaircutPolicy {
    /// The keys a policy file may use, in the order `yamlEcho` writes them.
    public static let fileKeys = [
        "confidence", "measure", "horizon", "horizon-method", "liquidation-bonus", "ltv-buffer", "lt",
        "diversification-credit", "liquidity", "floor", "stress-window", "stress-weight", "estimator", "dist",
        "df", "skew", "tails", "filter", "filter-lambda", "scenarios", "seed", "currency", "debt-asset", "debt", "collateral",
    ]

    /// A number written as a fraction or a percentage: `0.99` or `99%` (the
    /// one reading of `confidence`, for the flag and the file alike); `nil` for
    /// anything else, including infinities, NaN and hexadecimal (`DecimalText.fraction`).
    /// - Complexity: O(length of `text`).
    public static func fraction(_ text: String) -> Double? { DecimalText.fraction(text) }

    /// Reads the policy file at `path` over `base`, then validates the result
    /// (`HaircutPolicyFile.read` reads without validating, for overrides).
    /// - Complexity: O(file size).
    public static func read(path: String, over base: HaircutPolicy = HaircutPolicy()) throws -> HaircutPolicy {
        let file = try HaircutPolicyFile.read(path: path, over: base)
        try file.validate(file.policy)
        return file.policy
    }

    /// Parses policy YAML over `base` and validates the result; `source` names
    /// the text in errors (see `HaircutPolicyFile.parse`).
    /// - Complexity: O(text size).
    public static func parse(yaml: String, source: String, over base: HaircutPolicy = HaircutPolicy(),
                             baseDirectory: String? = nil) throws -> HaircutPolicy {
        let file = try HaircutPolicyFile.parse(yaml: yaml, source: source, over: base, baseDirectory: baseDirectory)
        try file.validate(file.policy)
        return file.policy
    }

    /// The settings of policy YAML over `base`, unvalidated, with the mark of
    /// each key. Type and syntax errors throw `.file` with their line.
    /// A law or filter the file names that cannot be read (an unknown name, `fit` beside another law)
    /// is not thrown here but returned (`deferred`), so that a flag may still replace it
    /// (`HaircutPolicyFile.validate`).
    static func compose(yaml: String, source: String, over base: HaircutPolicy, baseDirectory: String?) throws
        -> (HaircutPolicy, [String: HaircutPolicyFile.Mark], [HaircutPolicyFile.Deferred]) {
        try checkLimits(yaml: yaml, source: source)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw fileError(error, source: source, yaml: yaml)
        }
        guard let root else { return (base, [:], []) }
        guard let mapping = root.mapping else {
            throw at(root, source, "expected a mapping of policy keys (confidence: 0.99, …)")
        }
        var policy = base
        var marks: [String: HaircutPolicyFile.Mark] = [:]
        var pending: [String: (field: Field, key: Node)] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw at(keyNode, source, "a policy key must be a plain name") }
            if let first = marks[key] {
                throw at(keyNode, source, "duplicate key '\(key)' (first on line \(first.line ?? 0))")
            }
            guard fileKeys.contains(key) else {
                throw at(keyNode, source, "unknown key '\(key)'; known keys: \(fileKeys.joined(separator: ", "))")
            }
            marks[key] = HaircutPolicyFile.Mark(line: keyNode.mark?.line, column: keyNode.mark?.column)
            let field = Field(key: key, node: value, source: source)
            if ["dist", "df", "skew", "filter", "filter-lambda"].contains(key) {
                pending[key] = (field, keyNode)
            } else {
                try policy.set(field, baseDirectory: baseDirectory)
            }
        }
        let deferred = try policy.setModel(pending)
        return (policy, marks, deferred)
    }

    /// The law and the filter, each from its keys read together (`dist` with `df`,
    /// `filter` with `filter-lambda`) over the base's, typed here once.
    private mutating func setModel(_ pending: [String: (field: Field, key: Node)]) throws -> [HaircutPolicyFile.Deferred] {
        var deferred: [HaircutPolicyFile.Deferred] = []
        func reading<T>(_ body: () throws -> T?, at keys: [String: String], part: HaircutPolicyFile.Deferred.Part) -> T? {
            do { return try body() } catch let TailRiskError.invalidParameter(parameter, message) {
                let key = pending[keys[parameter.rawValue] ?? ""] ?? keys.values.sorted().lazy.compactMap({ pending[$0] }).first
                let error = key.map { HaircutPolicy.at($0.key, $0.field.source, "\($0.field.key): \(message)") }
                deferred.append(.init(part: part, error: error ?? .invalidParameter(parameter, message: message)))
                return nil
            } catch {
                deferred.append(.init(part: part, error: .invalidParameter(part == .law ? .distribution : .filter, message: "\(error)")))
                return nil
            }
        }
        let fields = pending.mapValues(\.field)
        let dist = try fields["dist"]?.text()
        var df: Double?
        var fit = false
        if let f = fields["df"] {
            if try f.text().lowercased() == "fit" { fit = true } else { df = try f.number() }
        }
        let skew = try fields["skew"]?.number()
        if dist != nil || fields["df"] != nil || skew != nil {
            let base = model.law
            model.law = reading({ try InnovationLaw.layered(name: dist, degreesOfFreedom: df, fit: fit, skew: skew, over: base) },
                                at: ["dist": "dist", "df": "df", "skew": "skew"], part: .law) ?? base
        }
        let filter = try fields["filter"]?.text()
        let lambda = try fields["filter-lambda"]?.number()
        let base = model.filter
        model.filter = reading({ try VolatilityFilterSpec.layered(name: filter, lambda: lambda, over: base) },
                               at: ["filter": "filter", "filter-lambda": "filter-lambda"], part: .filter) ?? base
        return deferred
    }

    private mutating func set(_ f: Field, baseDirectory: String?) throws {
        switch f.key {
        case "confidence":
            guard let c = Self.fraction(try f.text()) else { throw f.mismatch("a number or a percentage (0.99 or 99%)") }
            confidence = c
        case "measure": measure = try f.choice(Measure.self)
        case "horizon": horizon = try f.integer()
        case "horizon-method": horizonMethod = try f.choice(HorizonMethod.self)
        case "liquidation-bonus": liquidationBonus = try f.number()
        case "ltv-buffer": ltvBuffer = try f.number()
        case "lt": liquidationThresholds = Dictionary(try f.table(fractions: true), uniquingKeysWith: { a, _ in a })
        case "diversification-credit": diversificationCredit = try f.number()
        case "liquidity":
            let file = try f.text()
            if let baseDirectory, !file.hasPrefix("/") {
                liquidity = URL(fileURLWithPath: baseDirectory).appendingPathComponent(file).path
            } else {
                liquidity = file
            }
        case "floor":
            for (asset, value) in try f.table() { floors[asset] = value }
        case "stress-window":
            do { stressWindow = try StressWindow(parsing: try f.text()) } catch let TailRiskError.invalidParameter(_, message) {
                throw HaircutPolicy.at(f.node, f.source, "stress-window: \(message)")
            }
        case "stress-weight": stressWeight = try f.number()
        case "estimator":
            guard let e = CovarianceEstimator(rawValue: try f.text()), e != .pairwise else {
                throw f.mismatch("one of " + CovarianceEstimator.allCases.filter { $0 != .pairwise }.map(\.rawValue)
                    .joined(separator: ", "))
            }
            model.estimator = e
        case "tails":
            let text = try f.text()
            guard let t = MarginalTails(rawValue: text.lowercased()) else {
                let known = MarginalTails.allCases.map(\.rawValue).joined(separator: ", ")
                throw HaircutPolicy.at(f.node, f.source, "tails: \(ErrorQuoting.quoted(text)) is not one of \(known)")
            }
            model.tails = t
        case "scenarios": scenarios = try f.integer()
        case "seed":
            guard let seed = UInt64(try f.text()) else { throw f.mismatch("an unsigned 64-bit integer") }
            self.seed = seed
        case "currency": currency = try f.text()
        case "debt-asset": debtAsset = try f.text()
        case "debt": debtAmount = try f.number()
        case "collateral": collateral = try f.table().map { Position(asset: $0.0, quantity: $0.1) }
        default: preconditionFailure("key '\(f.key)' is in fileKeys but not handled")
        }
    }

    /// One `key: value` pair being read, with typed accessors that throw with its line.
    private struct Field {
        let key: String
        let node: Node
        let source: String

        func mismatch(_ expected: String) -> TailRiskError {
            let got = node.scalar.map { "'\($0.string)'" } ?? (node.mapping != nil ? "a mapping" : "a list")
            return HaircutPolicy.at(node, source, "\(key): expected \(expected), got \(got)")
        }

        func text() throws -> String {
            guard let scalar = node.scalar, !(scalar.string.isEmpty && scalar.style == .plain) else {
                throw mismatch("a value")
            }
            return scalar.string
        }

        func number() throws -> Double {
            guard let x = DecimalText.number(try text()) else { throw mismatch("a number") }
            return x
        }

        /// A fraction, bare (`0.8`) or as a percentage (`80%`).
        func fraction() throws -> Double {
            guard let x = DecimalText.fraction(try text()) else { throw mismatch("a number") }
            return x
        }

        func integer() throws -> Int {
            guard let n = Int(try text()) else { throw mismatch("an integer") }
            return n
        }

        func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws -> E where E.RawValue == String {
            guard let e = E(rawValue: try text()) else {
                throw mismatch("one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return e
        }

        /// A mapping `asset: number` (with `fractions`, also `asset: 80%`), in file order; no asset twice in any case.
        func table(fractions: Bool = false) throws -> [(String, Double)] {
            guard let mapping = node.mapping else { throw mismatch("a mapping of asset: number") }
            var seen = Set<String>()
            return try mapping.map { k, v in
                guard let asset = k.scalar?.string, seen.insert(asset.lowercased()).inserted else {
                    throw HaircutPolicy.at(k, source, "\(key): duplicate or malformed asset name")
                }
                let field = Field(key: "\(key).\(asset)", node: v, source: source)
                return (asset, fractions ? try field.fraction() : try field.number())
            }
        }
    }

    private static func at(_ node: Node, _ source: String, _ message: String) -> TailRiskError {
        .file(path: source, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private static func fileError(_ error: YamlError, source: String, yaml: String) -> TailRiskError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .file(path: source, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        default:
            return .file(path: source, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
    }
}
