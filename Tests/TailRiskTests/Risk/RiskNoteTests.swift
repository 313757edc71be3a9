import Foundation
import Testing
@testable import TailRisk

/// The unusable-figure checks of issue 12, each on a case where it must and
/// one where it must not fire.
@Suite struct RiskNoteTests {
    @Test func cornishFisherOutsideItsRangeIsUnusable() throws {
        let samples = try CornishFisherTests.samples()
        let levels = try [0.975, 0.99].map { try ConfidenceLevel($0) }
        // samples[1] is right-skewed (S ≈ 1.6 > 1): unusable at every level.
        let r = try CornishFisher.estimates(pnl: samples[1].pnl, levels: levels)
        #expect(r.allSatisfy { $0.isUnusable && $0.unusableReasons.contains(.cornishFisherRange) })
        // samples[0] (Student-t, S ≈ −0.2, K ≈ 1.3) is inside it.
        let t = try CornishFisher.estimates(pnl: samples[0].pnl, levels: levels)
        #expect(t.allSatisfy { !$0.isUnusable })
    }

    /// n·α = 300 · 0.01 = 3 < 5 tail points; 500 · 0.01 = 5 is enough.
    @Test func sparseHistoricalTailIsUnusable() throws {
        let losses = (0..<500).map { sin(Double($0) * 1.7) }
        let level = ConfidenceLevel(0.99)
        let few = try HistoricalRisk.estimate(losses: Array(losses.prefix(300)), level: level)
        #expect(few.unusableReasons == [.sparseTail])
        #expect(few.notes.contains { $0.text.contains("rests on 3 of 300 losses") })
        let enough = try HistoricalRisk.estimate(losses: losses, level: level)
        #expect(!enough.isUnusable)
        // 97.5% of 150: k = 3.75, fractional and still too few.
        let fractional = try HistoricalRisk.estimate(losses: Array(losses.prefix(150)), level: ConfidenceLevel(0.975))
        #expect(fractional.notes.contains { $0.text.contains("rests on 3.75 of 150") })
        // Under the linear convention the count is the losses at or beyond the VaR.
        let linear = try HistoricalRisk.estimate(losses: Array(losses.prefix(300)), level: level, convention: .linear)
        #expect(linear.unusableReasons == [.sparseTail])
    }

    static let long = Portfolio(assets: ["A", "B"], values: [60, 40])

    @Test func linearLossAboveALongBasketIsUnusable() {
        let e = RiskEstimate(method: .normal, level: ConfidenceLevel(0.99), valueAtRisk: 90, expectedShortfall: 104)
        #expect(e.audited(portfolio: Self.long, linearPnL: true).unusableReasons == [.linearLossAboveValue])
        // The same figures under exact P&L are left alone (they cannot happen there, and are not this check's business).
        #expect(!e.audited(portfolio: Self.long, linearPnL: false).isUnusable)
        let fine = RiskEstimate(method: .normal, level: ConfidenceLevel(0.99), valueAtRisk: 80, expectedShortfall: 99)
        #expect(!fine.audited(portfolio: Self.long, linearPnL: true).isUnusable)
    }

    @Test func linearContributionAboveALongLegIsUnusable() {
        // A long 100 hedged by a short 80: the basket may lose 30, but A's contribution of 120 exceeds its value.
        let hedged = Portfolio(assets: ["A", "B"], values: [100, -80])
        let e = RiskEstimate(method: .monteCarlo, level: ConfidenceLevel(0.99), valueAtRisk: 25, expectedShortfall: 30,
                             contributions: [120, -90])
        let audited = e.audited(portfolio: hedged, linearPnL: true)
        #expect(audited.unusableReasons == [.linearLossAboveValue])
        #expect(audited.notes.contains { $0.text.contains("charges A an ES contribution above its value (120.0% of it)") })
        let small = RiskEstimate(method: .monteCarlo, level: ConfidenceLevel(0.99), valueAtRisk: 25, expectedShortfall: 30,
                                 contributions: [90, -60])
        #expect(!small.audited(portfolio: hedged, linearPnL: true).isUnusable)
    }

    @Test func percentagesOfANearZeroNetValueAreUnusable() {
        let e = RiskEstimate(method: .historical, level: ConfidenceLevel(0.99), valueAtRisk: 5, expectedShortfall: 6)
        // Net 3 of gross 197: 1.5% < 5%.
        let nearZero = Portfolio(assets: ["A", "B"], values: [100, -97])
        #expect(e.audited(portfolio: nearZero, linearPnL: false).unusableReasons == [.nearZeroNetValue])
        // Net 50 of gross 150; and a negative net value (fractions of the gross exposure).
        #expect(!e.audited(portfolio: Portfolio(assets: ["A", "B"], values: [100, -50]), linearPnL: false).isUnusable)
        #expect(!e.audited(portfolio: Portfolio(assets: ["A", "B"], values: [100, -120]), linearPnL: false).isUnusable)
    }

    @Test func esBelowVaRIsUnusableOnce() {
        let e = RiskEstimate(method: .monteCarlo, level: ConfidenceLevel(0.99), valueAtRisk: 10, expectedShortfall: 9)
        let a = e.audited(portfolio: Self.long, linearPnL: false)
        #expect(a.unusableReasons == [.esBelowVaR])
        // Auditing again adds nothing.
        #expect(a.audited(portfolio: Self.long, linearPnL: false).notes.count == a.notes.count)
        let equal = RiskEstimate(method: .monteCarlo, level: ConfidenceLevel(0.99), valueAtRisk: 10, expectedShortfall: 10)
        #expect(!equal.audited(portfolio: Self.long, linearPnL: false).isUnusable)
    }

    @Test func aStringLiteralIsARemark() {
        let n: RiskNote = "just so you know"
        #expect(n.kind == .remark && n.reason == nil && !n.isUnusable)
    }
}
