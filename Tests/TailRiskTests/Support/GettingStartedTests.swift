import Foundation
import Testing
import TailRisk

/// Runs the three examples of `Sources/TailRisk/TailRisk.docc/GettingStarted.md`
/// with the article's code copied verbatim (only `path` differs: the article uses
/// the relative path `Data/sp500_skfolio_daily.csv`, the test the absolute one), so
/// an API change that breaks the article breaks this suite. Keep the two in step.
///
/// Properties checked, each of which could fail: VaR and ES are positive, finite
/// and ordered (`ES ≥ VaR`); the quantity-built portfolio is worth `Σ q_i P_i`;
/// haircuts are fractions in (0, 1), `LT_i ≤ (1 − H_i)/(1 + β) < 1/(1 + β)` and
/// `LTV_i < LT_i`; the backtest scores `returns − window` days per method and level.
@Suite struct GettingStartedTests {
    /// The sample price table committed in the repository (20 S&P 500 stocks, 1990–2022).
    static let path = TestData.repositoryRoot.appendingPathComponent("Data/sp500_skfolio_daily.csv").path

    /// The article shows each `// --- article: … ---` block of this file, de-indented, verbatim.
    @Test func articleShowsTheseSnippets() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let article = try String(contentsOfFile: TestData.repositoryRoot
            .appendingPathComponent("Sources/TailRisk/TailRisk.docc/GettingStarted.md").path, encoding: .utf8)
        let indent = String(repeating: " ", count: 8)
        let blocks = source.components(separatedBy: indent + "// --- article: ").dropFirst().map { block in
            block.components(separatedBy: indent + "// --- end ---")[0]
                .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.hasPrefix(indent) ? String($0.dropFirst(indent.count)) : String($0) }
                .joined(separator: "\n")
        }
        #expect(blocks.count == 3)
        for block in blocks {
            #expect(article.contains("\n" + block + "\n```"), "not in GettingStarted.md:\n\(block)")
        }
    }

    // MARK: - VaR and ES of a basket

    @Test func valueAtRiskOfABasket() throws {
        let path = Self.path
        // --- article: VaR and ES of a basket ---
        // A wide price table: a `date` column, then one column of prices per asset.
        let table = try PriceTable.read(path: path)
        // Aligned daily log returns r_t = ln(P_t / P_{t−1}) (methods.md §1), the last 500.
        let series = try table.returnSeries(assets: ["AAPL", "JPM", "XOM"], window: 500)
        // 100 shares of each, valued at the last prices: V_i = q_i · P_i.
        let spec = PositionSpec(assets: series.assets, amounts: [100, 100, 100])
        let portfolio = try Portfolio.fromQuantities(spec, series: series, parameter: .positions)
        // Historical, delta-normal and Monte Carlo (fixed default seed, methods.md §7) at 99%, one day.
        let settings = RiskAnalysis.Settings(levels: [ConfidenceLevel(0.99)],
                                             methods: [.historical, .normal, .monteCarlo],
                                             simulation: SimulationSettings(scenarios: 20_000))
        let risk = try RiskAnalysis.run(series: series, portfolio: portfolio, settings: settings)
        for e in risk.estimates {  // VaR and ES are positive losses in the price currency
            print(risk.methodID(e.method), e.level, e.valueAtRisk, e.expectedShortfall)
        }
        // --- end ---

        #expect(series.count == 500)
        let worth = zip([100.0, 100, 100], series.lastPrices).map { $0 * $1 }.reduce(0, +)
        #expect(abs(portfolio.totalValue - worth) <= 1e-9 * worth)
        #expect(risk.estimates.map(\.method) == [.historical, .normal, .monteCarlo])
        for e in risk.estimates {
            #expect(e.valueAtRisk.isFinite && e.valueAtRisk > 0, "\(e.method) VaR \(e.valueAtRisk)")
            #expect(e.expectedShortfall >= e.valueAtRisk, "\(e.method) ES \(e.expectedShortfall) < VaR \(e.valueAtRisk)")
            // A one-day 99% loss of a stock basket is a few percent of its value, not all of it.
            #expect(e.expectedShortfall < 0.5 * portfolio.totalValue)
        }
        // The normal Monte Carlo law samples the delta-normal model: same VaR within sampling error.
        let normal = risk.estimates[1].valueAtRisk, monteCarlo = risk.estimates[2].valueAtRisk
        #expect(abs(monteCarlo - normal) <= 0.15 * normal, "Monte Carlo \(monteCarlo) vs normal \(normal)")
    }

    // MARK: - Haircuts, liquidation thresholds and LTVs

    @Test func haircutsOfACollateralBasket() throws {
        let path = Self.path
        let table = try PriceTable.read(path: path)
        // --- article: haircuts ---
        // Defaults (methods.md §5): ES at 99%, liquidation bonus β = 5%, LTV buffer 5 points.
        var policy = HaircutPolicy()
        policy.collateral = [HaircutPolicy.Position(asset: "AAPL", quantity: 1_000),
                             HaircutPolicy.Position(asset: "XOM", quantity: 2_000)]
        policy.horizon = 10  // margin period of risk, in rows of the price table
        policy.scenarios = 20_000
        let haircuts = try HaircutAnalysis.run(table: table,
                                               settings: HaircutAnalysis.Settings(policy: policy, window: 500))
        let report = haircuts.primary.report
        for row in report.assets {  // H_i = ES_i / C_i, LT_i = (1 − H_i − s_i)/(1 + β), LTV_i = LT_i − buffer
            print(row.asset, row.standaloneHaircut, row.liquidationThreshold, row.ltv)
        }
        print("basket haircut H_p:", report.basket.haircutPortfolio, "max borrow:", report.basket.maxBorrow)
        // --- end ---

        #expect(report.assets.map(\.asset) == ["AAPL", "XOM"])
        let beta = policy.liquidationBonus
        for row in report.assets {
            #expect(row.standaloneHaircut > 0 && row.standaloneHaircut < 1, "\(row.asset) H = \(row.standaloneHaircut)")
            #expect(row.liquidationThreshold > 0 && row.liquidationThreshold < 1 / (1 + beta))
            #expect(row.liquidationThreshold <= (1 - row.standaloneHaircut) / (1 + beta) + 1e-12)
            #expect(row.ltv < row.liquidationThreshold)
        }
        let hp = report.basket.haircutPortfolio
        #expect(hp > 0 && hp < 1)
        // ES is subadditive on one set of scenarios: the basket haircut is no more than the undiversified one.
        #expect(hp <= report.basket.haircutSum + 1e-12)
        #expect(report.basket.maxBorrow > 0 && report.basket.maxBorrow < report.basket.value)
    }

    // MARK: - A rolling backtest

    @Test func rollingBacktest() throws {
        let path = Self.path
        let table = try PriceTable.read(path: path)
        let series = try table.returnSeries(assets: ["AAPL", "JPM", "XOM"], window: 500)
        // --- article: a backtest ---
        // $1,000,000 split by weights that sum to 1 (negative for a short): V_i = w_i · value.
        let weights = PositionSpec(assets: series.assets, amounts: [0.5, 0.3, 0.2], areWeights: true)
        let book = try Portfolio.fromWeights(weights, value: 1_000_000, assets: series.assets, parameter: .weights)
        // Refit on each 250-day window, forecast the next day's VaR/ES, compare with its P&L.
        let settings = BacktestAnalysis.Settings(window: 250, levels: [ConfidenceLevel(0.99)],
                                                 methods: [.historical, .normal])
        let backtest = try BacktestAnalysis.run(series: series, portfolio: book, settings: settings)
        for result in backtest.results {  // Kupiec, Christoffersen and the Basel traffic light (methods.md §6)
            let t = result.tests
            print(result.method, t.exceedances, "of", t.observations, t.kupiecP, t.trafficLight)
        }
        // --- end ---

        #expect(backtest.days == 250)
        #expect(backtest.results.map(\.method) == ["historical", "normal"])
        for result in backtest.results {
            #expect(result.days.count + result.skippedDays == 250)
            #expect(result.tests.observations == result.days.count)
            #expect(result.tests.exceedances == result.days.filter(\.exceeded).count)
            #expect(result.tests.kupiecP >= 0 && result.tests.kupiecP <= 1)
            #expect(result.days.allSatisfy { $0.valueAtRisk > 0 && $0.expectedShortfall >= $0.valueAtRisk })
        }
    }
}
