import ArgumentParser
import TailRisk

/// The basket: quantities, weights with a value, or a positions file.
struct PositionOptions: ParsableArguments {
    @Option(help: "Quantities in units, e.g. BTC=2.5,ETH=40 (valued at the last date used).")
    var positions: String?

    @Option(help: "Weights summing to 1, e.g. BTC=0.6,ETH=0.4 (with --value; negative = short).")
    var weights: String?

    @Option(help: "Basket value in the price currency, for --weights.")
    var value: Double?

    @Option(name: .customLong("positions-file"), help: "CSV with header asset,quantity.")
    var positionsFile: String?

    func validate() throws {
        let given = [positions != nil, weights != nil, positionsFile != nil].filter { $0 }.count
        // None given is refused by LoadedBasket.load (--input pnl takes no basket).
        if given > 1 { throw ValidationError("give only one of --positions, --weights, --positions-file") }
        if weights != nil && value == nil { throw ValidationError("--weights needs --value (the basket value)") }
        if positions != nil && value != nil { throw ValidationError("--value applies only to --weights or a weights file") }
        if let value, !(value > 0) || !value.isFinite { throw ValidationError("--value must be a positive amount (got \(value))") }
    }

    /// The parsed specification and the quantity (flag) it came from.
    func spec() throws -> (spec: PositionSpec, parameter: Parameter, isWeights: Bool) {
        if let positions { return (try PositionSpec.parse(positions, parameter: .positions), .positions, false) }
        if let weights { return (try PositionSpec.parse(weights, parameter: .weights), .weights, true) }
        let file = try PositionSpec.read(path: positionsFile!)
        if file.areWeights && value == nil {
            throw CLIError("--positions-file: \(positionsFile!) lists weights (header asset,weight); give the basket value with --value")
        }
        if !file.areWeights && value != nil {
            throw CLIError("--value applies only to weights; \(positionsFile!) lists quantities (header asset,quantity)")
        }
        return (file, .positionsFile, file.areWeights)
    }

    /// Values the basket on the series' last date.
    func portfolio(spec: PositionSpec, parameter: Parameter, isWeights: Bool, series: ReturnSeries) throws -> Portfolio {
        if isWeights {
            return try Portfolio.fromWeights(spec, value: value!, assets: series.assets, parameter: parameter)
        }
        return try Portfolio.fromQuantities(spec, series: series, parameter: parameter)
    }
}
