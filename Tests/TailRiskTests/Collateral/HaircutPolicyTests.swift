import Foundation
import Testing
@testable import TailRisk

@Suite struct HaircutPolicyTests {
    /// The default policy with one change.
    static func with(_ change: (inout HaircutPolicy) -> Void) -> HaircutPolicy {
        var p = HaircutPolicy()
        change(&p)
        return p
    }

    @Test func defaults() throws {
        let p = HaircutPolicy()
        #expect(p.confidence == 0.99 && p.measure == .es && p.horizon == 1 && p.horizonMethod == .simulate)
        #expect(p.liquidationBonus == 0.05 && p.ltvBuffer == 0.05 && p.diversificationCredit == 0.8)
        #expect(p.currency == "USD" && p.floors.isEmpty && p.collateral.isEmpty)
        try p.validate()
    }

    @Test(arguments: [
        (with { p in p.liquidationBonus = 1 }, Parameter.liquidationBonus, "must lie in [0, 1), got 1.0"),
        (with { p in p.liquidationBonus = -0.01 }, Parameter.liquidationBonus, "must lie in [0, 1), got -0.01"),
        (with { p in p.diversificationCredit = 1.2 }, .diversificationCredit,
         "must lie in [0, 1], got 1.2"),
        (with { p in p.floors = ["BTC": 1.5] }, Parameter.floor, "the floor of BTC must lie in [0, 1], got 1.5"),
        (with { p in p.confidence = 1 }, Parameter.confidence, "must lie strictly between 0 and 1, got 1.0"),
        (with { p in p.confidence = .nan }, Parameter.confidence, "must lie strictly between 0 and 1, got nan"),
        (with { p in p.horizon = 0 }, Parameter.horizon, "must be at least 1 step, got 0"),
        (with { p in p.ltvBuffer = 1 }, Parameter.ltvBuffer, "must lie in [0, 1), got 1.0"),
        (with { p in
            p.stressWindow = .init(from: Day(year: 2022, month: 1, day: 1)!, to: Day(year: 2022, month: 12, day: 31)!)
            p.stressWeight = 1.5 }, Parameter.stressWeight, "must lie in [0, 1], got 1.5"),
        (with { p in p.stressWeight = 0.25 }, .stressWeight,
         "needs a stress window (--stress-window FROM:TO)"),
        (with { p in p.model.law = .studentT(degreesOfFreedom: 2) }, Parameter.degreesOfFreedom,
         "must be a finite number greater than 2 (the variance is infinite otherwise), got 2.0"),
        (with { p in p.model.law = .studentT(degreesOfFreedom: .infinity) }, Parameter.degreesOfFreedom,
         "must be a finite number greater than 2 (the variance is infinite otherwise), got inf"),
        (with { p in p.debtAmount = 0 }, Parameter.debt, "must be positive, got 0.0"),
        (with { p in p.collateral = [.init(asset: "BTC", quantity: 1), .init(asset: "BTC", quantity: 2)] },
         Parameter.collateral, "lists BTC twice"),
    ])
    func validationErrors(p: HaircutPolicy, parameter: Parameter, message: String) {
        #expect(throws: TailRiskError.invalidParameter(parameter, message: message)) { try p.validate() }
    }

    @Test func boundariesAreAccepted() throws {
        var p = HaircutPolicy()
        p.liquidationBonus = 0
        p.diversificationCredit = 1
        p.floors = ["A": 0, "B": 1]
        try p.validate()
    }

    static let full = """
        confidence: 0.975
        measure: var
        horizon: 10
        horizon-method: sqrt
        liquidation-bonus: 0.075
        ltv-buffer: 0.025
        lt: {ETH: 0.8, BTC: 0.75}
        diversification-credit: 0.5
        liquidity: /data/liquidity.csv
        floor: {BTC: 0.1, ETH: 0.12}
        stress-window: 2022-05-01:2022-12-31
        stress-weight: 0.25
        estimator: ledoit-wolf
        dist: t-copula
        df: 4
        tails: empirical
        filter: ewma
        filter-lambda: 0.97
        scenarios: 100000
        seed: 18446744073709551615
        currency: EUR
        debt-asset: USDC
        debt: 50000
        collateral:
          ETH: 20
          BTC: 1.5
        """

    @Test func parsesEveryKey() throws {
        let p = try HaircutPolicy.parse(yaml: Self.full, source: "policy.yaml")
        #expect(p.confidence == 0.975 && p.measure == .var && p.horizon == 10 && p.horizonMethod == .sqrt)
        #expect(p.liquidationBonus == 0.075 && p.ltvBuffer == 0.025 && p.diversificationCredit == 0.5)
        #expect(p.liquidationThresholds == ["ETH": 0.8, "BTC": 0.75])
        #expect(p.liquidity == "/data/liquidity.csv" && p.floors == ["BTC": 0.1, "ETH": 0.12])
        #expect(p.stressWindow?.description == "2022-05-01:2022-12-31" && p.stressWeight == 0.25)
        #expect(p.model.estimator == .ledoitWolf && p.model.law == .tCopula(degreesOfFreedom: 4))
        #expect(p.model.filter == .ewma(lambda: 0.97))
        #expect(try p.filterSpec() == .ewma(lambda: 0.97))
        #expect(p.scenarios == 100_000 && p.seed == UInt64.max && p.currency == "EUR")
        #expect(p.debtAsset == "USDC" && p.debtAmount == 50_000)
        #expect(p.collateral == [.init(asset: "ETH", quantity: 20), .init(asset: "BTC", quantity: 1.5)])
    }

    @Test func echoReadsBackToAnEqualPolicy() throws {
        let p = try HaircutPolicy.parse(yaml: Self.full, source: "policy.yaml")
        let again = try HaircutPolicy.parse(yaml: p.yamlEcho, source: "echo")
        #expect(again == p)
        #expect(p.yamlEcho.hasPrefix("confidence: 0.975\nmeasure: \"var\"\nhorizon: 10\n"), "\(p.yamlEcho)")
        // Every key but skew, which only skew-t reads (and skew-t reads no filter): see skewTEchoReadsBack.
        #expect(p.echo.map(\.key) == HaircutPolicy.fileKeys.filter { $0 != "skew" })
        let defaults = HaircutPolicy()
        #expect(try HaircutPolicy.parse(yaml: defaults.yamlEcho, source: "echo") == defaults)
        let json = String(decoding: try JSONEncoder().encode(p), as: UTF8.self)
        #expect(json.contains("\"liquidation-bonus\":0.075") && json.contains("\"seed\":18446744073709551615"))
        let decoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(p)) as? [String: Any]
        #expect(decoded?["collateral"] as? [String: Double] == ["ETH": 20, "BTC": 1.5])
        #expect(Set(decoded?.keys.map { $0 } ?? []) == Set(HaircutPolicy.fileKeys).subtracting(["skew"]))
    }

    @Test func skewTEchoReadsBack() throws {
        let p = try HaircutPolicy.parse(yaml: "dist: skew-t\ndf: 6\nskew: -0.2\n", source: "policy.yaml")
        #expect(p.model.law == .skewT(degreesOfFreedom: 6, skew: -0.2))
        #expect(p.yamlEcho.contains("dist: \"skew-t\"\ndf: 6") && p.yamlEcho.contains("skew: -0.2"), "\(p.yamlEcho)")
        #expect(try HaircutPolicy.parse(yaml: p.yamlEcho, source: "echo") == p)
        // A skew beside a law that has none is refused, naming the key.
        #expect(throws: (any Error).self) { try HaircutPolicy.parse(yaml: "dist: t\nskew: -0.2\n", source: "policy.yaml") }
    }

    @Test func fileOverridesOnlyTheKeysItSets() throws {
        var base = HaircutPolicy()
        base.horizon = 10
        let p = try HaircutPolicy.parse(yaml: "confidence: 0.95\n", source: "p.yaml", over: base)
        #expect(p.confidence == 0.95 && p.horizon == 10)
        #expect(try HaircutPolicy.parse(yaml: "", source: "p.yaml", over: base) == base)
    }

    @Test func malformedYAMLGivesItsLine() {
        // An unclosed flow mapping is found at the end of the text; a bad indent where it is.
        for (yaml, expectedLine) in [("confidence: 0.99\nhorizon: 10\nfloor: {BTC: 0.1\n", 4),
                                     ("confidence: 0.99\nhorizon: 10\n  measure: es\ndebt: 5\n", 3)] {
            do {
                _ = try HaircutPolicy.parse(yaml: yaml, source: "bad.yaml")
                Issue.record("expected an error")
            } catch let TailRiskError.file(path, line, _, message) {
                #expect(path == "bad.yaml" && line == expectedLine && message.hasPrefix("not valid YAML: "), "\(message)")
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test func errorsNameTheKeyAndLine() {
        let known = HaircutPolicy.fileKeys.joined(separator: ", ")
        let cases: [(String, TailRiskError)] = [
            ("confidence: 0.99\nhorizn: 10\n",
             .file(path: "p.yaml", line: 2, column: 1, message: "unknown key 'horizn'; known keys: \(known)")),
            ("confidence: high\n",
             .file(path: "p.yaml", line: 1, column: 13, message: "confidence: expected a number or a percentage (0.99 or 99%), got 'high'")),
            ("horizon: 2.5\n", .file(path: "p.yaml", line: 1, column: 10, message: "horizon: expected an integer, got '2.5'")),
            ("measure: cvar\n", .file(path: "p.yaml", line: 1, column: 10, message: "measure: expected one of es, var, got 'cvar'")),
            ("floor: [0.1]\n",
             .file(path: "p.yaml", line: 1, column: 8, message: "floor: expected a mapping of asset: number, got a list")),
            ("floor:\n  BTC: ten\n",
             .file(path: "p.yaml", line: 2, column: 8, message: "floor.BTC: expected a number, got 'ten'")),
            ("horizon: 1\nhorizon: 2\n",
             .file(path: "p.yaml", line: 2, column: 1, message: "duplicate key 'horizon' (first on line 1)")),
            ("\n\nliquidation-bonus: 1.5\n",
             .file(path: "p.yaml", line: 3, column: 1, message: "liquidation-bonus: must lie in [0, 1), got 1.5")),
            ("floor: {BTC: 2}\n",
             .file(path: "p.yaml", line: 1, column: 1, message: "floor: the floor of BTC must lie in [0, 1], got 2.0")),
            ("stress-window: 2022-13-01:2022-12-31\n",
             .file(path: "p.yaml", line: 1, column: 16,
                   message: "stress-window: expected FROM:TO with ISO dates (YYYY-MM-DD:YYYY-MM-DD), got '2022-13-01:2022-12-31'")),
            ("- 1\n- 2\n", .file(path: "p.yaml", line: 1, column: 1,
                                 message: "expected a mapping of policy keys (confidence: 0.99, …)")),
        ]
        for (yaml, expected) in cases {
            #expect(throws: expected) { try HaircutPolicy.parse(yaml: yaml, source: "p.yaml") }
        }
    }

    /// Ranges are checked once, on the merged policy: a flag repairs the file's
    /// value; a bad value still from the file keeps its line; one from a flag names the flag.
    @Test func rangesAreValidatedAfterOverrides() throws {
        let file = try HaircutPolicyFile.parse(yaml: "confidence: 0.99\nscenarios: 0\ndf: 1\ndist: t\n", source: "p.yaml")
        #expect(file.policy.scenarios == 0 && file.marks["scenarios"] == .init(line: 2, column: 1))
        var merged = file.policy
        merged.scenarios = 20_000
        merged.model.law = .studentT(degreesOfFreedom: 4)
        try file.validate(merged)
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 3, column: 1,
                                           message: "df: must be a finite number greater than 2 (the variance is infinite otherwise), got 1.0")) {
            try file.validate(file.policy)
        }
        var onlyDF = file.policy
        onlyDF.model.law = .studentT(degreesOfFreedom: 4)
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 2, column: 1, message: "scenarios: must be at least 1, got 0")) {
            try file.validate(onlyDF)
        }
        merged.scenarios = -5
        #expect(throws: TailRiskError.invalidParameter(.scenarios, message: "must be at least 1, got -5")) {
            try file.validate(merged)
        }
        // The validating readers still refuse the file alone, at its line.
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 2, column: 1, message: "scenarios: must be at least 1, got 0")) {
            try HaircutPolicy.parse(yaml: "confidence: 0.99\nscenarios: 0\n", source: "p.yaml")
        }
    }

    /// The fuzz campaign's reproducer: a `"` inside a plain scalar once opened a "quote" that hid the
    /// rest of the line from the nesting count (a segfault in Yams at 50,000 `[`; a `where` that
    /// applied to `'` only). The nesting count now sees them, and the total bracket bound would anyway.
    @Test func aQuoteInsideAPlainScalarDoesNotHideNesting() throws {
        for count in [5_000, 50_000] {
            let yaml = "a: [x\", " + String(repeating: "[", count: count) + "\n"
            #expect(throws: TailRiskError.self) { try HaircutPolicy.parse(yaml: yaml, source: "p.yaml") }
            do { _ = try HaircutPolicy.parse(yaml: yaml, source: "p.yaml") } catch {
                #expect("\(error)".contains("p.yaml:1: nesting deeper than 64 levels"), "\(error)")
            }
        }
    }

    /// Hostile files are refused before Yams composes them (deep nesting overflowed its recursion).
    @Test func deepOrHugeFilesAreRefusedBeforeComposing() throws {
        let deep = "nesting deeper than 64 levels; a policy file is a flat mapping (confidence: 0.99, floor: {BTC: 0.1}, …)"
        let cases: [(String, Int)] = [
            ("a: " + String(repeating: "[", count: 5_000) + "\n", 1),
            ("confidence: 0.99\nfloor: " + String(repeating: "{a: ", count: 5_000) + "\n", 2),
            ("horizon: 1\n" + String(repeating: "- ", count: 5_000) + "x\n", 2),
            ((0..<100).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + "\n", 65),
        ]
        for (yaml, line) in cases {
            #expect(throws: TailRiskError.file(path: "p.yaml", line: line, column: nil, message: deep)) {
                try HaircutPolicy.parse(yaml: yaml, source: "p.yaml")
            }
        }
        // Brackets in quoted scalars and comments do not count; 64 levels are allowed.
        let quoted = "currency: '" + String(repeating: "[", count: 65) + "' # " + String(repeating: "{", count: 63) + "\n"
        #expect(try HaircutPolicy.parse(yaml: quoted, source: "p.yaml").currency == String(repeating: "[", count: 65))
        func violation(_ yaml: String, nesting: Int = 64) -> HaircutPolicy.LimitViolation? {
            HaircutPolicy.limitViolation(yaml, nesting: nesting, brackets: 128)
        }
        #expect(violation("a: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)) == nil)
        #expect(violation("a: " + String(repeating: "[", count: 64)) == .nesting(line: 1))
        #expect(violation(Self.full, nesting: 3) == nil)
        // Over 1 MiB: refused from its size, by parse and before read loads it.
        let big = "confidence: 0.99\n" + String(repeating: "# padding\n", count: 110_000)
        #expect(throws: TailRiskError.file(path: "p.yaml", line: nil, column: nil, message: HaircutPolicy.tooLarge(big.utf8.count))) {
            try HaircutPolicy.parse(yaml: big, source: "p.yaml")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tailrisk-big-\(UUID().uuidString).yaml")
        try big.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TailRiskError.file(path: file.path, line: nil, column: nil,
                                           message: "the policy file has 1100017 bytes, more than the 1048576 allowed; a policy file is a few lines")) {
            try HaircutPolicy.read(path: file.path)
        }
    }

    @Test func readResolvesTheLiquidityPathBesideThePolicyFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tailrisk-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("policy.yaml")
        try "liquidity: liq.csv\n".write(to: file, atomically: true, encoding: .utf8)
        let p = try HaircutPolicy.read(path: file.path)
        #expect(p.liquidity == dir.appendingPathComponent("liq.csv").path)
        try "liquidity: /elsewhere/liq.csv\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try HaircutPolicy.read(path: file.path).liquidity == "/elsewhere/liq.csv")
        #expect(throws: TailRiskError.file(path: dir.appendingPathComponent("none.yaml").path, line: nil, column: nil,
                                           message: "no such file")) {
            try HaircutPolicy.read(path: dir.appendingPathComponent("none.yaml").path)
        }
    }
}
