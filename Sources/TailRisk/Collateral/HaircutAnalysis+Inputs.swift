/// Resolving a haircut run's inputs: the numéraire (the debt asset or the
/// price currency), the collateral's returns measured in it, and the stressed
/// covariance (methods.md §5).
extension HaircutAnalysis {
    /// What risk is measured in.
    public enum Numeraire: Sendable, Equatable {
        /// A column of the price file: returns are `r_i − r_D` and values are in units of it.
        case asset(String)
        /// The price currency (the debt asset is not a column): returns are plain.
        case currency(String)

        public var name: String {
            switch self {
            case let .asset(a): return a
            case let .currency(c): return c
            }
        }
    }

    /// The numéraire of `policy` for the assets of `table`: its debt asset when
    /// that is a column, the currency when the debt asset is the currency or absent.
    ///
    /// Throws `invalidParameter(.debtAsset)` for a debt asset that is
    /// neither a column nor the currency, or that is also collateral.
    /// - Complexity: O(assets).
    public static func numeraire(policy: HaircutPolicy, assets: [String]) throws -> Numeraire {
        guard let debt = policy.debtAsset, debt != policy.currency else { return .currency(policy.currency) }
        guard assets.contains(debt) else {
            throw TailRiskError.invalidParameter(
                .debtAsset,
                message: "unknown debt asset '\(debt)': neither a column of the prices (\(assets.joined(separator: ", "))) "
                    + "nor the price currency '\(policy.currency)' (set it with --currency)")
        }
        if policy.collateral.contains(where: { $0.asset == debt }) {
            throw TailRiskError.invalidParameter(.debtAsset,
                                              message: "'\(debt)' is both the debt asset and collateral")
        }
        return .asset(debt)
    }

    /// Daily log returns of `collateral` measured in `numeraire` over the dates
    /// they share with it: `r_i − r_D` for a debt asset (with last prices in
    /// units of it), the plain returns otherwise.
    ///
    /// Throws `invalidParameter(.collateral)` for an asset that is not a
    /// column, and the errors of `PriceTable.returnSeries` (too little data, bad window).
    /// - Complexity: O(dates × assets).
    public static func relativeSeries(table: PriceTable, collateral: [String], numeraire: Numeraire,
                                      from: Day?, to: Day?, window: Int?) throws -> ReturnSeries {
        for asset in collateral where table.index(of: asset) == nil {
            throw TailRiskError.invalidParameter(
                .collateral,
                message: "unknown asset '\(asset)' (\(table.source) has: \(table.assets.joined(separator: ", ")))")
        }
        switch numeraire {
        case .currency:
            return try table.returnSeries(assets: collateral, from: from, to: to, window: window)
        case let .asset(debt):
            let series = try table.returnSeries(assets: collateral + [debt], from: from, to: to, window: window)
            return try DebtNumeraire.relative(series, debtAsset: debt)
        }
    }

    /// The covariance of the collateral's relative returns over the stress
    /// window, with the same estimator as the current one.
    ///
    /// Throws `.insufficientData` naming `--stress-window` when the window holds
    /// too few common returns.
    /// - Complexity: O(dates × assets + T d²).
    static func stressedCovariance(table: PriceTable, collateral: [String], numeraire: Numeraire,
                                   window: HaircutPolicy.StressWindow,
                                   estimator: any CovarianceFitting) throws -> CovarianceEstimate {
        let series: ReturnSeries
        do {
            series = try relativeSeries(table: table, collateral: collateral, numeraire: numeraire,
                                        from: window.from, to: window.to, window: nil)
        } catch let TailRiskError.insufficientData(message) {
            throw TailRiskError.insufficientData(message: "--stress-window \(window): \(message)")
        }
        return try estimator.fit(series)
    }
}
