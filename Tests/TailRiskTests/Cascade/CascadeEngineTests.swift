import Foundation
import Testing
@testable import TailRisk

/// Cascade Monte Carlo on the engine (issue 22): the same bytes for any split of
/// the units (threads, shards through their binary files), the precision target,
/// the refusal of variance reduction, and agreement with the former implementation
/// (its own thread loop and triangular product) within Monte Carlo error.
@Suite struct CascadeEngineTests {
    /// Two correlated assets, three accounts: a cascade with bad debt in about a third of the shocks.
    static let book = AccountBook(source: "t", accounts: ["a", "b", "c"], assets: ["X", "Y"], debtAsset: "USD",
                                  quantities: [1, 1, 0, 3, 2, 0], debts: [150, 200, 160])
    static let cascade = LiquidationCascade(
        book: book, rules: CascadeRules(thresholds: [0.8, 0.7], bonus: 0.05),
        depth: MarketDepth(assets: ["X", "Y"], volatility: [0.05, 0.05], adv: [1, 2], impact: [1, 1]))
    static let prices = [100.0, 100.0]
    static let model = ScenarioModel(mean: [-0.01, 0.005], factor: Matrix([[0.2, 0], [0.1, 0.2]]))

    static func run(_ settings: CascadeMonteCarlo.Settings) throws -> CascadeMonteCarlo.Result {
        try CascadeMonteCarlo.run(cascade: cascade, prices: prices, model: model, settings: settings)
    }

    /// Every figure of two results, bit for bit (`==` on doubles is exact; none is NaN).
    static func expectSame(_ a: CascadeMonteCarlo.Result, _ b: CascadeMonteCarlo.Result, _ what: String) {
        #expect(a.shocks == b.shocks, "\(what)")
        #expect(a.badDebt == b.badDebt && a.liquidations == b.liquidations && a.badDebtIfLiquidated == b.badDebtIfLiquidated,
                "\(what)")
        #expect(a.meanBadDebt.bitPattern == b.meanBadDebt.bitPattern && a.meanLiquidations == b.meanLiquidations, "\(what)")
        #expect(a.accountBadDebt == b.accountBadDebt && a.assetBadDebt == b.assetBadDebt, "\(what)")
        #expect(a.badDebtSamples == b.badDebtSamples && a.liquidationSamples == b.liquidationSamples, "\(what)")
        #expect(a.cappedShocks == b.cappedShocks && a.meanRounds == b.meanRounds && a.maxRounds == b.maxRounds, "\(what)")
        #expect(a.probabilityOfBadDebt == b.probabilityOfBadDebt && a.meanLatentDeficit == b.meanLatentDeficit, "\(what)")
        #expect(a.assetBadDebtRisk == b.assetBadDebtRisk, "\(what)")
    }

    /// 3 full units and a short one, so that threads and shards split them.
    static let shocks = 3 * MonteCarloEngine.streamUnit + 100

    @Test func threadsAndShardsGiveTheBytesOfOneThread() throws {
        let one = try Self.run(.init(shocks: Self.shocks, seed: 9, threads: 1, assetTails: true))
        let two = try Self.run(.init(shocks: Self.shocks, seed: 9, threads: 2, assetTails: true))
        Self.expectSame(one, two, "threads 1 vs 2")
        #expect(one.probabilityOfBadDebt > 0.05 && one.probabilityOfBadDebt < 0.95, "the test needs some bad debt")
        // Shards 0..<1 and 1..<4, each through its binary file, merged in the other order.
        let settings = CascadeMonteCarlo.Settings(shocks: Self.shocks, seed: 9, threads: 2, assetTails: true)
        var parts: [TailAccumulator] = []
        for units in [1..<4, 0..<1] {
            let a = try CascadeMonteCarlo.accumulate(cascade: Self.cascade, prices: Self.prices, model: Self.model,
                                                     settings: settings, units: units)
            let bytes = a.encoded()
            #expect(try TailAccumulator(encoded: bytes).encoded() == bytes)
            parts.append(try TailAccumulator(encoded: bytes))
        }
        var merged = parts[0]
        try merged.merge(parts[1])
        var fromShards = settings
        fromShards.simulation.backend = PrecomputedBackend(merged)
        Self.expectSame(one, try Self.run(fromShards), "shards + merge")
        // A shard of another book does not merge.
        let other = LiquidationCascade(book: AccountBook(source: "t", accounts: ["a"], assets: ["X", "Y"], debtAsset: "USD",
                                                         quantities: [1, 1], debts: [150]),
                                       rules: Self.cascade.rules, depth: Self.cascade.depth)
        let foreign = try CascadeMonteCarlo.accumulate(cascade: other, prices: Self.prices, model: Self.model,
                                                       settings: settings, units: 1..<4)
        #expect(throws: TailAccumulator.MergeError.self) { try parts[1].merge(foreign) }
    }

    @Test func precisionTargetStopsOnceReached() throws {
        var settings = CascadeMonteCarlo.Settings(shocks: MonteCarloEngine.streamUnit, seed: 3, threads: 2)
        settings.simulation.targetPrecision = 0.03
        settings.simulation.maxScenarios = 40 * MonteCarloEngine.streamUnit
        let r = try Self.run(settings)
        #expect(r.precisionReached == true)
        #expect(r.shocks > MonteCarloEngine.streamUnit && r.shocks < settings.simulation.maxScenarios,
                "4096 shocks miss 3%, the cap is far beyond it: \(r.shocks)")
        for e in r.badDebt { #expect(e.expectedShortfallStandardError! < 0.03 * e.expectedShortfall) }
        // The adaptive run stopped at n: a fixed run of n shocks estimates the same.
        let fixed = try Self.run(.init(shocks: r.shocks, seed: 3, threads: 1))
        #expect(fixed.badDebt.map(\.valueAtRisk) == r.badDebt.map(\.valueAtRisk) && fixed.meanBadDebt == r.meanBadDebt)
    }

    @Test func varianceReductionIsRefusedNamingIt() throws {
        for reduction in [VarianceReduction.importance, .antithetic] {
            var settings = CascadeMonteCarlo.Settings(shocks: 1000)
            settings.simulation.varianceReduction = reduction
            do {
                _ = try Self.run(settings)
                Issue.record("\(reduction) was accepted")
            } catch let e as CascadeMonteCarlo.VarianceReductionRefused {
                #expect(e.reduction == reduction)
                #expect("\(e)".hasPrefix("variance reduction \(reduction.rawValue):"))
                #expect(!"\(e)".contains("--"), "the library names the quantity, not a flag")
            }
        }
    }

    /// The former implementation, verbatim in substance: shock j from its key, `r_i = μ_i + Σ_{k≤i} F_ik z_k`
    /// by its own triangular product, the cascade; returns each shock's (bad debt, liquidated value).
    static func formerShocks(seed: UInt64, count: Int) -> [(bad: Double, volume: Double)] {
        let generator = ScenarioGenerator(model: model, seed: seed, antithetic: false)
        let A = 2, factor = generator.factor, mean = generator.horizonMean
        let z = UnsafeMutablePointer<Double>.allocate(capacity: A), scratch = UnsafeMutablePointer<Double>.allocate(capacity: A)
        defer { z.deallocate(); scratch.deallocate() }
        return (0..<count).map { j in
            generator.draw(first: j, rows: 1, into: z, scratch: scratch)
            var shocked = [Double](repeating: 0, count: A)
            for i in 0..<A {
                var s = mean[i]
                for k in 0...i { s += factor[i + k * A] * z[k] }
                shocked[i] = prices[i] * exp(s)
            }
            let o = cascade.run(shocked: shocked, oracleStart: prices)
            return (o.badDebt, o.liquidatedValue)
        }
    }

    /// Mean and standard error of the mean.
    static func meanSE(_ x: [Double]) -> (mean: Double, se: Double) {
        let n = Double(x.count), m = x.reduce(0, +) / n
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        return (m, (v / n).squareRoot())
    }

    /// Another seed, so a real two-sample check: the means of bad debt, liquidated value and the
    /// probability of bad debt agree within 4 standard errors of their difference.
    @Test func agreesWithTheFormerImplementationWithinMonteCarloError() throws {
        let n = 20_000
        let engine = try Self.run(.init(shocks: n, seed: 101, threads: 2))
        let former = Self.formerShocks(seed: 202, count: n)
        let pairs: [(String, [Double], [Double])] = [
            ("bad debt", engine.badDebtSamples, former.map(\.bad)),
            ("liquidated value", engine.liquidationSamples, former.map(\.volume)),
            ("P(bad debt)", engine.badDebtSamples.map { $0 > 0 ? 1 : 0 }, former.map { $0.bad > 0 ? 1 : 0 }),
        ]
        for (name, x, y) in pairs {
            let a = Self.meanSE(x), b = Self.meanSE(y)
            let z = (a.mean - b.mean) / (a.se * a.se + b.se * b.se).squareRoot()
            #expect(abs(z) < 4, "\(name): engine \(a.mean) ± \(a.se), former \(b.mean) ± \(b.se)")
            #expect(a.se > 0 && a.se < 0.05 * max(a.mean, 1e-9), "\(name): the check has power")
        }
        #expect(abs(engine.meanBadDebt - Self.meanSE(engine.badDebtSamples).mean) <= 1e-9 * engine.meanBadDebt)
        // Same seed: the draws are the same; only the rounding of the correlation differs.
        let same = Self.formerShocks(seed: 101, count: 200)
        let close = (0..<200).filter { abs(same[$0].bad - engine.badDebtSamples[$0]) <= 1e-9 * max(1, same[$0].bad) }.count
        #expect(close >= 198, "shock by shock on the same seed: \(close) of 200 agree")
    }
}
