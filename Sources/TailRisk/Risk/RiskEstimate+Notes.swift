/// A remark attached to a result, and whether it makes the result unusable.
///
/// One mechanism for every output (issue 12): a method attaches notes to its
/// `RiskEstimate`s (`CornishFisher`, `HistoricalRisk`) and `RiskNote.audit`
/// adds the checks that need the basket; reports print every note, mark the
/// row of an unusable one in the table itself, carry the notes in a CSV
/// `notes` column and write the unusable ones to stderr. Never a
/// normal-looking row.
///
/// A note built from a string literal is a plain remark.
public struct RiskNote: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public enum Kind: String, Sendable {
        /// Worth reading next to the figure; the figure stands.
        case remark
        /// The tool itself says the figure should not be used.
        case unusable
    }

    /// Why a figure is unusable, as a short stable id (the CSV and JSON carry it).
    public enum Reason: String, Sendable, CaseIterable {
        /// Skewness or excess kurtosis beyond the expansion's range, or a
        /// quantile (or ES) that is not monotone in the confidence.
        case cornishFisherRange = "cornish-fisher-range"
        /// The ES came out below the VaR (and was floored, or is reported as computed).
        case esBelowVaR = "es-below-var"
        /// A historical or FHS figure resting on fewer than `HistoricalRisk.minimumTailPoints` losses.
        case sparseTail = "sparse-tail"
        /// A linear (delta) P&L loss above the value of a long position, impossible for spot holdings.
        case linearLossAboveValue = "linear-loss-above-value"
        /// Percentages of a net value near zero next to the gross exposure.
        case nearZeroNetValue = "near-zero-net-value"
    }

    public let kind: Kind
    /// Set for `.unusable` notes.
    public let reason: Reason?
    public let text: String

    public init(_ text: String) {
        kind = .remark
        reason = nil
        self.text = text
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// An unusable note for `reason`.
    public static func unusable(_ reason: Reason, _ text: String) -> RiskNote {
        RiskNote(kind: .unusable, reason: reason, text: text)
    }

    private init(kind: Kind, reason: Reason?, text: String) {
        self.kind = kind
        self.reason = reason
        self.text = text
    }

    public var isUnusable: Bool { kind == .unusable }
    public var description: String { text }

    /// The distinct reasons of the unusable notes among `notes`, in order of first appearance.
    public static func reasons(of notes: [RiskNote]) -> [Reason] {
        var out: [Reason] = []
        for n in notes { if let r = n.reason, !out.contains(r) { out.append(r) } }
        return out
    }
}

extension RiskEstimate {
    /// Whether any note says the figure should not be used.
    public var isUnusable: Bool { notes.contains { $0.isUnusable } }

    /// The distinct reasons of the unusable notes, in order of first appearance.
    public var unusableReasons: [RiskNote.Reason] { RiskNote.reasons(of: notes) }

    /// The one initialiser that takes notes as plain strings (remarks), for
    /// callers that build them as text.
    public init(method: RiskMethod, level: ConfidenceLevel, valueAtRisk: Double, expectedShortfall: Double,
                valueAtRiskInterval: ClosedRange<Double>? = nil, expectedShortfallStandardError: Double? = nil,
                contributions: [Double]? = nil, notes: [String]) {
        self.init(method: method, level: level, valueAtRisk: valueAtRisk, expectedShortfall: expectedShortfall,
                  valueAtRiskInterval: valueAtRiskInterval, expectedShortfallStandardError: expectedShortfallStandardError,
                  contributions: contributions, notes: notes.map { RiskNote($0) })
    }
}

extension RiskEstimate {
    /// Below this share of the gross exposure `Σ|V_i|`, a positive net value
    /// makes VaR % and ES % meaningless (a hedged book's percentages of almost nothing).
    public static let nearZeroNetShare = 0.05

    /// The estimate with the notes that need the basket added (the checks
    /// that need only the method's own data sit in the method):
    /// - ES below VaR (by more than 1e-12 relative) not already noted;
    /// - under a linear P&L (`linearPnL`: `--pnl linear`, or the delta-normal
    ///   method), a loss above what the long positions can lose: a long-only
    ///   basket's VaR or ES above its value, or a long asset's ES contribution
    ///   above its own value (a spot holding loses at most 100%);
    /// - fractions of a positive net value below `nearZeroNetShare` of the gross exposure.
    /// - Complexity: O(assets).
    public func audited(portfolio: Portfolio, linearPnL: Bool) -> RiskEstimate {
        var e = self
        // Each reason at most once, so auditing twice changes nothing.
        func add(_ reason: RiskNote.Reason, _ text: @autoclosure () -> String) {
            if !e.unusableReasons.contains(reason) { e.notes.append(.unusable(reason, text())) }
        }
        let tolerance = 1e-12 * max(abs(valueAtRisk), abs(expectedShortfall))
        if expectedShortfall < valueAtRisk - tolerance {
            add(.esBelowVaR, "the ES is below the VaR: the figures contradict each other")
        }
        if linearPnL {
            let hint = method == .normal ? "the delta-normal model is linear in the returns: read a method with exact P&L"
                : "use --pnl exact"
            let values = portfolio.values
            let total = portfolio.totalValue
            if values.allSatisfy({ $0 >= 0 }) && max(valueAtRisk, expectedShortfall) > total {
                add(.linearLossAboveValue,
                    "the linear (delta) P&L loses more than the long basket's value (\(Self.percentText(max(valueAtRisk, expectedShortfall) / total)) of it): "
                        + "a spot holding loses at most 100%; \(hint)")
            } else if let c = contributions,
                      let i = values.indices.first(where: { values[$0] > 0 && c[$0] > values[$0] }) {
                add(.linearLossAboveValue,
                    "the linear (delta) P&L charges \(portfolio.assets[i]) an ES contribution above its value "
                        + "(\(Self.percentText(c[i] / values[i])) of it): a long spot position loses at most 100%; \(hint)")
            }
        }
        let net = portfolio.totalValue, gross = portfolio.grossValue
        if net > 0 && net < Self.nearZeroNetShare * gross {
            add(.nearZeroNetValue,
                "VaR % and ES % are fractions of a net value of \(Self.percentText(net / gross)) of the gross exposure: "
                    + "the percentages are not meaningful; read the amounts")
        }
        return e
    }

    static func percentText(_ x: Double) -> String {
        let p = (x * 1000).rounded() / 10
        return "\(p)%"
    }
}
