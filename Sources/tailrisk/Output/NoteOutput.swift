import Foundation
import TailRisk

/// How every report prints `RiskNote`s (issue 12, one mechanism): the note
/// lines under a table, the row mark, and the stderr warnings of the unusable
/// ones (the CSV and JSON fields are the columns of `NoteColumns`).
enum NoteOutput {
    /// The mark in a table row: `UNUSABLE: es-below-var, sparse-tail`, or empty.
    static func mark(_ notes: [RiskNote]) -> String {
        let reasons = distinctReasons(notes)
        return reasons.isEmpty ? "" : "UNUSABLE: " + reasons.map(\.rawValue).joined(separator: ", ")
    }

    static func distinctReasons(_ notes: [RiskNote]) -> [RiskNote.Reason] { RiskNote.reasons(of: notes) }

    /// One line per distinct note of a row label (`cornish-fisher`), naming
    /// the levels it applies to: `note (cornish-fisher 0.99, 0.975): …` or
    /// `unusable (…): …`.
    static func lines(_ rows: [(label: String, level: String, notes: [RiskNote])]) -> [String] {
        var grouped: [(label: String, note: RiskNote, levels: [String])] = []
        for row in rows {
            for n in row.notes {
                if let i = grouped.firstIndex(where: { $0.label == row.label && $0.note == n }) {
                    if !grouped[i].levels.contains(row.level) { grouped[i].levels.append(row.level) }
                } else {
                    grouped.append((row.label, n, [row.level]))
                }
            }
        }
        return grouped.map { g in
            "\(g.note.isUnusable ? "unusable" : "note") (\(g.label) \(g.levels.joined(separator: ", "))): \(g.note.text)"
        }
    }

    /// Writes `warning: <line>` to stderr for each unusable line of `lines(rows)`.
    static func warnUnusable(_ rows: [(label: String, level: String, notes: [RiskNote])]) {
        let unusable = rows.map { ($0.label, $0.level, $0.notes.filter(\.isUnusable)) }
        for line in lines(unusable) { warn(line) }
    }

    /// One `warning: …` line on stderr.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
    }
}
