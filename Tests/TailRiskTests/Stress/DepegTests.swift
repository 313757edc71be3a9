import Foundation
import Testing
@testable import TailRisk

@Suite(.tags(.realData)) struct DepegTests {
    static let mean = [0.001, 0.0002, -0.0001]
    static let covariance = Matrix([[0.0016, 0.0008, 0.00002], [0.0008, 0.0025, -0.00001], [0.00002, -0.00001, 0.0001]])
    static var factor: Matrix { Cholesky.factor(covariance)! }

    /// Draws scenario `key` of `law` into an array, with `map` applied when given (as the engine would).
    static func scenario(_ law: any ScenarioLaw, key: Int, horizon: Int, map: AffineMap?) -> [Double] {
        var rng = Xoshiro256PlusPlus(seed: 7, scenario: UInt64(key))
        var out = [Double](repeating: 0, count: 3), scratch = [Double](repeating: 0, count: 3)
        out.withUnsafeMutableBufferPointer { o in
            scratch.withUnsafeMutableBufferPointer { s in law.draw(horizon: horizon, rng: &rng, into: o.baseAddress!, scratch: s.baseAddress!) }
        }
        guard let map else { return out }
        var r = [Double](repeating: 0, count: 3)
        for i in 0..<3 {
            var v: Double = map.mean[i]
            for j in 0...i { v += map.factor[i + j * 3] * out[j] }
            r[i] = v
        }
        return r
    }

    @Test(arguments: [0.0, 1.0])
    func theLawIsTheBaseLawAfterItsMapPlusTheJumpWhenItFires(p: Double) {
        let base = NormalLaw(mean: Self.mean, factor: Self.factor)
        let jump = [0, 0, log(0.8)]
        let law = DepegLaw(base: base, horizon: 5, jump: jump, probability: p, label: "C=-20%@\(p)")
        #expect(law.affine(horizon: 5) == nil && !law.isSymmetric)
        for key in 0..<50 {
            let want = Self.scenario(base, key: key, horizon: 5, map: base.affine(horizon: 5))
            let got = Self.scenario(law, key: key, horizon: 5, map: nil)
            for i in 0..<3 { #expect(abs(got[i] - (want[i] + p * jump[i])) <= 1e-15 * max(1, abs(want[i]))) }
        }
    }

    /// A depeg with probability in (0, 1) fires in about that share of scenarios.
    @Test func theJumpFiresWithItsProbability() {
        let law = DepegLaw(base: NormalLaw(mean: Self.mean, factor: Self.factor), horizon: 1, jump: [0, 0, 10],
                           probability: 0.1, label: "C")
        let fired = (0..<20_000).filter { Self.scenario(law, key: $0, horizon: 1, map: nil)[2] > 5 }.count
        // Binomial(20000, 0.1): sd 42; 6 sd either side.
        #expect(abs(fired - 2000) < 255)
    }

    static func engine(_ law: any ScenarioLaw) throws -> RiskEstimate {
        try MonteCarloEngine().run(model: ScenarioModel(law: law, horizon: 1), values: [100, 80, 50],
                                   levels: [ConfidenceLevel(0.99)],
                                   settings: SimulationSettings(scenarios: 50_000, seed: 3, threads: 1)).estimates[0]
    }

    /// p = 1 is the deterministic shock: the normal model with the jump added to its mean.
    @Test func probabilityOneEqualsTheDeterministicShock() throws {
        let jump = [0, 0, log(0.8)]
        let depeg = DepegLaw(base: NormalLaw(mean: Self.mean, factor: Self.factor), horizon: 1, jump: jump,
                             probability: 1, label: "C=-20%@100%")
        let shifted = NormalLaw(mean: zip(Self.mean, jump).map { $0 + $1 }, factor: Self.factor)
        let a = try Self.engine(depeg), b = try Self.engine(shifted)
        #expect(abs(a.expectedShortfall - b.expectedShortfall) <= 1e-10 * b.expectedShortfall)
        #expect(abs(a.valueAtRisk - b.valueAtRisk) <= 1e-10 * b.valueAtRisk)
        // And the jump matters: at least the deterministic loss 50 · 20% more than without it, less diversification.
        let plain = try Self.engine(NormalLaw(mean: Self.mean, factor: Self.factor))
        #expect(a.expectedShortfall > plain.expectedShortfall + 5)
    }

    @Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
    func probabilityZeroChangesNoByteOfTheHaircuts() throws {
        let table = try PriceTable.read(path: TestData.shared("crypto_coinmetrics_daily.csv"))
        var policy = HaircutPolicy()
        policy.collateral = [.init(asset: "BTC", quantity: 10), .init(asset: "DAI", quantity: 20000)]
        policy.debtAsset = "USDC"
        policy.debtAmount = 50000
        policy.horizon = 3
        policy.scenarios = 40_000
        let settings = HaircutAnalysis.Settings(policy: policy, simulation: SimulationSettings(threads: 2))
        let haircut = try HaircutAnalysis.run(table: table, settings: settings)
        for text in ["DAI=-20%@0", "USDC=10%@0%"] {
            let r = try DepegScenario.run(try DepegScenario.Spec(parsing: text), haircut: haircut, settings: settings)
            #expect(r.after.simulation.estimates[0].expectedShortfall == r.before.simulation.estimates[0].expectedShortfall)
            #expect(r.after.report.assets.map(\.standaloneHaircut) == r.before.report.assets.map(\.standaloneHaircut))
            #expect(r.after.report.basket.haircutPortfolio == r.before.report.basket.haircutPortfolio)
        }
        let up = try DepegScenario.run(try DepegScenario.Spec(parsing: "USDC=10%@5%"), haircut: haircut, settings: settings)
        #expect(up.isDebtAsset && up.after.report.basket.haircutPortfolio > up.before.report.basket.haircutPortfolio)
    }

    @Test(arguments: ["USDC=-10%", "USDC=-10%@2%@3", "USDC=-120%@2%", "USDC=-10%@150%", "=1@1"])
    func refusesMalformedDepegs(text: String) {
        #expect(throws: TailRiskError.self) { _ = try DepegScenario.Spec(parsing: text) }
    }
}
