import Foundation
import TailRisk

/// What produced an output: recorded in every JSON document and summary file.
struct Provenance {
    var inputFile: String
    var sha256: String
    var series: ReturnSeries
    /// Further fields (estimator, repair, seed, scenarios, …) in display order.
    var extra: [(String, JSONValue)] = []
    /// Every input file with what its reader found (empty: only `inputFile` and `sha256` are known).
    var files: [PriceTable.FileInfo] = []
    /// How a returns input wrote its returns (`--return-type`), for `--input returns`.
    var returnType: ReturnType?

    init(inputFile: String, sha256: String, series: ReturnSeries, extra: [(String, JSONValue)] = []) {
        self.inputFile = inputFile
        self.sha256 = sha256
        self.series = series
        self.extra = extra
    }

    /// The provenance of a run on `table` (one file or several merged).
    init(table: PriceTable, series: ReturnSeries, returnType: ReturnType? = nil, extra: [(String, JSONValue)] = []) {
        self.init(inputFile: table.source, sha256: table.files.count == 1 ? table.files[0].sha256 : "", series: series,
                  extra: extra)
        files = table.files
        self.returnType = returnType
    }

    /// Each file: path, digest, what it holds and how it was read.
    private var filesJSON: JSONValue {
        .array(files.map { f in
            .object([
                ("file", .string(f.source)), ("sha256", .string(f.sha256)), ("kind", .string(f.kind.rawValue)),
                ("layout", .string(f.layout.rawValue)),
                ("delimiter", .string(f.convention == .decimalComma ? ";" : ",")),
                ("numbers", .string(f.convention.rawValue)),
                ("date_column", .string(f.dateColumn)),
                ("value_column", f.valueColumn.map(JSONValue.string) ?? .null),
                ("ignored_columns", .strings(f.ignoredColumns)),
                ("assets", .strings(f.assets)),
            ])
        })
    }

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
            ("config", RunFileArguments.echo().flatMap { e in e.file.map { f in
                JSONValue.object([("file", .string(f.source)), ("sha256", .string(f.sha256)), ("arguments", .strings(e.added))]
                    + (e.analysis.map { [("analysis", JSONValue.string($0))] } ?? []))
            } } ?? .null),
            ("input", .object([("file", .string(inputFile)), ("sha256", sha256.isEmpty ? .null : .string(sha256))]
                + (files.first.map { [("kind", .string($0.kind.rawValue))] } ?? [])
                + (returnType.map { [("return_type", .string($0.rawValue))] } ?? []))),
            ("inputs", filesJSON),
            ("assets", .strings(series.assets)),
            ("first_date", .string(series.startDate.description)),
            ("last_date", .string(series.endDate.description)),
            ("observations", .integer(series.count)),
            ("alignment", .object([
                ("policy", .string(series.alignment.policy.rawValue)),
                ("dates_in_range", .integer(series.alignment.datesInRange)),
                ("dates_kept", .integer(series.alignment.datesKept)),
                ("dates_lost", .object(lost)),
                ("limited_by", .strings(series.alignment.limitingAssets)),
                ("ended_by", .strings(series.alignment.endingAssets)),
                ("first_price_dates", .object(series.alignment.firstPriceDates.sorted { $0.key < $1.key }
                    .map { ($0.key, JSONValue.string($0.value.description)) })),
                ("last_price_dates", .object(series.alignment.lastPriceDates.sorted { $0.key < $1.key }
                    .map { ($0.key, JSONValue.string($0.value.description)) })),
            ])),
        ]
        pairs += extra
        return .object(pairs)
    }

    /// The lines at the top of a table: the sample; how each file was read; what alignment cost.
    var headline: String {
        let a = series.alignment
        let unit = files.first.map { $0.kind == .prices ? "price dates" : "\($0.kind.rawValue) rows" } ?? "price dates"
        var lines = ["\(ErrorQuoting.visible(inputFile)): \(series.assets.count) assets, \(series.count) returns \(series.startDate) → \(series.endDate)"
            + " (dates aligned by \(a.policy.rawValue); \(a.datesKept) of \(a.datesInRange) \(unit) kept)"]
        if let e = RunFileArguments.echo(), let f = e.file {
            lines.append("run file \(ErrorQuoting.visible(f.source)): \(e.added.isEmpty ? "(nothing not typed)" : ErrorQuoting.visible(e.added.joined(separator: " ")))"
                + " (typed flags override it)")
        }
        for f in files {
            var line = "read \(ErrorQuoting.visible(f.summary))"
            if f.kind == .returns { line += " (\((returnType ?? .log).rawValue) returns)" }
            if f.kind == .pnl { line += " (P&L in the price currency, positive for gains; the portfolio is the sum of the columns, "
                + "valued at nominal power-of-two scales, so VaR % is of that nominal value)" }
            lines.append(line)
        }
        let lost = series.assets.compactMap { name in a.datesLost[name].flatMap { $0 > 0 ? "\(name) \($0)" : nil } }
        if !a.limitingAssets.isEmpty || !a.endingAssets.isEmpty || !lost.isEmpty {
            var parts: [String] = []
            var limits: [String] = []
            if let first = a.limitingAssets.first, let day = a.firstPriceDates[first] {
                limits.append("\(a.limitingAssets.joined(separator: ", ")) (first price \(day))")
            }
            if let last = a.endingAssets.first, let day = a.lastPriceDates[last] {
                limits.append("\(a.endingAssets.joined(separator: ", ")) (last price \(day))")
            }
            if !limits.isEmpty { parts.append("sample limited by " + limits.joined(separator: " and ")) }
            if !lost.isEmpty { parts.append("dates lost to alignment: " + lost.joined(separator: ", ")) }
            lines.append(parts.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
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
