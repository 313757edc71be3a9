/// The header and field-count checks the small CSV tables (account book, liquidity
/// table) share; errors name the file, the 1-based line and field.
extension CSVText {
    /// The columns of header line `header` by lowercased name, each one of `allowed`, none
    /// twice, every one of `required` present, written to `fields` (whose count data lines then need).
    /// - Throws: the file's error at the header's line, ending in `expected` for an unknown or missing column.
    func columns(ofHeader header: Int, into fields: inout [Range<Int>], allowed: [String], required: [String],
                 expected: String) throws -> [String: Int] {
        self.fields(ofLine: header, into: &fields)
        var position: [String: Int] = [:]
        for (j, field) in fields.enumerated() {
            let name = try self.name(field, line: header + 1, column: j + 1).lowercased()
            guard allowed.contains(name) else {
                throw error(line: header + 1, column: j + 1, "unknown column \(ErrorQuoting.quoted(name)); \(expected)")
            }
            guard position.updateValue(j, forKey: name) == nil else {
                throw error(line: header + 1, column: j + 1, "column \(ErrorQuoting.quoted(name)) appears twice")
            }
        }
        for name in required where position[name] == nil {
            throw error(line: header + 1, column: nil, "missing column \"\(name)\"; \(expected)")
        }
        return position
    }

    /// `fields(ofLine:into:)` for a data line that must have `count` fields, as the header has.
    /// - Throws: the file's error at line `index + 1` when the line has another number of fields.
    func fields(ofLine index: Int, into fields: inout [Range<Int>], expecting count: Int) throws {
        self.fields(ofLine: index, into: &fields)
        guard fields.count == count else {
            throw error(line: index + 1, column: nil, "expected \(count) fields, found \(fields.count)")
        }
    }
}
