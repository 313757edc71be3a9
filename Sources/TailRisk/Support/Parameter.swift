/// A quantity the library's functions take, named by `TailRiskError.invalidParameter` when its
/// value cannot be used (issue 22: the library names the quantity, never a command-line flag).
///
/// `rawValue` is the quantity's key, the one policy and run files use where they have it
/// (`stress-window`, `liquidation-bonus`); `name` is the quantity in words, as the library's error
/// messages print it (`stress window: starts after it ends`). A front end names its own spelling
/// of each case: the `tailrisk` CLI maps every case to its flag (`CLIFlags`, tested to be total),
/// so that its messages read `--stress-window: starts after it ends`.
public enum Parameter: String, CaseIterable, Sendable, CustomStringConvertible {
    // Data and basket
    case assets
    case from
    case to
    case window
    case positions
    case weights
    case positionsFile = "positions-file"
    case portfolioValue = "value"
    // Risk measure and model
    case confidence
    case horizon
    case distribution = "dist"
    case degreesOfFreedom = "df"
    case skew
    case marginalTails = "tails"
    case filter
    case filterDecay = "filter-lambda"
    case estimator
    case covarianceDecay = "lambda"
    case correlationOverride = "set-correlation"
    // Monte Carlo engine
    case scenarios
    case maxScenarios = "max-scenarios"
    case targetPrecision = "target-precision"
    case threads
    case antithetic
    case varianceReduction = "variance-reduction"
    case exportedTail = "tail"
    case histogramBins = "bins"
    // Collateral and haircuts
    case collateral
    case debt
    case debtAsset = "debt-asset"
    case liquidationThreshold = "lt"
    case liquidationBonus = "liquidation-bonus"
    case ltvBuffer = "ltv-buffer"
    case diversificationCredit = "diversification-credit"
    case floor
    case liquidity
    case stressWindow = "stress-window"
    case stressWeight = "stress-weight"
    // Stress tests
    case shock
    case depeg
    case replay
    case catalogue
    // Liquidation cascades
    case dust
    case maxRounds = "max-rounds"
    case oracleDeviation = "oracle-deviation"
    case oracleHeartbeat = "oracle-heartbeat"
    case breaker
    case thresholdGrid = "lt-grid"
    case thresholdTolerance = "lt-tolerance"
    case thresholdQuantile = "lt-quantile"

    /// The quantity in words, as library messages name it.
    public var name: String {
        switch self {
        case .assets: return "assets"
        case .from: return "start date"
        case .to: return "end date"
        case .window: return "window"
        case .positions: return "positions"
        case .weights: return "weights"
        case .positionsFile: return "positions file"
        case .portfolioValue: return "portfolio value"
        case .confidence: return "confidence level"
        case .horizon: return "horizon"
        case .distribution: return "distribution"
        case .degreesOfFreedom: return "degrees of freedom"
        case .skew: return "skew"
        case .marginalTails: return "marginal tails"
        case .filter: return "volatility filter"
        case .filterDecay: return "filter decay λ"
        case .estimator: return "covariance estimator"
        case .covarianceDecay: return "EWMA decay λ"
        case .correlationOverride: return "correlation override"
        case .scenarios: return "scenario count"
        case .maxScenarios: return "scenario cap"
        case .targetPrecision: return "target precision"
        case .threads: return "thread count"
        case .antithetic: return "antithetic pairs"
        case .varianceReduction: return "variance reduction"
        case .exportedTail: return "exported tail scenarios"
        case .histogramBins: return "histogram bins"
        case .collateral: return "collateral"
        case .debt: return "debt"
        case .debtAsset: return "debt asset"
        case .liquidationThreshold: return "liquidation threshold"
        case .liquidationBonus: return "liquidation bonus"
        case .ltvBuffer: return "LTV buffer"
        case .diversificationCredit: return "diversification credit"
        case .floor: return "haircut floor"
        case .liquidity: return "liquidity"
        case .stressWindow: return "stress window"
        case .stressWeight: return "stress weight"
        case .shock: return "shock"
        case .depeg: return "depeg"
        case .replay: return "replay window"
        case .catalogue: return "stress catalogue"
        case .dust: return "dust"
        case .maxRounds: return "cascade rounds"
        case .oracleDeviation: return "oracle deviation"
        case .oracleHeartbeat: return "oracle heartbeat"
        case .breaker: return "circuit breaker"
        case .thresholdGrid: return "threshold grid"
        case .thresholdTolerance: return "threshold tolerance"
        case .thresholdQuantile: return "threshold quantile"
        }
    }

    public var description: String { name }
}
