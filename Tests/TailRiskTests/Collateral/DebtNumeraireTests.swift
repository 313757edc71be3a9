import Foundation
import Testing
@testable import TailRisk

@Suite struct DebtNumeraireTests {
    /// Three days of prices for BTC, ETH, USDC; returns are their log ratios.
    static func series() -> ReturnSeries {
        let prices: [[Double]] = [[100, 10, 1], [110, 9, 1.01], [99, 9.9, 0.99]]
        let returns = Matrix((1..<3).map { t in (0..<3).map { log(prices[t][$0] / prices[t - 1][$0]) } })
        let days = (1...3).map { Day(year: 2024, month: 1, day: $0)! }
        return ReturnSeries(assets: ["BTC", "ETH", "USDC"], dates: Array(days.dropFirst()), returns: returns,
                            startDate: days[0], lastPrices: prices[2],
                            alignment: AlignmentReport(policy: .intersect, datesInRange: 3, datesKept: 3, datesLost: [:]))
    }

    @Test func returnsRelativeToTheDebtAsset() throws {
        let s = Self.series()
        let r = try DebtNumeraire.relative(s, debtAsset: "ETH")
        #expect(r.assets == ["BTC", "USDC"] && r.dates == s.dates && r.startDate == s.startDate)
        // BTC priced in ETH: 10, 110/9, 10; its log returns are ln(11/9) and ln(9/11).
        #expect(abs(r.returns[0, 0] - log(11.0 / 9)) < 1e-15)
        #expect(abs(r.returns[1, 0] - log(9.0 / 11)) < 1e-15)
        // USDC priced in ETH: 0.1, 1.01/9, 0.1.
        #expect(abs(r.returns[0, 1] - log(1.01 / 0.9)) < 1e-15)
        #expect(abs(r.lastPrices[0] - 10) < 1e-15 && abs(r.lastPrices[1] - 0.1) < 1e-15)
    }

    @Test func unknownOrOnlyDebtAsset() {
        #expect(throws: TailRiskError.invalidParameter(.debtAsset,
                                                    message: "'SOL' is not among the assets (BTC, ETH, USDC)")) {
            try DebtNumeraire.relative(Self.series(), debtAsset: "SOL")
        }
        let one = ReturnSeries(assets: ["ETH"], dates: [], returns: Matrix(rows: 0, cols: 1),
                               startDate: Day(daysSinceEpoch: 0), lastPrices: [1],
                               alignment: AlignmentReport(policy: .intersect, datesInRange: 1, datesKept: 1, datesLost: [:]))
        #expect(throws: TailRiskError.invalidParameter(.debtAsset,
                                                    message: "no collateral asset is left besides the debt asset 'ETH'")) {
            try DebtNumeraire.relative(one, debtAsset: "ETH")
        }
    }
}
