import Foundation
import TailRisk

/// The files `tailrisk simulate --out DIR` writes: the exported tail scenarios
/// with each asset's P&L, the histogram of every simulated loss, and the
/// summary (the JSON of `var --method monte-carlo` plus the file list).
struct SimulateFiles {
    static let summaryName = "summary.json"
    static let tailName = "tail.csv"
    static let histogramName = "histogram.csv"

    let result: SimulationResult
    let assets: [String]

    /// `rank,scenario,loss,<asset P&L…>`, largest loss first; an asset's P&L is
    /// `V_i (e^{r_i} − 1)` (exact) or `V_i r_i` (linear), so a row's P&L sums to −loss.
    /// Under importance sampling a `weight` column after `loss` holds each
    /// scenario's likelihood ratio: the scenario stands for `weight/n` of the
    /// probability, not `1/n`.
    var tailColumns: [ReportColumn<(rank: Int, scenario: TailScenario)>] {
        var columns: [ReportColumn<(rank: Int, scenario: TailScenario)>] = [
            .integer("rank") { $0.rank },
            .integer("scenario") { $0.scenario.index },
            .number("loss") { $0.scenario.loss },
        ]
        if result.importanceTilt != nil { columns.append(.number("weight") { $0.scenario.weight }) }
        columns.append(.perAsset("pnl", csv: "", assets, in: .csv) { $0.scenario.assetPnL })
        return columns
    }

    var tailCSV: String {
        ReportTable(tailColumns, rows: result.tail.enumerated().map { ($0.offset + 1, $0.element) }).csv
    }

    /// `bin_lower,bin_upper,count`: an underflow row `-inf,lower`, the bins, an overflow row `upper,inf`.
    static let histogramColumns: [ReportColumn<(lower: Double, upper: Double, count: Int)>] = [
        .number("bin_lower") { $0.lower },
        .number("bin_upper") { $0.upper },
        .integer("count") { $0.count },
    ]

    var histogramCSV: String {
        guard let h = result.histogram else { return ReportTable(Self.histogramColumns, rows: []).csv }
        let bins = h.counts.enumerated().map { i, c in
            (h.lowerBound + Double(i) * h.binWidth, h.lowerBound + Double(i + 1) * h.binWidth, c)
        }
        let rows = [(-Double.infinity, h.lowerBound, h.underflow)] + bins + [(h.upperBound, Double.infinity, h.overflow)]
        return ReportTable(Self.histogramColumns, rows: rows).csv
    }

    /// The `var` JSON with a `files` object appended.
    func summary(_ json: JSONValue, directory: String) -> JSONValue {
        guard case var .object(pairs) = json else { return json }
        var files: [(String, JSONValue)] = [
            ("directory", .string(directory)),
            ("summary", .string(SimulateFiles.summaryName)),
            ("tail", .object([("file", .string(SimulateFiles.tailName)), ("scenarios", .integer(result.tail.count))])),
        ]
        if let h = result.histogram {
            files.append(("histogram", .object([
                ("file", .string(SimulateFiles.histogramName)), ("bins", .integer(h.counts.count)),
                ("lower", .number(h.lowerBound)), ("upper", .number(h.upperBound)),
                ("underflow", .integer(h.underflow)), ("overflow", .integer(h.overflow)),
            ])))
        }
        pairs.append(("files", .object(files)))
        return .object(pairs)
    }

    /// One line for the table output.
    func description(directory: String) -> String {
        let bins = result.histogram.map { "\($0.counts.count) bins" } ?? "no bins"
        return "wrote \(ErrorQuoting.visible(directory))/: \(SimulateFiles.summaryName), \(SimulateFiles.tailName) "
            + "(\(result.tail.count) largest losses × \(assets.count) assets), \(SimulateFiles.histogramName) (\(bins))"
    }
}

/// What `simulate` prints and writes: `var`'s report of the Monte Carlo method, with the
/// `files` object in the JSON and the line naming them under the table when `--out` is given.
struct SimulateReport: Report {
    let report: VarReport
    /// The files of `--out DIR` and DIR as given (nil without `--out`).
    let written: (files: SimulateFiles, directory: String)?

    var table: String {
        report.table + "\n"
            + (written.map { $0.files.description(directory: $0.directory) }
                ?? "no files written (--out DIR writes summary.json, tail.csv and histogram.csv)")
    }

    var json: JSONValue { written.map { $0.files.summary(report.json, directory: $0.directory) } ?? report.json }
    var csv: String { report.csv }
    var files: [(name: String, text: String)] {
        written.map { [(SimulateFiles.tailName, $0.files.tailCSV), (SimulateFiles.histogramName, $0.files.histogramCSV)] } ?? []
    }
}
