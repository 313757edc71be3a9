import ArgumentParser
import TailRisk

/// Parsing shared by several options, so that every subcommand reads them alike.
enum ListParsing {
    /// The items of repeated and/or comma-separated option values, trimmed, without empties.
    static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    /// `0.995` or `99.5%` as a number (no range check).
    static func fraction(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { return Double(t.dropLast()).map { $0 / 100 } }
        return Double(t)
    }

    /// The risk methods named in `--method` (all when none is named), in order, without repeats.
    static func methods(_ values: [String]) throws -> [RiskMethod] {
        let names = items(values)
        if names.isEmpty { return RiskMethod.allCases }
        var out: [RiskMethod] = []
        for n in names {
            guard let m = RiskMethod(rawValue: n) else {
                throw ValidationError("--method: \"\(n)\" is not one of historical, normal, cornish-fisher, monte-carlo")
            }
            if !out.contains(m) { out.append(m) }
        }
        return out
    }
}

import Foundation
