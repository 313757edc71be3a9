import Foundation

/// Upper bounds on sizes a user can ask for, so that a mistyped number gets a
/// clear refusal instead of an integer overflow or an out-of-memory kill, and
/// bounds on the numbers TailRisk takes, so that every figure it prints is
/// finite. Every error these checks throw says the bound.
///
/// Each size is far above what a risk run needs: 10⁹ scenarios keep about 0.4 GB of
/// exact tail at 97.5% and take minutes on two cores.
///
/// **Amounts** (position values `V_i`, their gross sum `Σ|V_i|`, a portfolio
/// `--value`, a debt, an ADV) lie in `[smallestAmount, largestAmount]` =
/// `[1e-9, 1e18]` in their unit (the price currency, the debt asset, units of the asset).
/// 10¹⁸ is about 2,000 times the world's financial wealth in dollars and still
/// 7 × 10¹⁴ dollars in Korean won, so no real book is refused (prices in wei,
/// 10¹⁸ per ether, are: quote them in gwei). Within it every product the
/// methods form stays finite with a wide margin: `VᵀΣV · h ≤ 10³⁶ · 191 · 10⁴`, a day's
/// P&L `|V|(e^r − 1) ≤ 10²⁴` and its fourth power `10⁹⁶`. Below 10⁻⁹ an amount
/// is dust, and subnormal ones (below 2.2 × 10⁻³⁰⁸) lose their digits:
/// `V²σ²` underflows to 0 and a debt of 10⁻³²⁰ gives a health factor of ∞.
///
/// **Returns.** A log return the tool revalues lies within `±largestLogReturn`
/// = `±ln 10⁶ ≈ ±13.8` per step: a price multiplying or dividing by a million in
/// one row of the table is a unit or decimal error in the file, not a market
/// move (the largest in the shared price files is 1.43, ETC on 2016-07-26, a
/// factor of 4.2; in 33 years of S&P 500 stocks 1.10). It keeps `e^r ≤ 10⁶` and
/// the moments of the P&L far from overflow (a jump of 10⁷⁷ made the fourth moment infinite).
///
/// **Confidence** lies in `confidence = [0.5, 1 − 10⁻⁹]`: below 0.5 the "VaR"
/// is a gain quantile (usually `0.01` typed for `0.99`); at 10⁻⁹ the tail of
/// the largest run, 10⁹ scenarios, is one scenario, and `α` rounded to 12
/// decimals (`ConfidenceLevel`) stays positive (`1 − 10⁻¹³` rounds to `α = 0`,
/// `10⁻¹⁷` to `α = 1`).
///
/// **Work.** Covariance estimation and its repair take at most
/// `covarianceAssets = 2000` assets; Higham's iteration is capped by
/// `highamIterations(dimension:)`; a Monte Carlo run draws at most
/// `simulationDraws = 10¹²` random numbers. Measured on the 2-core build
/// machine with one BLAS thread (a C program calling OpenBLAS `dsyevd` on a
/// 300-return sample covariance, idle machine): 0.036 s at 500 assets, 0.23 s
/// at 1000, 1.8 s at 2000 (about `2.3e-10 d³` s). A repair that eigenvalue
/// clipping settles (rank-deficient returns: 2000 assets × 300 returns) costs
/// about seven such decompositions, 13 s at 1000 and 42 s at 2000 under a load
/// of 10 on 2 cores, where one `dsyevd` took 1.9 s and 6.5 s, so about 12 s at 2000
/// on an idle core; the Higham cap `highamWork = 9e10` (`iterations · d³`) adds
/// at most another ~20 s. So a repair stays near 30 s, where 10,000 assets took
/// more than 400 s and 5.6 GB. 10⁸ scenarios of 50 assets (5 × 10⁹ draws) run in
/// 36 s, so 10¹² draws is about two hours.
public enum Limits {
    public static let scenarios = 1_000_000_000
    public static let threads = 1024
    /// Steps of the aligned table (about 40 years of trading days).
    public static let horizon = 10_000
    public static let histogramBins = 1_000_000
    public static let exportedTailScenarios = 1_000_000

    /// Largest `|amount|` (a position value, `Σ|V_i|`, a portfolio value, a debt, an ADV), in its unit.
    public static let largestAmount = 1e18
    /// Smallest nonzero `|amount|`.
    public static let smallestAmount = 1e-9
    /// Largest `|r|` of a one-step log return, `ln 10⁶`.
    public static let largestLogReturn = log(1e6)
    /// The confidence levels the methods take.
    public static let confidence: ClosedRange<Double> = 0.5...(1 - 1e-9)
    /// Most assets a covariance is estimated and repaired for.
    public static let covarianceAssets = 2000
    /// Most iterations of Higham's nearest-correlation algorithm (at any size).
    public static let highamIterations = 100
    /// Budget `iterations · d³` of Higham's algorithm (one `dsyevd` of `d × d` per iteration).
    public static let highamWork = 9e10
    /// Most random numbers one Monte Carlo run (or a whole Monte Carlo backtest) draws.
    public static let simulationDraws = 1_000_000_000_000

    /// `x` as the messages write it: `1e18`, `1e-9`, `0.999999999`.
    /// With at most `significant` digits, rounded (`13.8`, `1e77`; `1e-320` as typed, not
    /// `9.99989e-321`); without, every digit needed to read it back.
    public static func text(_ x: Double, significant: Int? = nil) -> String {
        let plain: String
        if let significant, x.isFinite {
            let shortest = "\(x)"
            let mantissa = shortest.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
            plain = mantissa.count <= significant ? shortest : String(format: "%.\(significant)g", x)
        } else {
            plain = x.isFinite && abs(x) >= 1e6 ? String(format: "%.15g", x) : "\(x)"
        }
        return plain.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
            .replacingOccurrences(of: "e-0", with: "e-")
    }

    /// Throws `.invalidParameter(parameter)` unless `1 ≤ value ≤ limit`.
    public static func check(_ value: Int, atMost limit: Int, parameter: Parameter, atLeast lower: Int = 1) throws {
        guard value >= lower else {
            throw TailRiskError.invalidParameter(parameter, message: "must be at least \(lower), got \(value)")
        }
        guard value <= limit else {
            throw TailRiskError.invalidParameter(parameter, message: "must be at most \(limit), got \(value)")
        }
    }

    /// Throws `.invalidParameter(parameter)` unless `amount` is finite and `smallestAmount ≤ |amount| ≤ largestAmount`
    /// (or zero, when `allowZero`). `what` names the amount in the message (e.g. "the debt").
    /// NaN fails.
    public static func checkAmount(_ amount: Double, parameter: Parameter, what: String, allowZero: Bool = false) throws {
        if allowZero && amount == 0 { return }
        guard amount.isFinite, abs(amount) <= largestAmount else {
            throw TailRiskError.invalidParameter(
                parameter, message: "\(what) is \(text(amount, significant: 6)), beyond the largest amount TailRisk takes, "
                    + "\(text(largestAmount)) in magnitude (choose a larger unit)")
        }
        guard abs(amount) >= smallestAmount else {
            throw TailRiskError.invalidParameter(
                parameter, message: "\(what) is \(text(amount, significant: 6)), below the smallest nonzero amount TailRisk takes, "
                    + "\(text(smallestAmount)) in magnitude (choose a smaller unit)")
        }
    }

    /// Throws `.invalidParameter(parameter)` unless `confidence` lies in `Limits.confidence`.
    public static func checkConfidence(_ confidence: Double, parameter: Parameter = .confidence) throws {
        guard Limits.confidence.contains(confidence) else {
            throw TailRiskError.invalidParameter(
                parameter, message: "\(text(confidence)) is outside [\(text(Limits.confidence.lowerBound)), "
                    + "\(text(Limits.confidence.upperBound))], the confidence levels TailRisk takes (e.g. 0.99 or 99%)")
        }
    }

    /// Throws `.invalidParameter(parameter)` when `assets` exceeds `covarianceAssets`.
    public static func checkCovarianceSize(_ assets: Int, parameter: Parameter) throws {
        guard assets <= covarianceAssets else {
            throw TailRiskError.invalidParameter(
                parameter, message: "\(assets) assets exceed the largest basket a covariance is estimated and "
                    + "repaired for, \(covarianceAssets) (the repair is O(d³): about 30 s at \(covarianceAssets)); "
                    + "choose fewer assets")
        }
    }

    /// Higham's iteration cap for a `d × d` matrix: `min(highamIterations, highamWork / d³)`, at least 1
    /// (100 up to 965 assets, 90 at 1000, 11 at 2000).
    public static func highamIterations(dimension d: Int) -> Int {
        let byWork = highamWork / pow(Double(max(d, 1)), 3)
        return byWork >= Double(highamIterations) ? highamIterations : max(1, Int(byWork))
    }

    /// Throws `.invalidParameter(parameter)` when the product of `factors` (named in `names`, e.g.
    /// `["scenarios", "steps", "assets"]`) exceeds `simulationDraws`; the product is computed without overflow.
    public static func checkSimulationWork(_ factors: [Int], names: [String], parameter: Parameter) throws {
        precondition(factors.count == names.count, "one name per factor")
        var product = 1
        var overflow = false
        for f in factors {
            let (p, o) = product.multipliedReportingOverflow(by: max(f, 0))
            product = p
            overflow = overflow || o
        }
        guard overflow || product > simulationDraws else { return }
        let terms = zip(factors, names).map { "\($0) \($1)" }.joined(separator: " × ")
        let total = overflow ? "more than \(Int.max)" : "\(product)"
        throw TailRiskError.invalidParameter(
            parameter, message: "\(terms) = \(total) random draws exceed the largest Monte Carlo run TailRisk takes, "
                + "\(text(Double(simulationDraws), significant: 3)) draws (about two hours on two cores); lower one of them")
    }
}
