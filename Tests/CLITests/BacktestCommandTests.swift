import Foundation
import Testing

@Suite(.tags(.cli, .realData)) struct BacktestCommandTests {
    static let crypto = CLI.shared("crypto_coinmetrics_daily.csv")
    static let keys = ["method", "confidence", "observations", "exceedances", "kupiec_lr", "kupiec_p",
                       "christoffersen_lr_ind", "christoffersen_p_ind", "christoffersen_lr_cc", "christoffersen_p_cc",
                       "traffic_light", "mcneil_frey_t", "mcneil_frey_p", "acerbi_szekely_z2"]

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func jsonTestsAndTheLongExceedanceFileAgree() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["backtest", Self.crypto, "--positions", "BTC=1,ETH=30", "--from", "2018-01-01",
                             "--window", "120", "--method", "historical,normal", "--confidence", "0.99,0.95",
                             "--format", "json", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        let days = try #require(json["forecast_days"] as? Int)
        #expect(json["window"] as? Int == 120)
        #expect(days == (json["observations"] as? Int ?? 0) - 120)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.map { $0["method"] as? String } == ["historical", "historical", "normal", "normal"])
        for t in tests {
            for k in Self.keys { #expect(t[k] != nil, "missing \(k)") }
            #expect(t["observations"] as? Int == days)
            #expect(["green", "yellow", "red"].contains(t["traffic_light"] as? String ?? ""))
        }
        // The summary file is the printed JSON; the long file has one row per day, method and level.
        let summary = try String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary == r.stdout)
        let lines = try String(contentsOf: dir.appendingPathComponent("exceedances.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.first == "date,method,confidence,pnl,var,es,exceeded")
        #expect(lines.count == 1 + 4 * days)
        // Recount the exceedances from the file: -pnl > var, and the flag says so.
        for t in tests {
            let method = t["method"] as! String, confidence = t["confidence"] as! Double
            let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
                .filter { $0[1] == method && Double($0[2]) == confidence }
            #expect(rows.count == days)
            #expect(rows.allSatisfy { (-Double($0[3])! > Double($0[4])!) == ($0[6] == "true") })
            #expect(rows.filter { $0[6] == "true" }.count == t["exceedances"] as? Int)
            #expect(rows.allSatisfy { Double($0[5])! >= Double($0[4])! })
        }
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func monteCarloIsReproducibleForAnyThreadCount() throws {
        let args = ["backtest", Self.crypto, "--positions", "BTC=1,ETH=30", "--from", "2020-01-01", "--window", "60",
                    "--method", "monte-carlo", "--confidence", "0.99", "--scenarios", "500", "--seed", "7",
                    "--format", "csv"]
        let one = try CLI.run(args + ["--threads", "1"])
        let two = try CLI.run(args + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(one.stdout == two.stdout)
        // The CSV carries the JSON's fields (issue 12): the keys, the rate, expected count and verdicts.
        let csvKeys = Array(Self.keys[..<4]) + ["exceedance_rate", "expected_exceedances"] + Self.keys[4...]
            + ["var_pass", "es_pass", "skipped_days", "notes"]
        #expect(one.stdout.hasPrefix(csvKeys.joined(separator: ",") + "\n"))
        let other = try CLI.run(Array(args.dropLast(2)) + ["--seed", "8", "--format", "csv"])
        #expect(other.status == 0 && other.stdout != one.stdout)
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func tableComparesMethodsSideBySide() throws {
        let r = try CLI.run(["backtest", Self.crypto, "--positions", "BTC=1,ETH=30", "--from", "2019-06-01",
                             "--window", "100", "--method", "historical,cornish-fisher", "--confidence", "0.99"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rolling window 100 returns"))
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("historical") || $0.hasPrefix("cornish-fisher") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("99.0%") })
    }

    @Test(.enabled(if: CLI.sharedAvailable, CLI.sharedMissing))
    func aWindowLongerThanTheDataIsAnErrorAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["backtest", Self.crypto, "--positions", "BTC=1,ETH=30", "--window", "5000",
                             "--out", dir.path])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("window of 5000 returns"))
        #expect(r.stderr.split(separator: "\n").count <= 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func badOptionsAreOneLineErrors() throws {
        for (args, text) in [(["--method", "garch"], "--method"), (["--window", "1"], "--window"),
                             (["--estimator", "pairwise"], "--estimator"), (["--confidence", "99"], "--confidence")] {
            let r = try CLI.run(["backtest", "prices.csv", "--positions", "BTC=1"] + args)
            #expect(r.status != 0)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains(text), "\(r.stderr)")
        }
    }
}
