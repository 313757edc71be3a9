import TailRisk

/// The inputs every basket command starts from: the price table, the aligned
/// returns of the basket's assets and the basket valued on the last date used.
struct LoadedBasket {
    let table: PriceTable
    let sha256: String
    let series: ReturnSeries
    let portfolio: Portfolio

    /// Reads the prices, aligns the basket's assets and values the positions.
    static func load(_ input: InputOptions, _ positions: PositionOptions, minimumReturns: Int = 2) throws -> LoadedBasket {
        let (table, sha) = try input.readTable()
        let (spec, option, isWeights) = try positions.spec()
        if let listed = input.assetList, Set(listed) != Set(spec.assets) {
            throw CLIError("--assets: the basket's assets come from \(option) (\(ErrorQuoting.names(spec.assets, separator: ","))); drop --assets or make it match")
        }
        for asset in spec.assets where table.index(of: asset) == nil {
            throw TailRiskError.invalidOption(
                option: option,
                message: "unknown asset \(ErrorQuoting.quoted(asset)) in the positions (\(input.prices) has: \(ErrorQuoting.names(table.assets)))")
        }
        let series = try table.returnSeries(assets: spec.assets, from: input.fromDay, to: input.toDay,
                                            window: input.window, minimumReturns: minimumReturns)
        let portfolio = try positions.portfolio(spec: spec, option: option, isWeights: isWeights, series: series)
        return LoadedBasket(table: table, sha256: sha, series: series, portfolio: portfolio)
    }

    func provenance(extra: [(String, JSONValue)] = []) -> Provenance {
        Provenance(inputFile: table.source, sha256: sha256, series: series, extra: extra)
    }
}
