/// Parses a decimal number straight from the bytes of a CSV field: the one number
/// parser of every reader (prices, positions, liquidity, `--positions`/`--weights`).
///
/// The accepted grammar is `[+-]? digits [. digits]? ([eE] [+-]? digits)?`
/// (at least one digit before the exponent); hexadecimal floats, `nan` and
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

    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Outcome {
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
        // Integer part: leading zeros are skipped, digits past the 19th only scale.
        while i < end && isDigit(b[i]) {
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
        if i < end && b[i] == UInt8(ascii: ".") {
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
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
            guard let v = Double(text) else { return .notANumber }
            return v.isFinite ? .value(v) : .notFinite
        }
        return .value(negative ? -value : value)
    }

    /// Parses the whole of `text` (no surrounding spaces) with the same grammar.
    static func parse(_ text: some StringProtocol) -> Outcome {
        var copy = String(text)
        return copy.withUTF8 { parse($0, 0..<$0.count) }
    }

    /// The number in `text`, or why it is refused, for a reader's error message:
    /// `<what> "<text>" for <owner> is not a number` (or `… is not finite`), the text
    /// quoted and the owner shortened by `ErrorQuoting`. `what` names the field
    /// ("amount"), `owner` the asset it belongs to, if any.
    static func finite(_ text: some StringProtocol, what: String, for owner: String? = nil) -> Result<Double, Refusal> {
        let outcome = parse(text)
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
