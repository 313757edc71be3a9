import TailRisk

/// Formats a `CovarianceAnalysis` as a table, JSON and CSV.
struct CovReport: Report {
    let result: CovarianceAnalysis
    let provenance: Provenance
    let includeCorrelation: Bool
    /// `--tail-dependence`: its table after the covariance's, its JSON object, its CSV in place of the matrix.
    var tailDependence: CovTailDependenceReport?

    private var assets: [String] { result.series.assets }

    var json: JSONValue { tailDependence?.appended(to: covarianceJSON) ?? covarianceJSON }

    private var covarianceJSON: JSONValue {
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

    var table: String { covarianceTable + (tailDependence.map { "\n\n" + $0.table } ?? "") }

    private var covarianceTable: String {
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
    /// With `--tail-dependence`, its per-pair table instead.
    var csv: String {
        if let tailDependence { return tailDependence.csv }
        guard includeCorrelation else { return matrixCSV(result.factored.covariance) }
        let rows = [("covariance", result.factored.covariance), ("correlation", result.correlation)]
            .flatMap { name, m in (0..<m.rows).map { (name, m, $0) } }
        return ReportTable([.text("matrix") { $0.0 }] + matrixColumns.map { c in c.mapRow { ($0.1, $0.2) } }, rows: rows).csv
    }

    /// A matrix row `i`: the asset's name, then one cell per asset.
    private var matrixColumns: [ReportColumn<(matrix: Matrix, row: Int)>] {
        let assets = self.assets
        return [.text("asset") { assets[$0.row] },
                .perAsset("row", csv: "", assets, in: .csv) { Array($0.matrix.row($0.row)) }]
    }

    func matrixCSV(_ m: Matrix) -> String { ReportTable(matrixColumns, rows: (0..<m.rows).map { (m, $0) }).csv }

    /// `--out`: both matrices (and the tail-dependence table) beside summary.json.
    var files: [(name: String, text: String)] {
        [("covariance.csv", matrixCSV(result.factored.covariance)), ("correlation.csv", matrixCSV(result.correlation))]
            + (tailDependence.map { [("tail_dependence.csv", $0.csv)] } ?? [])
    }

    private func matrixTable(_ m: Matrix, format: (Double) -> String) -> String {
        var t = TextTable([""] + assets)
        for i in 0..<m.rows { t.append([assets[i]] + m.row(i).map(format)) }
        return t.rendered
    }
}

import Foundation
