import Yams

/// The policy a run used, for its outputs: `echo` lists the settings in the
/// order of `fileKeys` (unset optional fields left out), `yamlEcho` writes them
/// as a policy file that `parse(yaml:source:)` reads back to an equal policy,
/// and `Encodable` writes the same keys and values (the key order of a JSON
/// object is the encoder's).
extension HaircutPolicy: Encodable {
    /// One setting's value.
    public enum EchoValue: Sendable, Equatable, Encodable {
        case number(Double)
        case integer(Int)
        case unsigned(UInt64)
        case text(String)
        /// `asset: number` pairs in order (thresholds, floors, collateral).
        case table([String], [Double])

        public func encode(to encoder: Encoder) throws {
            switch self {
            case let .number(x): var c = encoder.singleValueContainer(); try c.encode(x)
            case let .integer(n): var c = encoder.singleValueContainer(); try c.encode(n)
            case let .unsigned(n): var c = encoder.singleValueContainer(); try c.encode(n)
            case let .text(s): var c = encoder.singleValueContainer(); try c.encode(s)
            case let .table(keys, values):
                var c = encoder.container(keyedBy: EchoKey.self)
                for (k, v) in zip(keys, values) { try c.encode(v, forKey: EchoKey(k)) }
            }
        }

        /// The YAML node; numbers use Swift's shortest round-trip spelling.
        var node: Node {
            switch self {
            case let .number(x): return Node(String(x))
            case let .integer(n): return Node(String(n))
            case let .unsigned(n): return Node(String(n))
            case let .text(s): return Node(s, .implicit, .doubleQuoted)
            case let .table(keys, values):
                return Node(zip(keys, values).map { (Node($0, .implicit, .doubleQuoted), Node(String($1))) })
            }
        }
    }

    /// The settings in `fileKeys` order; unset optionals and empty tables are left out.
    public var echo: [(key: String, value: EchoValue)] {
        var e: [(key: String, value: EchoValue)] = [
            ("confidence", .number(confidence)), ("measure", .text(measure.rawValue)), ("horizon", .integer(horizon)),
            ("horizon-method", .text(horizonMethod.rawValue)), ("liquidation-bonus", .number(liquidationBonus)),
            ("ltv-buffer", .number(ltvBuffer)),
        ]
        if !liquidationThresholds.isEmpty {
            let sorted = liquidationThresholds.sorted { $0.key < $1.key }
            e.append(("lt", .table(sorted.map(\.key), sorted.map(\.value))))
        }
        e.append(("diversification-credit", .number(diversificationCredit)))
        if let liquidity { e.append(("liquidity", .text(liquidity))) }
        if !floors.isEmpty {
            let sorted = floors.sorted { $0.key < $1.key }
            e.append(("floor", .table(sorted.map(\.key), sorted.map(\.value))))
        }
        if let stressWindow { e.append(("stress-window", .text(stressWindow.description))) }
        if let stressWeight { e.append(("stress-weight", .number(stressWeight))) }
        if let estimator = model.estimator { e.append(("estimator", .text(estimator.rawValue))) }
        if let law = model.law {
            e.append(("dist", .text(law.name)))
            switch law {
            case let .studentT(nu), let .tCopula(nu?): e.append(("df", .number(nu)))
            case .tCopula(nil): e.append(("df", .text("fit")))
            case let .skewT(nu, lambda): e.append(("df", .number(nu))); e.append(("skew", .number(lambda)))
            default: break
            }
        }
        if let tails = model.tails { e.append(("tails", .text(tails.rawValue))) }
        if let filter = model.filter {
            e.append(("filter", .text(filter.name)))
            if let lambda = filter.lambda { e.append(("filter-lambda", .number(lambda))) }
        }
        if let scenarios { e.append(("scenarios", .integer(scenarios))) }
        if let seed { e.append(("seed", .unsigned(seed))) }
        e.append(("currency", .text(currency)))
        if let debtAsset { e.append(("debt-asset", .text(debtAsset))) }
        if let debtAmount { e.append(("debt", .number(debtAmount))) }
        if !collateral.isEmpty {
            e.append(("collateral", .table(collateral.map(\.asset), collateral.map(\.quantity))))
        }
        return e
    }

    /// The policy as a YAML policy file.
    public var yamlEcho: String {
        let root = Node(echo.map { (Node($0.key), $0.value.node) })
        // Serializing a tree of plain scalars and mappings cannot fail.
        return (try? Yams.serialize(node: root)) ?? ""
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EchoKey.self)
        for (key, value) in echo { try c.encode(value, forKey: EchoKey(key)) }
    }

    /// A coding key made from any string.
    struct EchoKey: CodingKey {
        let stringValue: String
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
