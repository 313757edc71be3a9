extension HaircutPolicy {
    /// Liquidation thresholds keyed by the spelling of `assets` they name: a key equal to an
    /// asset, else equal to one ignoring case (`--lt eth=0.8` for the book's ETH; asset names
    /// match in any case everywhere else). A key naming none is kept as given, for the caller's
    /// "is not collateral" check.
    /// - Throws: `invalidParameter(.liquidationThreshold)` for two keys naming one asset.
    /// - Complexity: O(keys × assets).
    public static func thresholds(_ given: [String: Double], matching assets: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for key in given.keys.sorted() {
            let name = assets.contains(key) ? key : assets.first { $0.lowercased() == key.lowercased() } ?? key
            guard out[name] == nil else {
                throw TailRiskError.invalidParameter(.liquidationThreshold, message: "\(ErrorQuoting.bare(name)) is given twice (names match in any case)")
            }
            out[name] = given[key]
        }
        return out
    }
}
