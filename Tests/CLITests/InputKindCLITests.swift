import Foundation
import Testing

/// `--input returns|pnl` with `--return-type log|simple`: the same risk as from the prices
/// they come from; haircut and stress refuse them.
@Suite(.tags(.cli)) struct InputKindCLITests {
    typealias F = InputsCLITests

    /// Log returns, simple returns and the P&L of 1,000 in each asset (linear), from the prices.
    static func files() throws -> (prices: String, log: String, simple: String, pnl: String) {
        let f = try F.files()
        var log = ["date,BTC,ETH,SOL"], simple = ["date,BTC,ETH,SOL"], pnl = ["date,BTC,ETH,SOL"]
        for t in 1..<F.prices.count {
            let r = (0..<3).map { Foundation.log(F.prices[t][$0] / F.prices[t - 1][$0]) }
            log.append(([F.days[t]] + r.map { "\($0)" }).joined(separator: ","))
            simple.append(([F.days[t]] + r.map { "\(Foundation.expm1($0))" }).joined(separator: ","))
            pnl.append(([F.days[t]] + r.map { "\(1000 * $0)" }).joined(separator: ","))
        }
        func w(_ lines: [String], _ name: String) throws -> String { try F.write(lines.joined(separator: "\n") + "\n", name, in: f.dir) }
        return (f.plain, try w(log, "log.csv"), try w(simple, "simple.csv"), try w(pnl, "pnl.csv"))
    }

    static let weights = ["--weights", "BTC=0.5,ETH=0.3,SOL=0.2", "--value", "3000"]

    static func figures(_ arguments: [String]) throws -> [Double] {
        let r = try CLI.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try F.results(r).flatMap { [($0["var"] as? Double) ?? .nan, ($0["es"] as? Double) ?? .nan] }
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && !a.isEmpty && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func returnsFilesGiveThePricesRisk() throws {
        let f = try Self.files()
        let methods = ["--method", "historical,normal,cornish-fisher"]
        let fromPrices = try Self.figures(["var", f.prices] + Self.weights + methods)
        #expect(Self.close(try Self.figures(["var", f.log, "--input", "returns"] + Self.weights + methods), fromPrices))
        #expect(Self.close(try Self.figures(["var", f.simple, "--input", "returns", "--return-type", "simple"] + Self.weights + methods),
                           fromPrices))
        let json = try CLI.json(try CLI.run(["var", f.simple, "--input", "returns", "--return-type", "simple", "--format", "json"]
                                            + Self.weights).stdout)
        let input = try #require(json["input"] as? [String: Any])
        #expect(input["kind"] as? String == "returns" && input["return_type"] as? String == "simple")
    }

    /// The P&L of 1,000 in each asset under linear P&L, read as a P&L vector.
    @Test func pnlFilesAreThePortfolio() throws {
        let f = try Self.files()
        let methods = ["--method", "historical,normal,cornish-fisher,monte-carlo", "--seed", "3", "--scenarios", "20000"]
        let fromPrices = try Self.figures(["var", f.prices, "--weights", "BTC=0.3333333333333333,ETH=0.3333333333333333,SOL=0.3333333333333334",
                                           "--value", "3000", "--pnl", "linear"] + methods)
        let fromPnL = try Self.figures(["var", f.pnl, "--input", "pnl"] + methods)
        #expect(Self.close(fromPnL, fromPrices, 1e-6), "\(fromPnL) vs \(fromPrices)")
        let table = try CLI.run(["var", f.pnl, "--input", "pnl", "--method", "historical"])
        #expect(table.stdout.contains("(P&L in the price currency, positive for gains; the portfolio is the sum of the columns, "
                                      + "valued at nominal power-of-two scales, so VaR % is of that nominal value)"))
        let backtest = try CLI.run(["backtest", f.pnl, "--input", "pnl", "--window", "30", "--method", "historical,normal"])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        let cov = try CLI.run(["cov", f.log, "--input", "returns", "--format", "json"])
        let covPrices = try CLI.run(["cov", f.prices, "--format", "json"])
        #expect(cov.status == 0 && covPrices.status == 0, "\(cov.stderr)")
    }

    @Test func refusalsAreClear() throws {
        let f = try Self.files()
        let cases: [([String], String)] = [
            (["haircut", f.log, "--input", "returns", "--collateral", "BTC=1", "--debt-asset", "ETH"],
             "error: --input returns: haircut values the collateral and the debt at their prices; give price files (--input prices)\n"),
            (["stress", f.pnl, "--input", "pnl", "--collateral", "BTC=1", "--debt-asset", "ETH", "--shock", "BTC=-0.3"],
             "error: --input pnl: stress values the collateral and the debt at their prices; give price files (--input prices)\n"),
            (["var", f.pnl, "--input", "pnl", "--positions", "BTC=1"],
             "error: --input pnl: the portfolio is the P&L columns themselves; drop --positions, --weights, --value and "
                 + "--positions-file (choose columns with --assets)\n"),
            (["var", f.pnl, "--input", "pnl", "--pnl", "exact"],
             "error: --pnl exact: --input pnl reads P&L, not returns; its scenarios add (linear), drop --pnl exact\n"),
            (["var", f.log, "--input", "returns", "--positions", "BTC=1"],
             "error: --positions: --input returns has no prices to value quantities at; give --weights with --value\n"),
            (["cov", f.log, "--input", "returns", "--estimator", "pairwise"],
             "error: --estimator: pairwise pairs gappy price histories; with --input returns or pnl choose another estimator\n"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status != 0 && r.stdout.isEmpty, "\(arguments)")
            #expect(r.stderr == message, "\(arguments)")
        }
        let returnType = try CLI.run(["var", f.prices, "--return-type", "simple", "--positions", "BTC=1"])
        #expect(returnType.status != 0 && returnType.stderr.contains("--return-type applies only to --input returns"))
    }
}
