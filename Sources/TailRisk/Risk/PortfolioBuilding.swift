import Foundation

/// Positions as the user gives them: an amount per asset (units held, or
/// weights of a portfolio value), in the user's order.
public struct PositionSpec: Equatable, Sendable {
    public var assets: [String]
    public var amounts: [Double]
    /// Whether the amounts are weights (a file with the header `asset,weight`) rather than quantities.
    public var areWeights: Bool

    public init(assets: [String], amounts: [Double], areWeights: Bool = false) {
        precondition(assets.count == amounts.count, "one amount per asset")
        self.assets = assets
        self.amounts = amounts
        self.areWeights = areWeights
    }

    /// The (asset, amount) pairs in order.
    public var entries: [(asset: String, amount: Double)] {
        get { Array(zip(assets, amounts)) }
        set {
            assets = newValue.map(\.asset)
            amounts = newValue.map(\.amount)
        }
    }

    /// Parses `"BTC=2.5,ETH=40"` (spaces allowed around tokens); amounts are decimal
    /// numbers read by the price reader's parser (no hexadecimal, `nan` or `inf`).
    ///
    /// - Throws: `.invalidParameter(parameter)` for an empty list or entry, a missing `=`, an
    ///   empty asset name, an amount that is not a number or not finite, or an asset listed twice.
    /// - Complexity: O(length of `text`).
    public static func parse(_ text: String, parameter: Parameter) throws -> PositionSpec {
        func fail(_ message: String) -> TailRiskError { .invalidParameter(parameter, message: message) }
        func trimmed(_ s: Substring) -> String { CSVText.trimmed(String(s)) }
        guard !trimmed(Substring(text)).isEmpty else { throw fail("no positions given (expected ASSET=AMOUNT,…)") }
        var spec = PositionSpec(assets: [], amounts: [])
        var seen: Set<String> = []
        for token in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = trimmed(token)
            guard !entry.isEmpty else { throw fail("empty entry in \(ErrorQuoting.quoted(text)) (expected ASSET=AMOUNT,…)") }
            guard let eq = entry.firstIndex(of: "=") else { throw fail("\(ErrorQuoting.quoted(entry)) is not ASSET=AMOUNT") }
            let asset = trimmed(entry[..<eq])
            let amountText = trimmed(entry[entry.index(after: eq)...])
            guard !asset.isEmpty else { throw fail("\(ErrorQuoting.quoted(entry)) has no asset name") }
            guard seen.insert(asset).inserted else { throw fail("\(ErrorQuoting.bare(asset)) is listed twice") }
            let amount = try checkedAmount(amountText, asset: asset, fail: fail)
            spec.assets.append(asset)
            spec.amounts.append(amount)
        }
        return spec
    }

    /// Reads a CSV file `asset,quantity` (or `asset,weight`; header required, any case).
    ///
    /// - Throws: `TailRiskError.file` with the line (header = 1) and column of the first problem.
    /// - Complexity: O(file size): a repeated asset is found through a dictionary.
    public static func read(path: String) throws -> PositionSpec {
        try parse(InputFile.read(path: path, maximumBytes: maximumFileBytes), source: path)
    }

    /// Largest positions file read, in bytes (16 MiB: one row per asset, 100,000 assets at
    /// 160 bytes a row), as for a liquidity file (`LiquidityTable.maximumFileBytes`).
    public static let maximumFileBytes = LiquidityTable.maximumFileBytes

    /// Parses the bytes of a positions file; `source` names it in errors.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], source: String) throws -> PositionSpec {
        let csv = try CSVText(bytes, source: source)
        var fields: [Range<Int>] = []
        csv.fields(ofLine: 0, into: &fields)
        let header = try fields.enumerated().map { try csv.name($1, line: 1, column: $0 + 1).lowercased() }
        guard header == ["asset", "quantity"] || header == ["asset", "weight"] else {
            let found = csv.quoted(csv.lines[0])
            throw csv.error(line: 1, column: nil, "expected the header asset,quantity or asset,weight, found \(found)")
        }
        var spec = PositionSpec(assets: [], amounts: [], areWeights: header[1] == "weight")
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(csv.rowCount)
        for r in 1...csv.rowCount {
            let line = r + 1
            csv.fields(ofLine: r, into: &fields)
            guard fields.count == 2 else {
                throw csv.error(line: line, column: nil, "expected 2 fields (as in the header), found \(fields.count)")
            }
            let asset = try csv.name(fields[0], line: line, column: 1)
            guard !asset.isEmpty else { throw csv.error(line: line, column: 1, "empty asset name") }
            if let first = firstLine.updateValue(line, forKey: asset) {
                throw csv.error(line: line, column: 1, "\(ErrorQuoting.bare(asset)) is listed twice (first on line \(first))")
            }
            let amount = try checkedAmount(csv.text(fields[1]), asset: asset) { csv.error(line: line, column: 2, $0) }
            spec.assets.append(asset)
            spec.amounts.append(amount)
        }
        return spec
    }

    /// The finite amount in `text`, read by `DecimalParser`.
    private static func checkedAmount(_ text: String, asset: String,
                                      fail: (String) -> TailRiskError) throws -> Double {
        switch DecimalParser.finite(text, what: "amount", for: asset) {
        case let .success(amount): return amount
        case let .failure(refusal): throw fail(refusal.message)
        }
    }
}

extension Portfolio {
    /// Values `V_i = q_i · P_i` of the quantities `q_i` at the prices on the series' last
    /// date (`series.lastPrices`), in the spec's order.
    ///
    /// - Throws: `.invalidParameter(parameter)` for an asset the series does not have.
    /// - Complexity: O(positions + assets).
    public static func fromQuantities(_ spec: PositionSpec, series: ReturnSeries, parameter: Parameter) throws -> Portfolio {
        let columns = try indices(of: spec, in: series.assets, parameter: parameter)
        let values = zip(spec.amounts, columns).map { q, j in q * series.lastPrices[j] }
        for (asset, v) in zip(spec.assets, values) where !v.isFinite {
            throw TailRiskError.invalidParameter(parameter, message: "\(asset): the position's value \(v) is not a finite amount")
        }
        guard values.contains(where: { $0 != 0 }) else {
            throw TailRiskError.invalidParameter(parameter, message: "every position is worth 0: nothing to measure")
        }
        let portfolio = Portfolio(assets: spec.assets, values: values, quantities: spec.amounts)
        try portfolio.requireBoundedValues(parameter: parameter)
        return portfolio
    }

    /// Values `V_i = w_i · value` of weights `w_i` (negative for shorts and hedges) that
    /// sum to 1 within `1e-9`, in the spec's order.
    ///
    /// - Throws: `.invalidParameter(parameter)` for an asset not in `assets` or weights that do
    ///   not sum to 1; `.invalidParameter(.portfolioValue)` when `value` is not positive.
    /// - Complexity: O(positions + assets).
    public static func fromWeights(_ spec: PositionSpec, value: Double, assets: [String],
                                   parameter: Parameter) throws -> Portfolio {
        guard value > 0, value.isFinite else {
            throw TailRiskError.invalidParameter(.portfolioValue, message: "the portfolio value must be positive, got \(value)")
        }
        _ = try indices(of: spec, in: assets, parameter: parameter)
        let sum = spec.amounts.reduce(0, +)
        guard abs(sum - 1) <= 1e-9 else {
            throw TailRiskError.invalidParameter(parameter, message: "the weights sum to \(sum), not 1")
        }
        try Limits.checkAmount(value, parameter: .portfolioValue, what: "the portfolio value")
        let values = spec.amounts.map { $0 * value }
        guard values.allSatisfy(\.isFinite) else {
            throw TailRiskError.invalidParameter(.portfolioValue, message: "\(value) times the weights is not a finite amount")
        }
        let portfolio = Portfolio(assets: spec.assets, values: values)
        try portfolio.requireBoundedValues(parameter: parameter)
        return portfolio
    }

    /// The index in `assets` of each of the spec's assets.
    /// - Complexity: O(positions + assets), through a dictionary.
    private static func indices(of spec: PositionSpec, in assets: [String], parameter: Parameter) throws -> [Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(assets.count)
        for (j, name) in assets.enumerated() where index[name] == nil { index[name] = j }
        return try spec.assets.map { name in
            guard let j = index[name] else {
                throw TailRiskError.invalidParameter(parameter,
                    message: "unknown asset \(ErrorQuoting.quoted(name)) in the positions (prices have: \(ErrorQuoting.names(assets)))")
            }
            return j
        }
    }
}
