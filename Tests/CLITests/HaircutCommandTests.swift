import Foundation
import Testing
@testable import TailRisk

@Suite(.tags(.cli, .realData)) struct HaircutCommandTests {
    /// A one-asset price file from a seeded lognormal path (daily σ 4%), with
    /// its log returns for the closed form.
    static func lognormalFile(in dir: URL) throws -> (path: String, returns: [Double]) {
        var rng = Xoshiro256PlusPlus(seed: 11, unit: 0)
        var price = 100.0
        var lines = ["date,AAA"]
        var returns: [Double] = []
        let start = Day(year: 2022, month: 1, day: 1)!.daysSinceEpoch
        for t in 0..<500 {
            if t > 0 {
                let r = 0.04 * Normal.quantile(rng.nextUniformPositive())
                price *= exp(r)
            }
            lines.append("\(Day(daysSinceEpoch: start + t)),\(price)")
        }
        // The returns as the tool reads them: logs of the printed prices.
        let prices = lines.dropFirst().map { Double($0.split(separator: ",")[1])! }
        returns = (1..<prices.count).map { log(prices[$0] / prices[$0 - 1]) }
        let path = dir.appendingPathComponent("aaa.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, returns)
    }

    static func haircut(_ args: [String]) throws -> [String: Any] {
        let r = try CLI.run(["haircut"] + args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try CLI.json(r.stdout)
    }

    static func rows(_ json: [String: Any]) throws -> [[String: Any]] { try #require(json["assets"] as? [[String: Any]]) }

    /// methods.md §4: ES of one asset under exact P&L is V(1 − e^{hμ + hσ²/2} Φ(z_α − σ√h)/α).
    @Test func standaloneHaircutMatchesTheLognormalClosedForm() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, r) = try Self.lognormalFile(in: dir)
        let h = 5.0
        let json = try Self.haircut([path, "--collateral", "AAA=3", "--horizon", "5", "--scenarios", "200000"])
        let row = try #require(try Self.rows(json).first)
        let mu = r.reduce(0, +) / Double(r.count)
        let sigma = (r.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(r.count - 1)).squareRoot()
        let alpha = 0.01, z = Normal.quantile(alpha)
        let want = 1 - exp(h * mu + h * sigma * sigma / 2) * Normal.cdf(z - sigma * h.squareRoot()) / alpha
        let got = try #require(row["standalone_haircut"] as? Double)
        #expect(abs(got - want) < 0.015 * want, "simulated \(got), closed form \(want)")
        #expect((json["horizon_treatment"] as? String)?.contains("5-step") == true)
        #expect((json["numeraire"] as? [String: Any])?["name"] as? String == "USD")
    }

    /// BTC moves with ETH, so BTC collateral against ETH debt needs a smaller haircut than against dollars.
    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func debtInETHNeedsLessThanDebtInDollars() throws {
        let file = CLI.shared("crypto_coinmetrics_daily.csv")
        let common = [file, "--collateral", "BTC=1", "--from", "2018-01-01", "--scenarios", "50000"]
        let usd = try #require(try Self.rows(try Self.haircut(common)).first?["standalone_haircut"] as? Double)
        let eth = try #require(try Self.rows(try Self.haircut(common + ["--debt-asset", "ETH"])).first?["standalone_haircut"] as? Double)
        #expect(eth < 0.85 * usd, "against ETH \(eth), against USD \(usd)")
        #expect(eth > 0.3 * usd)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func basketAgainstUSDCDebtAddsUp() throws {
        let dir = try CLI.temporaryDirectory()
        let json = try Self.haircut([CLI.shared("crypto_coinmetrics_daily.csv"), "--collateral", "BTC=10,ETH=120,LINK=5000",
                                     "--debt", "USDC=100000", "--horizon", "10", "--scenarios", "50000",
                                     "--floor", "BTC=0.5", "--out", dir.path])
        let rows = try Self.rows(json)
        let basket = try #require(json["basket"] as? [String: Any])
        let hp = try #require(basket["haircut_portfolio"] as? Double)
        let weighted = rows.reduce(0.0) { $0 + ($1["weight"] as! Double) * ($1["allocated_haircut"] as! Double) }
        #expect(abs(weighted - hp) <= 1e-12 * hp)
        #expect(rows.map { $0["asset"] as? String } == ["BTC", "ETH", "LINK"])
        let btc = rows[0]
        #expect(btc["standalone_haircut_floored"] as? Double == 0.5 && btc["standalone_floor_binds"] as? Bool == true)
        #expect(abs((btc["liquidation_threshold"] as! Double) - 0.5 / 1.05) < 1e-15)
        for key in ["max_borrow", "health_factor", "max_borrow_allocated", "health_factor_allocated", "credited_haircut"] {
            #expect(basket[key] is Double, "\(key)")
        }
        #expect(json["sha256"] == nil && (json["input"] as? [String: Any])?["sha256"] is String)
        let policy = try #require(json["policy"] as? [String: Any])
        #expect(policy["debt-asset"] as? String == "USDC" && policy["debt"] as? Double == 100000)
        for name in ["summary.json", "assets.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func policyFileIsReadAndFlagsOverrideIt() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try Self.lognormalFile(in: dir)
        let policy = dir.appendingPathComponent("policy.yaml").path
        try "collateral: {AAA: 2}\nliquidation-bonus: 0.1\nfloor: {AAA: 0.2}\nscenarios: 20000\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let json = try Self.haircut([path, "--policy", policy, "--liquidation-bonus", "0.07"])
        let echo = try #require(json["policy"] as? [String: Any])
        #expect(echo["liquidation-bonus"] as? Double == 0.07 && echo["scenarios"] as? Int == 20000)
        #expect((echo["floor"] as? [String: Any])?["AAA"] as? Double == 0.2)
        #expect((echo["collateral"] as? [String: Any])?["AAA"] as? Double == 2)
        let row = try #require(try Self.rows(json).first)
        #expect(abs((row["liquidation_threshold"] as! Double) - (1 - (row["standalone_haircut_floored"] as! Double)) / 1.07) < 1e-15)
    }

    @Test(arguments: [
        (["--liquidation-bonus", "1"], "--liquidation-bonus: must lie in [0, 1), got 1.0"),
        (["--diversification-credit", "1.5"], "--diversification-credit: must lie in [0, 1], got 1.5"),
        (["--floor", "AAA=1.2"], "--floor: the floor of AAA must lie in [0, 1], got 1.2"),
        (["--floor", "ZZZ=0.1"], "--floor: unknown asset 'ZZZ'"),
        (["--collateral", "AAA=0"], "--collateral: the quantity of AAA must be positive, got 0.0"),
        (["--collateral", "AAA=-3"], "--collateral: the quantity of AAA must be positive, got -3.0"),
        (["--collateral", "BBB=1"], "--collateral: unknown asset 'BBB'"),
        (["--debt", "EUR=100"], "--debt-asset: unknown debt asset 'EUR'"),
        (["--collateral", "AAA=1e307"], "--collateral: AAA: value inf in USD (1e+307 × "),
        (["--debt", "USD=0"], "--debt: must be positive, got 0.0"),
        (["--debt", "USD=-5"], "--debt"),
    ])
    func badPoliciesAreRejected(flags: [String], message: String) throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try Self.lognormalFile(in: dir)
        let args = flags.first == "--collateral" ? flags : ["--collateral", "AAA=1"] + flags
        let r = try CLI.run(["haircut", path, "--scenarios", "1000"] + args)
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2)
    }

    /// Prices near the smallest double: a value `q·P` that underflows to 0 is refused, not a crash.
    @Test func collateralValueThatUnderflowsIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("tiny.csv").path
        let rows = (1...28).map { "2024-01-\(String(format: "%02d", $0)),\(1 + 0.01 * Double($0 % 7))e-300" }
        try (["date,TINY"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["haircut", path, "--collateral", "TINY=1e-30", "--scenarios", "1000"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("--collateral: TINY: value 0.0 in USD (1e-30 × "), "\(r.stderr)")
        #expect(r.stderr.contains("is not a positive finite amount"), "\(r.stderr)")
    }

    /// haircut reads distribution names with the parser var uses (`studentt` was refused), and `99%` in a policy file.
    @Test func distributionNamesAndPercentConfidenceAsVarReadsThem() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try Self.lognormalFile(in: dir)
        let policy = dir.appendingPathComponent("policy.yaml").path
        try "confidence: 97.5%\ncollateral: {AAA: 1}\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let json = try Self.haircut([path, "--policy", policy, "--dist", "studentt", "--df", "4", "--scenarios", "2000"])
        let echo = try #require(json["policy"] as? [String: Any])
        #expect(echo["confidence"] as? Double == 0.975 && echo["df"] as? Double == 4)
        let r = try CLI.run(["haircut", path, "--collateral", "AAA=1", "--dist", "t", "--df", "inf"])
        #expect(r.status != 0 && r.stderr.contains("--df: must be a finite number greater than 2"), "\(r.stderr)")
    }

    /// A flag overrides a file value that is out of range; left alone, the file's value is refused at its line.
    @Test func flagsRepairAPolicyFileBeforeValidation() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try Self.lognormalFile(in: dir)
        let policy = dir.appendingPathComponent("policy.yaml").path
        try "collateral: {AAA: 1}\nscenarios: 0\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let json = try Self.haircut([path, "--policy", policy, "--scenarios", "2000"])
        #expect((json["policy"] as? [String: Any])?["scenarios"] as? Int == 2000)
        let r = try CLI.run(["haircut", path, "--policy", policy])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("\(policy):2:1: scenarios: must be at least 1, got 0"), "\(r.stderr)")
    }

    @Test func unparsablePolicyNamesItsLine() throws {
        let dir = try CLI.temporaryDirectory()
        let (path, _) = try Self.lognormalFile(in: dir)
        let policy = dir.appendingPathComponent("bad.yaml").path
        try "confidence: 0.99\nfloor: {AAA: 0.1\nhorizon: 5\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let r = try CLI.run(["haircut", path, "--policy", policy])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("\(policy):3:") || r.stderr.contains("\(policy):2:"), "\(r.stderr)")
        try "liquidation-bonus: 2\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let r2 = try CLI.run(["haircut", path, "--policy", policy, "--collateral", "AAA=1"])
        #expect(r2.stderr.contains("\(policy):1:1: liquidation-bonus: must lie in [0, 1)"), "\(r2.stderr)")
    }
}
