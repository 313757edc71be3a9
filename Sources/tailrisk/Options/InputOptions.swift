import ArgumentParser
import TailRisk

/// The price file and the part of it to use; shared by every subcommand.
///
/// `--window` is "the last N returns" everywhere but in backtest, where it is the
/// rolling estimation window (`rollingWindow`) and the whole range is backtested.
struct InputOptions: ParsableArguments {
    @Argument(help: "CSV of daily prices: wide (date,A,B,...) or long (date,asset,price).")
    var prices: String

    @Option(help: "Assets to use, comma separated (default: those of the positions; cov: all; haircut takes them from --collateral).")
    var assets: String?

    @Option(help: "First price date to use (YYYY-MM-DD, inclusive).")
    var from: String?

    @Option(help: "Last price date to use (YYYY-MM-DD, inclusive).")
    var to: String?

    @Option(help: ArgumentHelp(
        "Use only the last N returns (default: all); backtest: the rolling window, default 250.",
        discussion: "In backtest each day's VaR/ES is forecast from the N returns before it only, and the whole history in --from/--to is backtested; the first N returns only feed the first forecast."))
    var window: Int?

    func validate() throws {
        if let from, Day(iso: from) == nil { throw ValidationError("--from: \(ErrorQuoting.quoted(from)) is not a date (YYYY-MM-DD)") }
        if let to, Day(iso: to) == nil { throw ValidationError("--to: \(ErrorQuoting.quoted(to)) is not a date (YYYY-MM-DD)") }
        if let from, let to, let f = Day(iso: from), let t = Day(iso: to), f > t {
            throw ValidationError("--from \(from) is after --to \(to)")
        }
        if let window, window < 2 { throw ValidationError("--window must be at least 2 returns (got \(window))") }
    }

    /// Asset names given with `--assets`, if any.
    var assetList: [String]? {
        assets.map { ListParsing.items([$0]) }
    }

    /// backtest's rolling window: `--window`, default 250.
    var rollingWindow: Int { window ?? CommandDefaults.backtestWindow }

    /// The same inputs over the whole range (backtest reads `--window` as its rolling window).
    var wholeRange: InputOptions {
        var whole = self
        whole.window = nil
        return whole
    }

    var fromDay: Day? { from.flatMap { Day(iso: $0) } }
    var toDay: Day? { to.flatMap { Day(iso: $0) } }

    /// Reads the price file once (a pipe such as `/dev/stdin` too) and hashes the
    /// bytes read for the provenance record.
    func readTable() throws -> (table: PriceTable, sha256: String) {
        let bytes = try InputFile.read(path: prices)
        return (try PriceTable.parse(bytes, source: prices), SHA256.hex(bytes))
    }
}

import Foundation
