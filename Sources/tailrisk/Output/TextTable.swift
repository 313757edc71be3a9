import Foundation
import TailRisk

/// A plain text table with right-aligned numeric columns, for terminal output. Every cell is
/// printed through `ErrorQuoting.visible`, so a name with a line feed, tab or escape sequence
/// shows escaped (`A\nB`) and cannot break the table's rows or drive the terminal.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns (by index) aligned left; all others right.
    var leftAligned: Set<Int> = [0]

    init(_ header: [String], leftAligned: Set<Int> = [0]) {
        self.header = header
        self.leftAligned = leftAligned
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let all = ([header] + rows).map { $0.map { ErrorQuoting.visible($0) } }
        let widths = header.indices.map { j in all.map { $0.indices.contains(j) ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            header.indices.map { j -> String in
                let cell = r.indices.contains(j) ? r[j] : ""
                let fill = String(repeating: " ", count: widths[j] - cell.count)
                return leftAligned.contains(j) ? cell + fill : fill + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(all[0]), rule] + all.dropFirst().map(line)).joined(separator: "\n")
    }
}

/// Number formatting shared by the tables.
enum Fmt {
    /// Fixed decimals with thousands separators: `1234567.891` → `1,234,567.89`.
    static func money(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return scientific(x) }
        let negative = x < 0
        let scale = pow10(decimals)
        let rounded = (abs(x) * scale).rounded()
        let whole = Int64(rounded / scale)
        let frac = Int64(rounded) - whole * Int64(scale)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        let fracText = decimals > 0 ? "." + leftPad(String(frac), decimals) : ""
        return (negative && rounded != 0 ? "-" : "") + grouped + fracText
    }

    /// A fraction as a percentage: `0.0123` → `1.23%`.
    static func percent(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return String(x) }
        return fixed(100 * x, decimals: decimals) + "%"
    }

    /// Fixed decimals without grouping.
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return scientific(x) }
        let negative = x < 0
        let scale = pow10(decimals)
        let rounded = (abs(x) * scale).rounded()
        let whole = (rounded / scale).rounded(.down)
        let frac = rounded - whole * scale
        let fracText = decimals > 0 ? "." + leftPad(String(Int64(frac)), decimals) : ""
        return (negative && rounded != 0 ? "-" : "") + String(Int64(whole)) + fracText
    }

    /// Amounts too large for fixed notation (and non-finite values) in exponent form.
    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return String(x) }
        if x == 0 { return "0" }
        let e = Int(log10(abs(x)).rounded(.down))
        return fixed(x / pow(10, Double(e)), decimals: 3) + "e" + String(e)
    }

    /// An amount with enough decimals to show its size: `money` for large
    /// amounts, three significant digits for small ones (a CI of `8.41–8.52`, not `8–9`).
    static func amount(_ x: Double) -> String {
        let a = abs(x)
        if a >= 1000 || a == 0 || !x.isFinite { return money(x, decimals: 0) }
        let digits = max(0, min(12, 2 - Int(log10(a).rounded(.down))))
        return money(x, decimals: digits)
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
    private static func leftPad(_ s: String, _ w: Int) -> String { String(repeating: "0", count: max(0, w - s.count)) + s }
}
