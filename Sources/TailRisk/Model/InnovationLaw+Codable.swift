/// The JSON of a law (issue 22): `{"name": "t", "df": 4}`, `{"name": "skew-t", "df": 5, "skew": -0.2}`,
/// `{"name": "t-copula", "df": "fit"}`, `{"name": "normal"}`: the registry entry's name and
/// its parameters under their own keys, read back through the entry's `make` (so a
/// decoded law passes the same checks as a parsed one).
extension InnovationLaw: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: Key("name"))
        for (key, value) in parameterValues {
            if let value { try c.encode(value, forKey: Key(key)) } else { try c.encode("fit", forKey: Key(key)) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let name = try c.decode(String.self, forKey: Key("name"))
        guard let entry = Self.entry(named: name) else {
            throw DecodingError.dataCorruptedError(forKey: Key("name"), in: c, debugDescription:
                "'\(name)' is not one of \(Self.names.joined(separator: ", "))")
        }
        var args = LawArguments()
        if entry.parameters.contains("df") {
            if (try? c.decodeIfPresent(String.self, forKey: Key("df"))) == "fit" {
                args.fitDegreesOfFreedom = true
            } else {
                args.degreesOfFreedom = try c.decodeIfPresent(Double.self, forKey: Key("df"))
            }
        }
        if entry.parameters.contains("skew") { args.skew = try c.decodeIfPresent(Double.self, forKey: Key("skew")) }
        self = try entry.make(args)
    }
}
