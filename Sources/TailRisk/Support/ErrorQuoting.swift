/// How an error message quotes what the user wrote: every quotation of input
/// text (a field, a header name, an option's value, a list of asset names)
/// goes through here, so that no message can echo a megabyte line, raw binary
/// or ten thousand names.
///
/// - `quoted` puts text in double quotes, escapes what does not print
///   (`\t`, `\n`, `\r`, `\x00`…`\x1F`, `\x7F`, bytes that are not UTF-8 as
///   `\xFF`, and invisible or space-like Unicode scalars as `\u{A0}`), and
///   keeps at most `maximumCharacters` characters of the escaped text, ending
///   a cut quotation with `…` and the length of the whole (`"abc…" (5000 bytes)`).
/// - `names` joins a list with `, ` and keeps its first `maximumNames`
///   (each shortened like a quotation, without the quotes), adding `and N more`.
///
/// - Complexity: O(min(length, maximumCharacters)) per quotation; O(maximumNames) per list.
public enum ErrorQuoting {
    /// Most characters of input text one quotation shows.
    public static let maximumCharacters = 60
    /// Most names one list shows.
    public static let maximumNames = 10

    /// `text` in double quotes, escaped and shortened.
    public static func quoted(_ text: some StringProtocol) -> String {
        quoted(utf8: text.utf8)
    }

    /// The bytes of a field (UTF-8, possibly invalid) in double quotes, escaped and shortened.
    public static func quoted(utf8 bytes: some Collection<UInt8>) -> String {
        let (shown, cut) = escaped(bytes, limit: maximumCharacters)
        return cut ? "\"\(shown)…\" (\(bytes.count) bytes)" : "\"\(shown)\""
    }

    /// `text` escaped and shortened, without quotes (for names in running text).
    public static func bare(_ text: some StringProtocol) -> String {
        let (shown, cut) = escaped(text.utf8, limit: maximumCharacters)
        return cut ? shown + "…" : shown
    }

    /// `text` with what does not print escaped as in a quotation (`\n`, `\t`, `\x1B`, `\u{200B}`…),
    /// but neither quoted nor shortened, and with `\` and `"` as they are: the one rule for a name
    /// or path printed in a table or a message line (a file name with a line feed or an escape
    /// sequence in it cannot break a table or drive the terminal). Text that prints is returned unchanged.
    /// - Complexity: O(length).
    public static func visible(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) }) else { return String(text) }
        var out = ""
        for s in text.unicodeScalars { out += s == "\\" || s == "\"" ? String(s) : escape(s) }
        return out
    }

    /// Whether `escape` changes `s` (other than `\` and `"`).
    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s != "\\" && s != "\"" && escape(s) != String(s)
    }

    /// `A, B, C` or, for a long list, `A, B, …, J and 9990 more`; each name as `bare`.
    public static func names(_ list: some Collection<String>, separator: String = ", ") -> String {
        let shown = list.prefix(maximumNames).map { bare($0) }.joined(separator: separator)
        let rest = list.count - min(list.count, maximumNames)
        return rest > 0 ? "\(shown) and \(rest) more" : shown
    }

    /// The escaped text of `bytes`, cut after `limit` characters; `cut` tells whether anything was left out.
    ///
    /// UTF-8 is decoded by hand so that each invalid byte shows as itself (`\xC3`)
    /// rather than as a replacement character.
    static func escaped(_ bytes: some Collection<UInt8>, limit: Int) -> (text: String, cut: Bool) {
        var out = ""
        var shown = 0
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if shown >= limit { return (out, true) }
            let (scalar, next) = decode(bytes, at: i)
            if let scalar {
                out += escape(scalar)
            } else {
                out += "\\x" + hex(UInt32(bytes[i]), width: 2)
            }
            shown += 1
            i = next
        }
        return (out, false)
    }

    /// The scalar starting at `i` and the index after it, or `nil` (and the next byte) for an invalid sequence.
    private static func decode<C: Collection<UInt8>>(_ bytes: C, at i: C.Index) -> (Unicode.Scalar?, C.Index) {
        let lead = bytes[i]
        let next = bytes.index(after: i)
        if lead < 0x80 { return (Unicode.Scalar(lead), next) }
        let count: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (count, value, minimum) = (1, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (count, value, minimum) = (2, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (count, value, minimum) = (3, UInt32(lead & 0x07), 0x10000)
        default: return (nil, next)
        }
        var j = next
        for _ in 0..<count {
            guard j != bytes.endIndex, bytes[j] & 0xC0 == 0x80 else { return (nil, next) }
            value = value << 6 | UInt32(bytes[j] & 0x3F)
            j = bytes.index(after: j)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, next) }
        return (scalar, j)
    }

    /// A printing scalar as itself; anything else as an escape.
    private static func escape(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\\": return "\\\\"
        case "\"": return "\\\""
        case " ": return " "
        default: break
        }
        if s.value < 0x20 || s.value == 0x7F { return "\\x" + hex(s.value, width: 2) }
        let p = s.properties
        let invisible: Bool
        switch p.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            invisible = true
        default:
            invisible = p.isWhitespace || p.isDefaultIgnorableCodePoint
        }
        return invisible ? "\\u{" + hex(s.value, width: 1) + "}" : String(s)
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
