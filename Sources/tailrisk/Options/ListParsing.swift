import ArgumentParser
import TailRisk

/// Parsing shared by several options, so that every subcommand reads them alike.
enum ListParsing {
    /// The items of repeated and/or comma-separated option values, trimmed, without empties.
    static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    /// `0.995` or `99.5%` as a number (no range check), decimal only (`DecimalText`: no hex, nan or inf).
    static func fraction(_ text: String) -> Double? { DecimalText.fraction(text) }

    /// `--lt ETH=0.8,BTC=75%`: asset and threshold pairs, in order; a threshold is a fraction or a
    /// percentage (as `lt:` in a policy file). The range is the policy's check.
    /// - Throws: `ValidationError` naming `option` for an entry that is not ASSET=NUMBER, or an asset twice (in any case).
    static func thresholds(_ text: String, option: String) throws -> [(String, Double)] {
        var out: [(String, Double)] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, !name.isEmpty, let value = fraction(String(parts[1])) else {
                throw ValidationError("\(option): \(ErrorQuoting.quoted(entry)) is not ASSET=THRESHOLD (e.g. ETH=0.8 or ETH=80%)")
            }
            guard !out.contains(where: { $0.0.lowercased() == name.lowercased() }) else {
                throw ValidationError("\(option): \(ErrorQuoting.quoted(name)) is given twice")
            }
            out.append((name, value))
        }
        return out
    }

    /// The confidence levels of `--confidence` (repeated and/or comma lists; `0.99` or `99%`),
    /// in the order given, without repeats; `defaults` when none is given.
    static func levels(_ values: [String], default defaults: [Double]) throws -> [ConfidenceLevel] {
        let texts = items(values)
        if texts.isEmpty { return try defaults.map { try ConfidenceLevel($0) } }
        var out: [ConfidenceLevel] = []
        for t in texts {
            guard let c = fraction(t), c > 0, c < 1 else {
                throw ValidationError("--confidence: \(ErrorQuoting.quoted(t)) is not a level between 0 and 1 (e.g. 0.99 or 99%)")
            }
            let level = try ConfidenceLevel(validating: c)
            if !out.contains(level) { out.append(level) }
        }
        return out
    }

    /// The covariance estimator of `--estimator` for aligned returns (pairwise is `cov`'s alone).
    static func estimator(_ name: String) throws -> CovarianceEstimator {
        guard let e = CovarianceEstimator(rawValue: name), e != .pairwise else {
            throw ValidationError("--estimator: \(ErrorQuoting.quoted(name)) is not one of sample, ewma, ledoit-wolf, oas, ledoit-wolf-cc")
        }
        return e
    }

    /// The historical quantile convention of `--quantile`.
    static func quantile(_ name: String) throws -> QuantileConvention {
        guard let q = QuantileConvention(rawValue: name) else {
            throw ValidationError("--quantile: \(ErrorQuoting.quoted(name)) is not one of order-statistic, linear")
        }
        return q
    }

    /// The risk methods named in `--method` (all when none is named), in order, without repeats.
    static func methods(_ values: [String]) throws -> [RiskMethod] {
        let names = items(values)
        if names.isEmpty || names == ["all"] { return RiskMethod.allCases }
        var out: [RiskMethod] = []
        for n in names {
            guard let m = RiskMethod(rawValue: n) else {
                throw ValidationError("--method: \(ErrorQuoting.quoted(n)) is not one of historical, normal, cornish-fisher, fhs, monte-carlo (or all)")
            }
            if !out.contains(m) { out.append(m) }
        }
        return out
    }
}

import Foundation
