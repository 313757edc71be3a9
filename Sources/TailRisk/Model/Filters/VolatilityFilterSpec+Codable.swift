/// The JSON of a filter (issue 22): `{"name": "ewma", "lambda": 0.94}`, `{"name": "garch"}`,
/// `{"name": "gjr"}`, `{"name": "none"}`, read back through `parse` (so a decoded filter
/// passes the same checks as a flag or a policy key).
extension VolatilityFilterSpec: Codable {
    private enum Keys: String, CodingKey { case name, lambda }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(lambda, forKey: .lambda)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let name = try c.decode(String.self, forKey: .name)
        do {
            // parse gives nil only without a name; a name is always given here.
            self = try Self.parse(name: name, lambda: try c.decodeIfPresent(Double.self, forKey: .lambda))!
        } catch let error as TailRiskError {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "\(error)")
        }
    }
}
