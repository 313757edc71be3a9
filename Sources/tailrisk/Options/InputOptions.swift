import ArgumentParser
import TailRisk

/// The price files and the part of them to use; shared by every subcommand.
///
/// Several files are joined by date (`PriceTable.merging`) and aligned as one
/// (intersect). `--input returns|pnl` reads returns or a P&L vector instead of
/// prices (var, cov, backtest, simulate); haircut and stress refuse them.
///
/// `--window` is "the last N returns" everywhere but in backtest, where it is the
/// rolling estimation window (`rollingWindow`) and the whole range is backtested.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "CSV files of daily prices: wide (date,A,B,...) or long (date,asset,price); several are joined by date.",
        discussion: "RFC 4180 quoting; a ;-separated file writes decimal commas (1.234,5), a ,-separated one decimal points (\"1,234.5\"). Long headers may say timestamp, ticker or symbol, close or adj_close (preferred); an unnamed first column (a pandas index) is ignored or is the date."))
    var prices: [String] = []

    @Option(name: .customLong("input"), help: "What the files hold: prices (default), returns or pnl (a P&L in the price currency, positive for gains).")
    var inputKind: InputKind = .prices

    @Option(name: .customLong("return-type"), help: "With --input returns: log (default) or simple returns.")
    var returnType: ReturnType?

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
        if prices.isEmpty { throw ValidationError("give at least one price file") }
        if returnType != nil && inputKind != .returns {
            throw ValidationError("--return-type applies only to --input returns")
        }
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

    /// Reads every file once (a pipe such as `/dev/stdin` too; its digest is in `files`)
    /// and joins them by date.
    func readTable() throws -> PriceTable {
        let tables = try prices.map { path in try PriceTable.parse(InputFile.read(path: path), source: path, kind: inputKind) }
        return try PriceTable.merging(tables)
    }

    /// The price files of a command that values positions at prices (haircut, stress).
    ///
    /// - Throws: for `--input returns` or `pnl`.
    func readPriceTable(for command: String) throws -> PriceTable {
        guard inputKind == .prices else {
            throw CLIError("--input \(inputKind.rawValue): \(command) values the collateral and the debt at their prices; "
                + "give price files (--input prices)")
        }
        return try readTable()
    }

    /// The returns of `assets` in `table`: log returns of prices, or the file's own returns or P&L.
    func series(_ table: PriceTable, assets: [String]?, window: Int?, minimumReturns: Int = 2) throws -> ReturnSeries {
        guard inputKind != .prices else {
            return try table.returnSeries(assets: assets, from: fromDay, to: toDay, window: window, minimumReturns: minimumReturns)
        }
        return try table.givenReturnSeries(kind: inputKind, returnType: returnType ?? .log, assets: assets, from: fromDay,
                                           to: toDay, window: window, minimumReturns: minimumReturns)
    }

    /// The provenance of a run on `table`.
    func provenance(_ table: PriceTable, series: ReturnSeries, extra: [(String, JSONValue)] = []) -> Provenance {
        Provenance(table: table, series: series, returnType: inputKind == .returns ? returnType ?? .log : nil, extra: extra)
    }
}

extension InputKind: ExpressibleByArgument {}
extension ReturnType: ExpressibleByArgument {}

import Foundation
