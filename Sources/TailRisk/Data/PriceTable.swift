/// Daily prices of several assets on a common list of dates, as read from a file.
///
/// `prices[t, j]` is asset `j`'s price on `dates[t]`, or `.nan` where the file
/// has no price (a gap: never a zero). Dates are strictly increasing.
public struct PriceTable: Sendable {
    /// The layout a price file was written in.
    public enum Layout: String, Sendable { case wide, long }

    /// The file the table was read from (as given by the user).
    public let source: String
    public let layout: Layout
    public let assets: [String]
    public let dates: [Day]
    /// `dates.count × assets.count`, column-major, `.nan` for gaps.
    public let prices: Matrix

    public init(source: String, layout: Layout, assets: [String], dates: [Day], prices: Matrix) {
        precondition(prices.rows == dates.count && prices.cols == assets.count, "price matrix shape")
        self.source = source
        self.layout = layout
        self.assets = assets
        self.dates = dates
        self.prices = prices
    }

    /// Column index of `asset`, if present.
    public func index(of asset: String) -> Int? { assets.firstIndex(of: asset) }
}
