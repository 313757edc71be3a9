import Foundation
import Testing

/// The fuzz cases of issue 8 that crashed (SIGILL) or exited 0 with NaN, ±∞
/// or JSON null in the results, each run through the built binary: every one
/// must now exit with an error that names the input and its bound, never by
/// a signal, and print nothing on stdout.
@Suite("non-finite inputs and limits through the CLI", .tags(.cli, .realData))
struct NonFiniteCLITests {
    /// Runs the binary (no backtrace, so a crash is a signal and nothing else).
    static func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: ["SWIFT_BACKTRACE": "enable=no"])
    }

    /// Writes `text` to a fresh temporary file.
    static func file(_ name: String, _ text: String) throws -> String {
        let url = try CLI.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `rows` daily prices of `assets` (a deterministic random walk), with
    /// asset 0's price multiplied by `jump` on row `rows / 2` alone (a spike).
    static func prices(assets: [String], rows: Int = 300, jump: Double = 1) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var p = [Double](repeating: 100, count: assets.count)
        var lines = ["date," + assets.joined(separator: ",")]
        let start = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        for t in 0..<rows {
            let day = format.string(from: start.addingTimeInterval(Double(t) * 86_400))
            let cells = p.enumerated().map { j, x in "\(j == 0 && t == rows / 2 ? x * jump : x)" }
            lines.append(day + "," + cells.joined(separator: ","))
            p = p.map { $0 * exp(0.03 * (uniform() - 0.5)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Exit status 1 or 64 (not a signal), nothing on stdout, and an error naming
    /// the input and containing every one of `expected`.
    func expectRefused(_ arguments: [String], naming expected: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Self.run(arguments)
        #expect(!r.signalled, "crashed: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.status == 1 || r.status == 64, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "printed: \(r.stdout.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("error: "), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)", sourceLocation: sourceLocation)
        for text in expected {
            #expect(r.stderr.contains(text), "expected \"\(text)\" in: \(r.stderr)", sourceLocation: sourceLocation)
        }
        for bad in ["nan", "Fatal error", "Precondition"] {
            #expect(!r.stderr.contains(bad), "\(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    static let btcEth = prices(assets: ["BTC", "ETH"])
    static let ab = prices(assets: ["A", "B"])

    // MARK: crashes (SIGILL)

    @Test func hugeOpposedPositionsAreRefusedByVarAndBacktest() throws {
        // The fuzz case ran on the shared crypto file; a generated BTC/ETH file keeps it without it.
        let generated = try Self.file("p.csv", Self.btcEth)
        let shared = CLI.sharedAvailable ? [CLI.shared("crypto_coinmetrics_daily.csv")] : []
        for path in [generated] + shared {
            for command in ["var", "backtest"] {
                try expectRefused([command, path, "--positions", "BTC=1e160,ETH=-1e160", "--method", "normal"],
                                  naming: ["--positions", "BTC", "1e18"])
            }
        }
    }

    @Test func anAdaptiveRunOfAHugeValueIsRefused() throws {
        let path = try Self.file("p.csv", Self.btcEth)
        try expectRefused(["simulate", path, "--weights", "BTC=1", "--value", "1e308", "--target-precision", "50%"],
                          naming: ["--value", "1e308", "1e18"])
    }

    // MARK: NaN, ±∞ or null printed with exit 0

    @Test func aPriceJumpOf1e77IsRefusedNamingAssetAndDates() throws {
        let path = try Self.file("jump.csv", Self.prices(assets: ["A", "B"], jump: 1e77))
        for command in ["var", "backtest"] {
            try expectRefused([command, path, "--positions", "A=1,B=1", "--method", "cornish-fisher", "--format", "json"],
                              naming: ["log return of A", "2020-05-29 to 2020-05-30", "ln 10⁶"])
        }
    }

    @Test(arguments: ["A=1e154,B=1", "A=1e160,B=-1", "A=1e-320,B=0"])
    func positionValuesOutsideTheBoundsAreRefused(positions: String) throws {
        let path = try Self.file("p.csv", Self.ab)
        try expectRefused(["var", path, "--positions", positions, "--format", "json"],
                          naming: ["--positions", "A: the position's value"])
    }

    @Test(arguments: ["1e-320", "1e300"])
    func aPortfolioValueOutsideTheBoundsIsRefused(value: String) throws {
        let path = try Self.file("p.csv", Self.ab)
        try expectRefused(["var", path, "--weights", "A=1", "--value", value, "--format", "json"],
                          naming: ["--value", value])
    }

    @Test(arguments: ["1e-17", "0.3", "0.9999999999999"])
    func confidenceOutsideItsRangeIsRefused(level: String) throws {
        let path = try Self.file("p.csv", Self.ab)
        try expectRefused(["var", path, "--positions", "A=1,B=1", "--confidence", level, "--format", "json"],
                          naming: ["--confidence", level, "[0.5, 0.999999999]"])
        try expectRefused(["haircut", path, "--collateral", "A=1,B=1", "--confidence", level, "--scenarios", "10000"],
                          naming: ["--confidence", level, "[0.5, 0.999999999]"])
    }

    @Test func aSubnormalDebtIsRefusedInsteadOfAnInfiniteHealthFactor() throws {
        let path = try Self.file("p.csv", Self.ab)
        try expectRefused(["haircut", path, "--collateral", "A=1,B=1", "--debt", "USD=1e-320", "--format", "json",
                           "--scenarios", "10000"], naming: ["--debt", "1e-320", "1e-9"])
    }

    @Test func aSubnormalADVIsRefused() throws {
        let path = try Self.file("p.csv", Self.ab)
        let liquidity = try Self.file("liq.csv", "asset,adv,spread\nA,1e-320,0.001\nB,1000,0.001\n")
        try expectRefused(["haircut", path, "--collateral", "A=1,B=1", "--liquidity", liquidity, "--format", "json",
                           "--scenarios", "10000"], naming: ["liq.csv:2:2", "ADV of \"A\"", "1e-320", "1e-09"])
    }

    @Test(arguments: ["A=1e160,B=1", "A=1e-320,B=1"])
    func collateralValuesOutsideTheBoundsAreRefused(collateral: String) throws {
        let path = try Self.file("p.csv", Self.ab)
        try expectRefused(["haircut", path, "--collateral", collateral, "--format", "json", "--scenarios", "10000"],
                          naming: ["--collateral", "A: the value in USD"])
    }

    // MARK: limits with their numbers

    @Test func covarianceAbove2000AssetsIsRefusedWithTheLimit() throws {
        let names = (0..<2001).map { "X\($0)" }
        let path = try Self.file("wide.csv", Self.prices(assets: names, rows: 4))
        try expectRefused(["cov", path, "--format", "json"], naming: ["--assets", "2001 assets", "2000"])
    }

    @Test func aMonteCarloRunAbove1e12DrawsIsRefusedWithTheProduct() throws {
        let names = (0..<20).map { "X\($0)" }
        let path = try Self.file("p.csv", Self.prices(assets: names))
        let weights = names.map { "\($0)=0.05" }.joined(separator: ",")
        try expectRefused(["simulate", path, "--weights", weights, "--value", "1000", "--dist", "t", "--df", "4",
                           "--horizon", "100", "--scenarios", "1000000000"],
                          naming: ["--scenarios", "1000000000 scenarios × 100 steps × 20 assets = 2000000000000", "1e12"])
    }

    @Test func aMonteCarloBacktestAbove1e12DrawsIsRefusedWithTheProduct() throws {
        let path = try Self.file("p.csv", Self.prices(assets: ["BTC", "ETH"], rows: 1000))
        try expectRefused(["backtest", path, "--positions", "BTC=1,ETH=1", "--method", "monte-carlo",
                           "--scenarios", "1000000000"],
                          naming: ["--scenarios", "749 days × 1000000000 scenarios × 2 assets = 1498000000000", "1e12"])
    }
}
