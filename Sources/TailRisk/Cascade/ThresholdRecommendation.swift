/// Liquidation thresholds calibrated from cascades (methods.md §9, "Threshold
/// calibration"; Gauntlet's LLTV scans).
///
/// For each asset `a` and each `x` of a grid (the other thresholds as given),
/// the book is re-levered so that every account borrows the same share of its
/// borrowing power as it does today: `d_k' = d_k · B_k(x) / B_k`, with
/// `B_k = Σ_b c_{k,b} P_b LTV_b` at today's prices and `LTV = max(0, LT − buffer)`
/// (an account without borrowing power keeps its debt). With debts held fixed
/// a higher threshold could only lower bad debt, and every scan would pick the
/// top of its grid. Each grid point runs the same Monte Carlo shocks (common
/// random numbers). The scan of asset `a` reads the bad debt attributed to
/// `a` (each account's bad debt split over its collateral by value share
/// before the shock) against the debt so attributed, `D_a = Σ_k d_k' w_{k,a}`:
/// the recommended threshold is the largest `x` whose VaR at `level` of the
/// attributed bad debt is at most `tolerance × D_a` (so an asset is not blamed
/// for the bad debt of the others). Points above `1/(1 + β)` are skipped.
/// - Complexity: one `CascadeMonteCarlo` run per grid point and asset.
public enum ThresholdRecommendation {
    public struct Settings: Sendable {
        public var grid: [Double]
        public var level: ConfidenceLevel
        /// Largest bad-debt VaR accepted, as a fraction of the (re-levered) total debt.
        public var tolerance: Double
        /// `LT − LTV`.
        public var ltvBuffer: Double

        public init(grid: [Double], level: ConfidenceLevel = ConfidenceLevel(0.99), tolerance: Double = 0.001,
                    ltvBuffer: Double = 0.05) {
            self.grid = grid
            self.level = level
            self.tolerance = tolerance
            self.ltvBuffer = ltvBuffer
        }

        /// `lo, lo + step, …, hi` (inclusive up to rounding), at most 1,000 points.
        public static func grid(from lo: Double, to hi: Double, step: Double) throws -> [Double] {
            guard lo >= 0, hi <= 1, lo <= hi, step > 0, ((hi - lo) / step) < 1000 else {
                throw TailRiskError.invalidParameter(.thresholdGrid,
                    message: "expected LO:HI:STEP with 0 ≤ LO ≤ HI ≤ 1, STEP > 0 and at most 1,000 points, e.g. 0.5:0.9:0.01")
            }
            let count = Int(((hi - lo) / step + 1e-9).rounded(.down))
            return (0...count).map { (lo + Double($0) * step) * 1e12 }.map { $0.rounded() / 1e12 }
        }
    }

    /// One grid point.
    public struct Point: Sendable {
        public let threshold: Double
        /// The re-levered book's debt, and the part attributed to the asset scanned.
        public let totalDebt: Double
        public let assetDebt: Double
        /// VaR of the bad debt attributed to the asset scanned.
        public let badDebtVaR: Double
        /// VaR of the book's whole bad debt.
        public let bookBadDebtVaR: Double
        /// Mean bad debt attributed to the asset.
        public let meanBadDebt: Double
        public var acceptable: Bool
    }

    public struct AssetResult: Sendable {
        public let asset: String
        /// The threshold as given.
        public let current: Double
        public let points: [Point]
        /// The largest acceptable grid threshold; `nil` when none is.
        public let recommended: Double?
    }

    /// The re-levered debts at thresholds `lts` (see the type's comment).
    public static func rescaledDebts(book: AccountBook, prices: [Double], from base: [Double], to lts: [Double],
                                     buffer: Double) -> [Double] {
        let A = book.assets.count
        return book.debts.indices.map { k in
            var b0 = 0.0, b1 = 0.0
            for a in 0..<A {
                let v = book.quantity(account: k, asset: a) * prices[a]
                b0 += v * max(0, base[a] - buffer)
                b1 += v * max(0, lts[a] - buffer)
            }
            return b0 > 0 ? book.debts[k] * b1 / b0 : book.debts[k]
        }
    }

    /// Scans every asset of `cascade.book`.
    public static func run(cascade: LiquidationCascade, prices: [Double], model: ScenarioModel,
                           monteCarlo: CascadeMonteCarlo.Settings, settings: Settings) throws -> [AssetResult] {
        guard settings.tolerance >= 0 && settings.tolerance.isFinite else {
            throw TailRiskError.invalidParameter(.thresholdTolerance, message: "must be a non-negative fraction, got \(settings.tolerance)")
        }
        var mc = monteCarlo
        mc.levels = [settings.level]
        mc.assetTails = true
        let book = cascade.book
        let base = cascade.rules.thresholds
        return try book.assets.indices.map { a in
            var points: [Point] = []
            for x in settings.grid where x <= cascade.rules.largestThreshold + 1e-12 {
                var lts = base
                lts[a] = x
                var rules = cascade.rules
                rules.thresholds = lts
                let debts = rescaledDebts(book: book, prices: prices, from: base, to: lts, buffer: settings.ltvBuffer)
                let c = LiquidationCascade(book: book, rules: rules, depth: cascade.depth, debts: debts)
                let r = try CascadeMonteCarlo.run(cascade: c, prices: prices, model: model, settings: mc)
                let total = debts.reduce(0, +)
                var assetDebt = 0.0
                for k in debts.indices {
                    var value = 0.0, own = 0.0
                    for b in book.assets.indices {
                        let v = book.quantity(account: k, asset: b) * prices[b]
                        value += v
                        if b == a { own = v }
                    }
                    if value > 0 { assetDebt += debts[k] * own / value }
                }
                let v = r.assetBadDebtRisk![a][0].valueAtRisk
                points.append(Point(threshold: x, totalDebt: total, assetDebt: assetDebt, badDebtVaR: v,
                                    bookBadDebtVaR: r.badDebt[0].valueAtRisk, meanBadDebt: r.assetBadDebt[a],
                                    acceptable: v <= settings.tolerance * assetDebt))
            }
            return AssetResult(asset: book.assets[a], current: base[a], points: points,
                               recommended: points.last(where: \.acceptable)?.threshold)
        }
    }
}
