/// A historical stress window `FROM:TO` (methods.md §9): the returns dated
/// `FROM … TO` inclusive, where the return dated `D` runs from the previous
/// row of the aligned table to `D`. A window may carry a name (from a
/// catalogue) and a one-line description.
public struct ReplayWindow: Sendable, Equatable, CustomStringConvertible {
    public let name: String?
    public let from: Day
    public let to: Day
    public let note: String?

    public init(name: String? = nil, from: Day, to: Day, note: String? = nil) {
        self.name = name
        self.from = from
        self.to = to
        self.note = note
    }

    /// Parses `YYYY-MM-DD:YYYY-MM-DD` (`FROM` not after `TO`).
    ///
    /// Throws `invalidParameter(parameter)` naming `option` for malformed dates or a
    /// window that ends before it starts.
    /// - Complexity: O(length of `text`).
    public init(parsing text: String, parameter: Parameter = .replay) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Day(iso: parts[0]), let to = Day(iso: parts[1]) else {
            throw TailRiskError.invalidParameter(
                parameter, message: "expected FROM:TO with ISO dates (YYYY-MM-DD:YYYY-MM-DD), got '\(text)'")
        }
        guard from <= to else {
            throw TailRiskError.invalidParameter(parameter, message: "\(text) starts after it ends")
        }
        self.init(from: from, to: to)
    }

    /// `FROM:TO`.
    public var description: String { "\(from):\(to)" }

    /// The name if any, else `FROM:TO`.
    public var label: String { name ?? description }

    /// The row indices of `dates` (ascending) that lie in `from … to`.
    /// - Complexity: O(log T) by binary search.
    public func rows(in dates: [Day]) -> Range<Int> {
        func firstIndex(where predicate: (Day) -> Bool) -> Int {
            var lo = 0, hi = dates.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if predicate(dates[mid]) { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        let lower = firstIndex { $0 >= from }
        let upper = firstIndex { $0 > to }
        return lower..<max(lower, upper)
    }
}
