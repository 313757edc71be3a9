/// Aligned log returns of a set of assets: the input of every estimator.
///
/// Row `t` is the return from the price date before `dates[t]` to `dates[t]`
/// (`r = ln(P_t / P_{t−1})`), over `horizon` steps of the aligned table.
public struct ReturnSeries: Sendable {
    public let assets: [String]
    /// The end date of each return.
    public let dates: [Day]
    /// `dates.count × assets.count` log returns, column-major.
    public let returns: Matrix
    /// The first price date used (the start of the first return).
    public let startDate: Day
    /// The price of each asset on the last date used (the valuation date).
    public let lastPrices: [Double]
    /// Steps of the aligned table per return (1 for daily; `h` for overlapping h-step returns).
    public let horizon: Int
    /// How the dates were aligned and what each asset lost to it.
    public let alignment: AlignmentReport

    public init(assets: [String], dates: [Day], returns: Matrix, startDate: Day, lastPrices: [Double],
                horizon: Int = 1, alignment: AlignmentReport) {
        precondition(returns.rows == dates.count && returns.cols == assets.count, "return matrix shape")
        precondition(lastPrices.count == assets.count, "one last price per asset")
        self.assets = assets
        self.dates = dates
        self.returns = returns
        self.startDate = startDate
        self.lastPrices = lastPrices
        self.horizon = horizon
        self.alignment = alignment
    }

    /// Number of return observations.
    public var count: Int { returns.rows }
    /// The last date used (the valuation date).
    public var endDate: Day { dates.last ?? startDate }
}

/// What alignment did to the calendar, recorded in every output.
public struct AlignmentReport: Sendable, Equatable {
    public enum Policy: String, Sendable { case intersect, pairwise }
    public let policy: Policy
    /// Price dates in the chosen range before alignment.
    public let datesInRange: Int
    /// Price dates kept (every chosen asset has a price).
    public let datesKept: Int
    /// For each asset, how many of its priced dates in range were dropped because
    /// another asset had no price there.
    public let datesLost: [String: Int]
    /// For each asset, its first priced date in the range (empty when not recorded).
    public let firstPriceDates: [String: Day]
    /// For each asset, its last priced date in the range (empty when not recorded).
    public let lastPriceDates: [String: Day]

    public init(policy: Policy, datesInRange: Int, datesKept: Int, datesLost: [String: Int],
                firstPriceDates: [String: Day] = [:], lastPriceDates: [String: Day] = [:]) {
        self.lastPriceDates = lastPriceDates
        self.policy = policy
        self.datesInRange = datesInRange
        self.datesKept = datesKept
        self.datesLost = datesLost
        self.firstPriceDates = firstPriceDates
    }

    /// The asset(s) whose first price starts the common sample: the latest first price date,
    /// when it is later than another asset's (empty when every asset starts together).
    public var limitingAssets: [String] {
        guard let latest = firstPriceDates.values.max(), let earliest = firstPriceDates.values.min(), latest > earliest
        else { return [] }
        return firstPriceDates.filter { $0.value == latest }.keys.sorted()
    }

    /// The asset(s) whose last price ends the common sample: the earliest last price date,
    /// when it is earlier than another asset's (empty when every asset ends together).
    public var endingAssets: [String] {
        guard let earliest = lastPriceDates.values.min(), let latest = lastPriceDates.values.max(), earliest < latest
        else { return [] }
        return lastPriceDates.filter { $0.value == earliest }.keys.sorted()
    }
}
