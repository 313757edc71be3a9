/// Parses a decimal number straight from the bytes of a CSV field: the one number
/// parser of every reader (prices, positions, liquidity, `--positions`/`--weights`).
///
/// The accepted grammar is `[+-]? digits [. digits]? ([eE] [+-]? digits)?`
/// (at least one digit before the exponent), the decimal mark and an optional
/// thousands separator set by a `NumberConvention`: with `.decimalPoint` (the
/// default, `,`-separated files) `11,004.21`, with `.decimalComma`
/// (`;`-separated files) `11.004,21`. Thousands separators are accepted only in
/// the integer part and in groups of three after a first group of 1–3 digits that
/// does not start with 0 (`1,234,567`), so `1,5` or `0,123` is never read as a
/// thousand-grouped number under the decimal-point convention. Hexadecimal floats, `nan` and
/// `inf` are rejected, the last two with their own outcome so the reader can
/// say "not finite" instead of "not a number".
///
/// Rounding is exact (the same double as `strtod`): when the significand has at
/// most 19 digits, fits in 53 bits and the power of ten is at most 10²² in
/// magnitude, `m · 10^e` or `m / 10^−e` is one correctly rounded IEEE operation
/// on exact operands (Clinger, "How to read floating point numbers accurately",
/// PLDI 1990, the "fast path"). Every other number goes to the standard
/// library's `Double(String)`.
///
/// - Complexity: O(length of the field), no allocation on the fast path.
enum DecimalParser {
    enum Outcome: Equatable {
        case value(Double)
        case notANumber
        /// `nan`, `inf`, `infinity` (any case, optionally signed), or a number that overflows.
        case notFinite
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                      convention: NumberConvention = .decimalPoint) -> Outcome {
        let (decimalMark, groupMark) = (convention.decimalMark, convention.groupMark)
        let end = range.upperBound
        var i = range.lowerBound
        var negative = false
        if i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var truncated = false
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        // Thousands groups: digits since the last separator, and whether one was seen.
        var run = 0
        var grouped = false
        let integerStart = i
        // Integer part: leading zeros are skipped, digits past the 19th only scale.
        while i < end && (isDigit(b[i]) || b[i] == groupMark) {
            if b[i] == groupMark {
                let firstGroupOK = !grouped && run >= 1 && run <= 3 && b[integerStart] != 48
                guard firstGroupOK || (grouped && run == 3) else { return .notANumber }
                grouped = true
                run = 0
                i += 1
                continue
            }
            run += 1
            let d = UInt64(b[i] - 48)
            sawDigit = true
            if significand == 0 && d == 0 {
            } else if digits < 19 {
                significand = significand * 10 + d
                digits += 1
            } else {
                exponent += 1
                truncated = truncated || d != 0
            }
            i += 1
        }
        if grouped && run != 3 { return .notANumber }
        if i < end && b[i] == decimalMark {
            i += 1
            while i < end && isDigit(b[i]) {
                let d = UInt64(b[i] - 48)
                sawDigit = true
                if significand == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    significand = significand * 10 + d
                    digits += 1
                    exponent -= 1
                } else {
                    truncated = truncated || d != 0
                }
                i += 1
            }
        }
        guard sawDigit else { return nonNumeric(b, range) }
        if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
                exponentNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end && isDigit(b[i]) else { return .notANumber }
            var e = 0
            while i < end && isDigit(b[i]) {
                e = min(e * 10 + Int(b[i] - 48), 100_000)
                i += 1
            }
            exponent += exponentNegative ? -e : e
        }
        guard i == end else { return .notANumber }
        let value: Double
        if significand == 0 {
            value = 0
        } else if !truncated && significand <= 1 << 53 && abs(exponent) <= 22 {
            let m = Double(significand)
            value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
        } else {
            // The standard library reads the plain form: no thousands separators, a `.` decimal mark.
            let plain = b[range].compactMap { c -> UInt8? in c == groupMark ? nil : c == decimalMark ? 46 : c }
            let text = String(decoding: plain, as: UTF8.self)
            guard let v = Double(text) else { return .notANumber }
            return v.isFinite ? .value(v) : .notFinite
        }
        return .value(negative ? -value : value)
    }

    /// Parses the whole of `text` (no surrounding spaces) with the same grammar.
    static func parse(_ text: some StringProtocol, convention: NumberConvention = .decimalPoint) -> Outcome {
        var copy = String(text)
        return copy.withUTF8 { parse($0, 0..<$0.count, convention: convention) }
    }

    /// The number in `text`, or why it is refused, for a reader's error message:
    /// `<what> "<text>" for <owner> is not a number` (or `… is not finite`), the text
    /// quoted and the owner shortened by `ErrorQuoting`. `what` names the field
    /// ("amount"), `owner` the asset it belongs to, if any.
    static func finite(_ text: some StringProtocol, what: String, for owner: String? = nil,
                       convention: NumberConvention = .decimalPoint) -> Result<Double, Refusal> {
        let outcome = parse(text, convention: convention)
        if case let .value(v) = outcome { return .success(v) }
        let subject = "\(what) \(ErrorQuoting.quoted(text))" + (owner.map { " for \(ErrorQuoting.bare($0))" } ?? "")
        switch outcome {
        case let .value(v): return .success(v)
        case .notANumber: return .failure(Refusal(message: "\(subject) is not a number"))
        case .notFinite: return .failure(Refusal(message: "\(subject) is not finite"))
        }
    }

    /// Why a field is not a finite number, as a sentence for an error.
    struct Refusal: Error, Equatable {
        let message: String
    }

    /// `notFinite` for the spellings of NaN and infinity, `notANumber` otherwise.
    private static func nonNumeric(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Outcome {
        var word = String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return ["nan", "inf", "infinity"].contains(word) ? .notFinite : .notANumber
    }
}

/// How a file writes its numbers: detected from its delimiter (`,` → `.decimalPoint`,
/// `;` → `.decimalComma`) and said in every output.
public enum NumberConvention: String, Sendable, Equatable {
    /// `.` decimal mark, `,` thousands separator (inside quotes in a `,`-separated file): `"11,004.21"`.
    case decimalPoint = "decimal-point"
    /// `,` decimal mark, `.` thousands separator: `11.004,21`.
    case decimalComma = "decimal-comma"

    var decimalMark: UInt8 { self == .decimalPoint ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    var groupMark: UInt8 { self == .decimalPoint ? UInt8(ascii: ",") : UInt8(ascii: ".") }

    /// The convention of a file with this field delimiter.
    init(delimiter: UInt8) { self = delimiter == UInt8(ascii: ";") ? .decimalComma : .decimalPoint }

    /// "`,`-separated, `.` decimals" for the head of a table.
    public var summary: String {
        self == .decimalPoint ? "\",\"-separated, \".\" decimals" : "\";\"-separated, \",\" decimals"
    }

    /// Why a number field that failed may be in the other convention, or `nil`.
    func hint(for field: some Collection<UInt8>) -> String? {
        switch self {
        case .decimalPoint where field.contains(UInt8(ascii: ",")):
            return "a \",\"-separated file writes decimals with \".\" and \",\" only between thousands in groups of three "
                + "(\"11,004.21\"); a decimal comma looks semicolon-separated: write the file with ; between fields"
        case .decimalComma where field.contains(UInt8(ascii: ".")):
            return "a \";\"-separated file writes decimals with \",\" and \".\" only between thousands in groups of three "
                + "(11.004,21); a decimal point looks comma-separated: write the file with , between fields"
        default:
            return nil
        }
    }
}

/// A number typed as text outside a data file (a flag's value, a policy or run file's
/// scalar): plain decimal notation only, `[+-]` digits, `.`, and an exponent `e`/`E`
/// (`0.99`, `.5`, `-3`, `1e6`), surrounding spaces ignored. Hexadecimal floats (`0x1p-1`),
/// `nan` and `inf`, which `Double(String)` takes, are refused, so every flag and file reads
/// numbers alike (issue 21: hex was accepted in `--confidence` only, `--df nan` where no law reads it).
/// - Complexity: O(length).
public enum DecimalText {
    /// The finite number `text` spells, or `nil`.
    public static func number(_ text: some StringProtocol) -> Double? {
        let t = trimmed(text)
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ allowed.contains($0) }),
              t.unicodeScalars.contains(where: { $0.value >= 48 && $0.value <= 57 }),
              let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// `number`, or `number(x) / 100` for `x%` (`80%` is 0.8).
    public static func fraction(_ text: some StringProtocol) -> Double? {
        let t = trimmed(text)
        if t.hasSuffix("%") { return number(t.dropLast()).map { $0 / 100 } }
        return number(t)
    }

    private static let allowed = Set("0123456789+-.eE".unicodeScalars)

    private static func trimmed(_ text: some StringProtocol) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
