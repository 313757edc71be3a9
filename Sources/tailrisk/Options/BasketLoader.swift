import Foundation
import TailRisk

/// The inputs every basket command starts from: the price table, the aligned
/// returns of the basket's assets and the basket valued on the last date used.
///
/// With `--input returns` the basket is given by `--weights` and `--value` (there are no
/// prices to value quantities at). With `--input pnl` the portfolio is the P&L columns
/// themselves: each chosen column (`--assets`, default all) is one unit of a position
/// whose linear P&L is that column (its value a nominal power-of-two scale, not a market
/// value), so a scenario's P&L is the sum of the columns' P&L; positions,
/// weights and `--pnl exact` are refused.
struct LoadedBasket {
    let table: PriceTable
    let input: InputOptions
    let series: ReturnSeries
    let portfolio: Portfolio

    /// Reads the prices, aligns the basket's assets and values the positions.
    static func load(_ input: InputOptions, _ positions: PositionOptions, minimumReturns: Int = 2) throws -> LoadedBasket {
        let table = try input.readTable()
        if input.inputKind == .pnl { return try loadPnL(input, positions, table, minimumReturns: minimumReturns) }
        guard positions.positions != nil || positions.weights != nil || positions.positionsFile != nil else {
            throw CLIError("give the basket with --positions, --weights (with --value) or --positions-file")
        }
        var (spec, parameter, isWeights) = try positions.spec()
        let option = ParameterFlags.flag(for: parameter)
        if input.inputKind == .returns && !isWeights {
            throw CLIError("\(option): --input returns has no prices to value quantities at; give --weights with --value")
        }
        // The file's spelling of each name (names match in any case; unknown ones get a "did you mean").
        spec.assets = try spec.assets.map { try table.resolve($0, parameter: parameter) }
        if let listed = try input.assetList.map({ try $0.map { try table.resolve($0, parameter: .assets) } }),
           Set(listed) != Set(spec.assets) {
            throw CLIError("--assets: the basket's assets come from \(option) (\(ErrorQuoting.names(spec.assets, separator: ","))); drop --assets or make it match")
        }
        let series = try input.series(table, assets: spec.assets, window: input.window, minimumReturns: minimumReturns)
        let portfolio = try positions.portfolio(spec: spec, parameter: parameter, isWeights: isWeights, series: series)
        return LoadedBasket(table: table, input: input, series: series, portfolio: portfolio)
    }

    private static func loadPnL(_ input: InputOptions, _ positions: PositionOptions, _ table: PriceTable,
                                minimumReturns: Int) throws -> LoadedBasket {
        if positions.positions != nil || positions.weights != nil || positions.positionsFile != nil || positions.value != nil {
            throw CLIError("--input pnl: the portfolio is the P&L columns themselves; drop --positions, --weights, --value "
                + "and --positions-file (choose columns with --assets)")
        }
        let series = try input.series(table, assets: input.assetList, window: input.window, minimumReturns: minimumReturns)
        // One unit of each column, worth its power-of-two scale (PriceTable.givenReturnSeries).
        let portfolio = Portfolio(assets: series.assets, values: series.lastPrices,
                                  quantities: [Double](repeating: 1, count: series.assets.count))
        // The values come from the P&L file, not from --positions: a bound they break names the file.
        do { try portfolio.requireBoundedValues(parameter: .positions) } catch let TailRiskError.invalidParameter(_, message) {
            throw TailRiskError.file(path: table.source, line: nil, column: nil, message: message
                + " (under --input pnl a column's position is worth its P&L scale, the power of two at or above its largest |P&L|)")
        }
        return LoadedBasket(table: table, input: input, series: series, portfolio: portfolio)
    }

    /// The model flags for this input: `--input pnl` runs under linear P&L (a P&L adds; it is
    /// not a return to compound), and refuses `--pnl exact`.
    func model(_ model: ModelOptions) throws -> ModelOptions {
        guard input.inputKind == .pnl else { return model }
        if model.pnl == .exact {
            throw CLIError("--pnl exact: --input pnl reads P&L, not returns; its scenarios add (linear), drop --pnl exact")
        }
        var linear = model
        linear.pnl = .linear
        return linear
    }

    func provenance(extra: [(String, JSONValue)] = []) -> Provenance {
        input.provenance(table, series: series, extra: extra)
    }
}
