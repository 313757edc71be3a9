import ArgumentParser
import TailRisk

/// Counts and fractions as people type them (issue 12).
///
/// - A count (`--scenarios`, `--max-scenarios`) is a whole number, with `_`
///   or `,` between groups of digits, or in exponent form: `1000000`,
///   `1_000_000`, `1e6`, `2.5e5`. A value that is not whole is refused.
/// - A fraction is either bare (`0.005`: the number itself) or a percentage
///   (`0.5%`: divided by 100). Where a bare number would be a fraction far
///   outside any sensible value and read naturally as a percentage
///   (`--target-precision 0.5`: 50%, or 0.5%?), it is refused as ambiguous with
///   both spellings in the message.
enum NumberParsing {
    /// A whole count from `1000000`, `1_000_000`, `1,000,000` or `1e6`; `nil` otherwise.
    static func count(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: ",", with: "")
        if let n = Int(t) { return n }
        guard t.lowercased().contains("e"), let x = DecimalText.number(t), x == x.rounded(),
              abs(x) < 9.0e18 else { return nil }
        return Int(x)
    }

    /// `count` for an ArgumentParser `transform:`, naming the option in the error.
    static func countTransform(_ option: String) -> (String) throws -> Int {
        { text in
            guard let n = count(text) else {
                throw ValidationError("\(option): \(ErrorQuoting.quoted(text)) is not a whole number (e.g. 1000000, 1_000_000 or 1e6)")
            }
            return n
        }
    }

    /// A fraction flag whose range its owner checks (`--liquidation-bonus 5%` or `0.05`): a bare
    /// number is the fraction itself, `x%` is x/100.
    static func fractionTransform(_ option: String) -> (String) throws -> Double {
        { text in
            guard let v = ListParsing.fraction(text) else {
                throw ValidationError("\(option): \(ErrorQuoting.quoted(text)) is not a number (e.g. 0.05 or 5%)")
            }
            return v
        }
    }

    /// A fraction in `(0, 1)` from `0.005` or `0.5%`. A bare number at or above
    /// `ambiguousAbove` is refused as ambiguous (it reads as a percentage).
    static func fraction(_ text: String, option: String, ambiguousAbove: Double) throws -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let v = ListParsing.fraction(t), v > 0, v < 1 else {
            throw ValidationError("\(option): \(ErrorQuoting.quoted(text)) is not a fraction between 0 and 1 (e.g. 0.005 or 0.5%)")
        }
        if !t.hasSuffix("%") && v >= ambiguousAbove {
            throw ValidationError("\(option): \(ErrorQuoting.quoted(text)) is ambiguous: a bare number is a fraction "
                + "(\(t) = \(ListParsing.percentText(v))); write \(t)% for \(ListParsing.percentText(v / 100)) "
                + "or \(ListParsing.percentText(v)) to mean the fraction")
        }
        return v
    }
}

extension ListParsing {
    /// `0.005` → `0.5%` (shortest form).
    static func percentText(_ x: Double) -> String {
        let p = (x * 100 * 1e9).rounded() / 1e9
        return (p == p.rounded() ? String(Int(p)) : String(p)) + "%"
    }
}
