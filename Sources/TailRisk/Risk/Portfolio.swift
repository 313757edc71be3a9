/// A basket of positions valued in the price currency on the valuation date.
///
/// `values[i]` is `V_i`, the currency value of the position in `assets[i]`
/// (negative for a short or hedge leg). The P&L of a log-return scenario `r`
/// is `Σ V_i (exp(r_i) − 1)` (exact) or `Σ V_i r_i` (linear, the delta approximation).
public struct Portfolio: Sendable, Equatable {
    public let assets: [String]
    public let values: [Double]
    /// Units held, when the portfolio was given in quantities.
    public let quantities: [Double]?

    public init(assets: [String], values: [Double], quantities: [Double]? = nil) {
        precondition(assets.count == values.count, "one value per asset")
        self.assets = assets
        self.values = values
        self.quantities = quantities
    }

    /// `Σ V_i`, the basket's (net) value.
    public var totalValue: Double { values.reduce(0, +) }

    /// `Σ |V_i|`, the gross exposure.
    public var grossValue: Double { values.reduce(0) { $0 + abs($1) } }

    /// Refuses values the methods cannot carry to a finite result (`Limits`): a
    /// `|V_i|` or a gross exposure `Σ|V_i|` above `Limits.largestAmount` (10¹⁸), a nonzero
    /// `|V_i|` below `Limits.smallestAmount` (10⁻⁹, which also excludes subnormals), or a
    /// value that is not finite. Every way of building a portfolio calls it
    /// (`fromQuantities`, `fromWeights`) and so do the analyses that take one.
    /// - Throws: `.invalidParameter(parameter)` naming the asset and the bound.
    /// - Complexity: O(d).
    public func requireBoundedValues(parameter: Parameter) throws {
        for (asset, v) in zip(assets, values) {
            try Limits.checkAmount(v, parameter: parameter, what: "\(asset): the position's value", allowZero: true)
        }
        try Limits.checkAmount(grossValue, parameter: parameter, what: "the gross exposure Σ|V_i|", allowZero: true)
    }

    /// The same positions listed in `order` (a return series' assets), so a caller of the
    /// library may give them in any order: the values (and quantities) follow their names.
    /// - Throws: `.invalidParameter(parameter)` when the names are not exactly `order`'s, once each,
    ///   naming the first asset missing on either side (misuse throws; it never stops the process).
    /// - Complexity: O(d).
    public func aligned(to order: [String], parameter: Parameter = .positions) throws -> Portfolio {
        if assets == order { return self }
        var position: [String: Int] = [:]
        for (i, a) in assets.enumerated() where position.updateValue(i, forKey: a) != nil {
            throw TailRiskError.invalidParameter(parameter, message: "asset \(a) is listed twice in the portfolio")
        }
        if let missing = order.first(where: { position[$0] == nil }) {
            throw TailRiskError.invalidParameter(parameter, message: "the series has \(missing) but the portfolio does not "
                                              + "(portfolio: \(assets.joined(separator: ", ")))")
        }
        if let extra = assets.first(where: { !order.contains($0) }) {
            throw TailRiskError.invalidParameter(parameter, message: "the portfolio has \(extra) but the series does not "
                                              + "(series: \(order.joined(separator: ", ")))")
        }
        let index = order.map { position[$0]! }
        return Portfolio(assets: order, values: index.map { values[$0] }, quantities: quantities.map { q in index.map { q[$0] } })
    }

    /// What VaR and ES are expressed as fractions of: the net value when it is
    /// positive, otherwise (a short or fully hedged book) the gross exposure.
    public var fractionBase: (value: Double, name: String) {
        totalValue > 0 ? (totalValue, "net value") : (grossValue, "gross exposure (the net value is not positive)")
    }
}

/// How a scenario of log returns becomes a P&L.
public enum PnLModel: String, Sendable, CaseIterable {
    /// `Σ V_i (exp(r_i) − 1)`: the revaluation of a spot basket.
    case exact
    /// `Σ V_i r_i`: the delta approximation the analytic formulas assume.
    case linear

    /// The P&L of one scenario.
    @inline(__always)
    public func pnl(values: [Double], returns r: [Double]) -> Double {
        var s = 0.0
        switch self {
        case .exact: for i in values.indices { s += values[i] * expm1(r[i]) }
        case .linear: for i in values.indices { s += values[i] * r[i] }
        }
        return s
    }
}

import Foundation
