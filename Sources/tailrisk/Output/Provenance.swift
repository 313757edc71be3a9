import Foundation
import TailRisk

/// What produced an output: recorded in every JSON document and summary file.
struct Provenance {
    var inputFile: String
    var sha256: String
    var series: ReturnSeries
    /// Further fields (estimator, repair, seed, scenarios, …) in display order.
    var extra: [(String, JSONValue)] = []

    var json: JSONValue {
        let lost = series.alignment.datesLost.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.integer($0.value)) }
        var pairs: [(String, JSONValue)] = [
            ("tool", "tailrisk"),
            ("version", .string(TailRiskVersion.string)),
            ("blas", .object([
                ("library", "OpenBLAS"),
                ("kernel", .string(BLAS.kernel)),
                ("threads", .integer(BLAS.threads)),
                ("config", .string(BLAS.buildConfiguration)),
            ])),
            ("command", .string(CommandLine.arguments.dropFirst().joined(separator: " "))),
            ("input", .object([("file", .string(inputFile)), ("sha256", .string(sha256))])),
            ("assets", .strings(series.assets)),
            ("first_date", .string(series.startDate.description)),
            ("last_date", .string(series.endDate.description)),
            ("observations", .integer(series.count)),
            ("alignment", .object([
                ("policy", .string(series.alignment.policy.rawValue)),
                ("dates_in_range", .integer(series.alignment.datesInRange)),
                ("dates_kept", .integer(series.alignment.datesKept)),
                ("dates_lost", .object(lost)),
            ])),
        ]
        pairs += extra
        return .object(pairs)
    }

    /// One line for the top of a table.
    var headline: String {
        "\(inputFile): \(series.assets.count) assets, \(series.count) returns \(series.startDate) → \(series.endDate)"
            + " (dates aligned by \(series.alignment.policy.rawValue); \(series.alignment.datesKept) of \(series.alignment.datesInRange) price dates kept)"
    }
}

extension RepairReport {
    var json: JSONValue {
        .object([
            ("method", .string(method.rawValue)),
            ("minimum_eigenvalue_before", .number(minimumEigenvalueBefore)),
            ("minimum_eigenvalue_after", .number(minimumEigenvalueAfter)),
            ("frobenius_distance", .number(frobeniusDistance)),
            ("largest_variance_change", .number(largestVarianceChange)),
            ("summary", .string(summary)),
        ])
    }
}

extension Portfolio {
    /// `AAPL 251,348, MSFT 233,434, …` for the head of a table.
    var positionsLine: String {
        zip(assets, values).map { "\($0.0) \(Fmt.money($0.1, decimals: 0))" }.joined(separator: ", ")
    }
}
