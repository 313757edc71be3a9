import Foundation

/// Limits on a policy file checked before YAML is composed: Yams composes
/// nested collections by recursion, so a hostile file of a few kilobytes
/// (`a: [[[[…`) would overflow the stack. A policy is a flat mapping with
/// tables one level down; anything far larger or deeper is refused.
extension HaircutPolicy {
    /// Largest policy file read, in bytes (1 MiB).
    public static let maximumFileBytes = 1 << 20
    /// Deepest nesting of collections a policy file may have.
    public static let maximumNesting = 64

    /// Throws a `.file` error when `yaml` is longer than `maximumFileBytes` or
    /// nests deeper than `maximumNesting` (naming the line where it does).
    /// - Complexity: O(text size).
    static func checkLimits(yaml: String, source: String) throws {
        let size = yaml.utf8.count
        guard size <= maximumFileBytes else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: tooLarge(size))
        }
        if let line = lineExceedingNesting(yaml, limit: maximumNesting) {
            throw TailRiskError.file(path: source, line: line, column: nil,
                                     message: "nesting deeper than \(maximumNesting) levels; a policy file is a flat "
                                         + "mapping (confidence: 0.99, floor: {BTC: 0.1}, …)")
        }
    }

    static func tooLarge(_ size: Int) -> String {
        "the policy file has \(size) bytes, more than the \(maximumFileBytes) allowed; a policy file is a few lines"
    }

    /// The 1-based line where the nesting of `yaml` first exceeds `limit`, or `nil`.
    ///
    /// A cheap over-estimate of the depth, without parsing: open flow brackets
    /// `[`/`{` outside quoted scalars (taken to end on their line) and
    /// comments, plus the block levels, i.e. the
    /// stack of increasing indentations, each leading `- `/`? ` of a line
    /// opening one more (compact nested sequences).
    /// - Complexity: O(text size).
    static func lineExceedingNesting(_ yaml: String, limit: Int) -> Int? {
        let (space, dash, question, hash) = (UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: "#"))
        var flow = 0
        var indents: [Int] = []
        for (number, line) in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated() {
            let bytes = Array(line)
            var i = 0
            if flow == 0 {
                while i < bytes.count && bytes[i] == space { i += 1 }
                let blank = i == bytes.count || bytes[i] == hash || bytes[i] == UInt8(ascii: "\r")
                if !blank {
                    while let last = indents.last, last >= i { indents.removeLast() }
                    indents.append(i)
                    // `- - - x`: each indicator followed by a space (or the line's end) opens a level.
                    while i < bytes.count, bytes[i] == dash || bytes[i] == question,
                          i + 1 == bytes.count || bytes[i + 1] == space {
                        i += 1
                        while i < bytes.count && bytes[i] == space { i += 1 }
                        indents.append(i)
                    }
                }
            }
            if indents.count + flow > limit { return number + 1 }
            var quote: UInt8?
            while i < bytes.count {
                let b = bytes[i]
                if let q = quote {
                    if b == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") { i += 1 } else if b == q { quote = nil }
                } else {
                    switch b {
                    // A quote starts a quoted scalar only where a scalar can start (`x'y` is plain).
                    case UInt8(ascii: "\""), UInt8(ascii: "'")
                        where i == 0 || [space, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(bytes[i - 1]):
                        quote = b
                    case hash where i == 0 || bytes[i - 1] == space: i = bytes.count
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flow += 1
                        if indents.count + flow > limit { return number + 1 }
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                    default: break
                    }
                }
                i += 1
            }
        }
        return nil
    }
}
