import Foundation

/// Limits on a policy file checked before YAML is composed: Yams composes
/// nested collections by recursion, so a hostile file of a few kilobytes
/// (`a: [[[[…`) would overflow the stack. A policy is a flat mapping with
/// tables one level down; anything far larger or deeper is refused.
///
/// The check must never see less nesting than libyaml does, so it assumes
/// nothing about where comments and quoted scalars end:
///
/// - Flow nesting is bounded by the number of `[` and `{` anywhere in the
///   text (`maximumBrackets`), comments and quotes included: no flow
///   collection can open without one.
/// - Block nesting is bounded by the stack of increasing indentations plus
///   the compact indicators (`- `, `? `, `: `) that open a line, counted on
///   every line break libyaml knows (LF, CR, CRLF, NEL U+0085, LS U+2028,
///   PS U+2029), with a byte-order mark skipped at the start of any line and
///   tabs taken as blanks, as libyaml does.
///
/// So composing never goes deeper than `maximumNesting + maximumBrackets`
/// (192) levels; Yams composes 320 on a 512 KiB thread stack in a debug build
/// (and crashes near 640), a margin the tests check. A friendlier estimate that skips comments and quoted scalars gives
/// the usual refusal, at the line where the nesting passes `maximumNesting`.
extension HaircutPolicy {
    /// Largest policy file read, in bytes (1 MiB).
    public static let maximumFileBytes = 1 << 20
    /// Deepest nesting of collections a policy file may have.
    public static let maximumNesting = 64
    /// Most `[` and `{` a policy file may contain anywhere, comments and quoted text included.
    public static let maximumBrackets = 128

    /// The kind of YAML file the limits guard, for their messages: its name and its shape.
    /// The policy, catalogue, scenario and run readers share the limits.
    struct YAMLKind: Sendable {
        let name: String
        let shape: String

        static let policy = YAMLKind(name: "policy file",
                                     shape: "a policy file is a flat mapping (confidence: 0.99, floor: {BTC: 0.1}, …)")
        static let catalogue = YAMLKind(name: "catalogue",
                                        shape: "a catalogue is a list of windows (- name: …, from: YYYY-MM-DD, to: YYYY-MM-DD)")
        static let scenarios = YAMLKind(name: "scenario file",
                                        shape: "a scenario file is a list of shocks (- name: …, shock: BTC=-30%)")
        static let run = YAMLKind(name: "run file",
                                  shape: "a run file is a flat mapping of flag names (confidence: 0.99, positions: {BTC: 1}, …)")
    }

    /// Why a text is refused before composing, and the 1-based line where it becomes so.
    enum LimitViolation: Equatable {
        case nesting(line: Int)
        case brackets(line: Int)
    }

    /// Throws a `.file` error when `yaml` is longer than `maximumFileBytes`, nests
    /// deeper than `maximumNesting` or holds more than `maximumBrackets` brackets
    /// (naming the line where it does).
    /// - Complexity: O(text size).
    /// `kind` names the file in the messages.
    static func checkLimits(yaml: String, source: String, kind: YAMLKind = .policy) throws {
        let size = yaml.utf8.count
        guard size <= maximumFileBytes else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: tooLarge(size, kind: kind))
        }
        let flat = kind.shape
        switch limitViolation(yaml, nesting: maximumNesting, brackets: maximumBrackets) {
        case nil:
            return
        case let .nesting(line)?:
            throw TailRiskError.file(path: source, line: line, column: nil,
                                     message: "nesting deeper than \(maximumNesting) levels; \(flat)")
        case let .brackets(line)?:
            throw TailRiskError.file(path: source, line: line, column: nil,
                                     message: "more than \(maximumBrackets) '[' or '{' (comments and quoted text "
                                         + "included); \(flat)")
        }
    }

    static func tooLarge(_ size: Int, kind: YAMLKind = .policy) -> String {
        "the \(kind.name) has \(size) bytes, more than the \(maximumFileBytes) allowed; a \(kind.name) is a few lines"
    }

    /// The byte ranges of the lines of `bytes`, split at every YAML line break:
    /// LF, CR, CRLF (one break), NEL (`C2 85`), LS (`E2 80 A8`) and PS (`E2 80 A9`).
    /// - Complexity: O(bytes).
    static func yamlLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var breakLength = 0
            if b == 0x0A {
                breakLength = 1
            } else if b == 0x0D {
                breakLength = i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 {
                breakLength = 2
            } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                breakLength = 3
            }
            if breakLength > 0 {
                lines.append(start..<i)
                i += breakLength
                start = i
            } else {
                i += 1
            }
        }
        lines.append(start..<bytes.count)
        return lines
    }

    /// The first limit `yaml` breaks and where, or `nil`.
    ///
    /// `nesting` bounds the block levels (stack of increasing indentations, each
    /// leading `- `/`? `/`: ` opening one more) plus the open flow brackets outside
    /// what looks like a comment or a quoted scalar (taken to end on its line);
    /// `brackets` bounds every `[`/`{` in the text.
    /// - Complexity: O(text size).
    static func limitViolation(_ yaml: String, nesting limit: Int, brackets bracketLimit: Int) -> LimitViolation? {
        let (space, tab, hash) = (UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "#"))
        let (open1, open2, close1, close2) = (UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"))
        let bytes = Array(yaml.utf8)
        func isBlank(_ i: Int, in line: Range<Int>) -> Bool { i >= line.upperBound || bytes[i] == space || bytes[i] == tab }
        var flow = 0
        var brackets = 0
        var indents: [Int] = []
        var exceeded: LimitViolation?
        for (number, line) in yamlLines(bytes).enumerated() {
            if exceeded != nil { break }
            var i = line.lowerBound
            if bytes[line].starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }  // libyaml skips a BOM at column 0
            for k in i..<line.upperBound where bytes[k] == open1 || bytes[k] == open2 { brackets += 1 }
            // Checked after this line's nesting, which gives the more telling message.
            defer { if brackets > bracketLimit { exceeded = exceeded ?? .brackets(line: number + 1) } }
            while i < line.upperBound && (bytes[i] == space || bytes[i] == tab) { i += 1 }
            if i < line.upperBound && bytes[i] != hash {
                let column = i - line.lowerBound
                while let last = indents.last, last >= column { indents.removeLast() }
                indents.append(column)
                // `- - ? x`: each indicator followed by a blank (or the line's end) opens a level;
                // a `--- ` document marker opens none.
                while i < line.upperBound {
                    if bytes[i...].starts(with: Array("---".utf8)) && isBlank(i + 3, in: line) {
                        i += 3
                    } else if [UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(bytes[i]),
                              isBlank(i + 1, in: line) {
                        i += 1
                        indents.append(i - line.lowerBound)
                    } else {
                        break
                    }
                    while i < line.upperBound && (bytes[i] == space || bytes[i] == tab) { i += 1 }
                }
            }
            if indents.count + flow > limit { return .nesting(line: number + 1) }
            var quote: UInt8?
            while i < line.upperBound {
                let b = bytes[i]
                if let q = quote {
                    if b == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") { i += 1 } else if b == q { quote = nil }
                } else {
                    let previous = i > line.lowerBound ? bytes[i - 1] : space
                    switch b {
                    // A quote starts a quoted scalar only where a scalar can start (`x'y` is plain).
                    case UInt8(ascii: "\"") where [space, tab, open1, open2, UInt8(ascii: ",")].contains(previous),
                         UInt8(ascii: "'") where [space, tab, open1, open2, UInt8(ascii: ",")].contains(previous):
                        quote = b
                    case hash where previous == space || previous == tab:
                        i = line.upperBound
                    case open1, open2:
                        flow += 1
                        if indents.count + flow > limit { return .nesting(line: number + 1) }
                    case close1, close2:
                        flow = max(0, flow - 1)
                    default:
                        break
                    }
                }
                i += 1
            }
        }
        return exceeded
    }
}
