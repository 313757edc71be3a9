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
    var tailCSV: String {
        let weighted = result.importanceTilt != nil
        var rows = [CSV.row(["rank", "scenario", "loss"] + (weighted ? ["weight"] : []) + assets)]
        rows.reserveCapacity(result.tail.count + 1)
        for (rank, s) in result.tail.enumerated() {
            rows.append((["\(rank + 1)", "\(s.index)", "\(s.loss)"] + (weighted ? ["\(s.weight)"] : [])
                + s.assetPnL.map { "\($0)" }).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// `bin_lower,bin_upper,count`: an underflow row `-inf,lower`, the bins, an overflow row `upper,inf`.
    var histogramCSV: String {
        guard let h = result.histogram else { return "bin_lower,bin_upper,count\n" }
        var rows = ["bin_lower,bin_upper,count", "-inf,\(h.lowerBound),\(h.underflow)"]
        for (i, c) in h.counts.enumerated() {
            let lower = h.lowerBound + Double(i) * h.binWidth
            rows.append("\(lower),\(h.lowerBound + Double(i + 1) * h.binWidth),\(c)")
        }
        rows.append("\(h.upperBound),inf,\(h.overflow)")
        return rows.joined(separator: "\n") + "\n"
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

    /// A CSV field, quoted when it holds a comma, a quote or a line break (`CSV.field`).
    static func field(_ s: String) -> String { CSV.field(s) }
}
