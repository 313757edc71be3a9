import TailRisk

/// Formats a `CovarianceAnalysis` as a table, JSON and CSV.
struct CovReport {
    let result: CovarianceAnalysis
    let provenance: Provenance
    let includeCorrelation: Bool

    private var assets: [String] { result.series.assets }

    var json: JSONValue {
        let e = result.estimate
        // `observations` (the row count) comes from the provenance, once; a
        // pairwise estimate adds each pair's own count under `pairwise`.
        var fields: [(String, JSONValue)] = [
            ("estimator", .string(e.estimator.rawValue)),
            ("shrinkage", .optional(e.shrinkage)),
            ("lambda", .optional(e.lambda)),
            ("notes", .strings(e.notes)),
            ("repair", result.factored.repair.json),
            ("covariance", .array(result.factored.covariance.rowArrays.map { .numbers($0) })),
        ]
        if result.factored.repair.method != .none {
            fields.append(("covariance_before_repair", .array(e.covariance.rowArrays.map { .numbers($0) })))
        }
        if includeCorrelation {
            fields.append(("correlation", .array(result.correlation.rowArrays.map { .numbers($0) })))
        }
        fields.append(("volatilities", .numbers(result.factored.covariance.diagonal.map { $0.squareRoot() })))
        if let counts = result.pairwiseCounts { fields.append(("pairwise", pairwiseJSON(counts))) }
        var p = provenance
        p.extra = fields
        return p.json
    }

    /// `{common_observations: n_ij matrix, fewest: {assets, common_observations}}`.
    private func pairwiseJSON(_ counts: [[Int]]) -> JSONValue {
        var fewest = (n: Int.max, i: 0, j: 0)
        for i in counts.indices { for j in counts.indices where j > i && counts[i][j] < fewest.n { fewest = (counts[i][j], i, j) } }
        var pairs: [(String, JSONValue)] = [
            ("common_observations", .array(counts.map { .array($0.map { .integer($0) }) })),
        ]
        if fewest.n != Int.max {
            pairs.append(("fewest", .object([("assets", .strings([assets[fewest.i], assets[fewest.j]])),
                                             ("common_observations", .integer(fewest.n))])))
        }
        return .object(pairs)
    }

    var table: String {
        let e = result.estimate
        var lines = [provenance.headline]
        var head = "estimator \(e.estimator.rawValue), \(e.observations) observations"
        if let s = e.shrinkage { head += ", shrinkage \(Fmt.fixed(s, decimals: 6))" }
        if let l = e.lambda { head += ", lambda \(l)" }
        lines.append(head)
        lines += e.notes.map { "note: \($0)" }
        lines.append("repair: \(result.factored.repair.summary)")
        lines.append("")
        lines.append("covariance of daily log returns:")
        lines.append(matrixTable(result.factored.covariance, format: Fmt.scientific))
        if let counts = result.pairwiseCounts {
            lines.append("")
            lines.append("returns each pair has in common (n_ij):")
            var t = TextTable([""] + assets)
            for (i, row) in counts.enumerated() { t.append([assets[i]] + row.map { "\($0)" }) }
            lines.append(t.rendered)
        }
        if includeCorrelation {
            lines.append("")
            lines.append("correlation:")
            lines.append(matrixTable(result.correlation, format: { Fmt.fixed($0, decimals: 3) }))
        }
        lines.append("")
        lines.append("daily volatility: " + zip(assets, result.factored.covariance.diagonal)
            .map { "\($0.0) \(Fmt.percent($0.1.squareRoot()))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// The covariance as `asset,<assets…>`; with `--correlation` both matrices
    /// in one table, `matrix,asset,<assets…>` (`covariance` rows, then
    /// `correlation` rows), so a CSV reader gets everything in one frame.
    var csv: String {
        guard includeCorrelation else { return matrixCSV(result.factored.covariance) }
        var rows = [CSV.row(["matrix", "asset"] + assets)]
        for (name, m) in [("covariance", result.factored.covariance), ("correlation", result.correlation)] {
            for i in 0..<m.rows {
                rows.append(CSV.row([name, assets[i]] + m.row(i).map { "\($0)" }))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    func matrixCSV(_ m: Matrix) -> String {
        var rows = [CSV.row(["asset"] + assets)]
        for i in 0..<m.rows { rows.append(CSV.row([assets[i]] + m.row(i).map { "\($0)" })) }
        return rows.joined(separator: "\n") + "\n"
    }

    private func matrixTable(_ m: Matrix, format: (Double) -> String) -> String {
        var t = TextTable([""] + assets)
        for i in 0..<m.rows { t.append([assets[i]] + m.row(i).map(format)) }
        return t.rendered
    }
}

import Foundation
