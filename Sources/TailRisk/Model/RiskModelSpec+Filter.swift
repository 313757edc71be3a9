/// Where a volatility filter applies: the one rule for var, simulate and backtest
/// (haircut's policy states it for its laws, `HaircutPolicy.validate`).
extension RiskModelSpec {
    /// A filter given (`filter` not `nil`) must be read by one of `methods` (fhs) or
    /// by the Monte Carlo law (fhs), and may not be `none` (fhs with no filter is
    /// historical simulation); with no filter given there is nothing to check.
    /// - Throws: `.invalidParameter(.filter)`.
    /// - Complexity: O(methods).
    public func checkFilter(methods: [RiskMethod]) throws {
        guard let filter else { return }
        let reads = RiskMethod.requirements(of: methods, spec: self).contains(.filter)
        guard reads else {
            throw TailRiskError.invalidParameter(
                .filter,
                message: "\(filter.name) applies to --method fhs and --dist fhs only (and the copulas t-copula, gaussian-copula); the methods asked for read no filter")
        }
        if filter == .none {
            throw TailRiskError.invalidParameter(
                .filter, message: "fhs with the filter none is historical simulation: use --method historical")
        }
    }
}
