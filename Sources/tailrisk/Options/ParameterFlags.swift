import Foundation
import TailRisk

/// The one place the CLI names the library's quantities: each `Parameter` a library error names
/// (`TailRiskError.invalidParameter`) is printed as the flag that sets it, so that
/// `confidence level: 1.5 is outside …` from the library reads `--confidence: 1.5 is outside …`
/// here. The switch is total (a new `Parameter` does not compile without its flag), and
/// `ParameterFlagsTests` checks that every flag is one a subcommand takes.
enum ParameterFlags {
    static func flag(for parameter: Parameter) -> String {
        switch parameter {
        case .assets: return "--assets"
        case .from: return "--from"
        case .to: return "--to"
        case .window: return "--window"
        case .positions: return "--positions"
        case .weights: return "--weights"
        case .positionsFile: return "--positions-file"
        case .portfolioValue: return "--value"
        case .confidence: return "--confidence"
        case .horizon: return "--horizon"
        case .distribution: return "--dist"
        case .degreesOfFreedom: return "--df"
        case .skew: return "--skew"
        case .marginalTails: return "--tails"
        case .filter: return "--filter"
        case .filterDecay: return "--filter-lambda"
        case .estimator: return "--estimator"
        case .covarianceDecay: return "--lambda"
        case .correlationOverride: return "--set-correlation"
        case .scenarios: return "--scenarios"
        case .maxScenarios: return "--max-scenarios"
        case .targetPrecision: return "--target-precision"
        case .threads: return "--threads"
        case .antithetic: return "--antithetic"
        case .varianceReduction: return "--variance-reduction"
        case .exportedTail: return "--tail"
        case .histogramBins: return "--bins"
        case .collateral: return "--collateral"
        case .debt: return "--debt"
        case .debtAsset: return "--debt-asset"
        case .liquidationThreshold: return "--lt"
        case .liquidationBonus: return "--liquidation-bonus"
        case .ltvBuffer: return "--ltv-buffer"
        case .diversificationCredit: return "--diversification-credit"
        case .floor: return "--floor"
        case .liquidity: return "--liquidity"
        case .stressWindow: return "--stress-window"
        case .stressWeight: return "--stress-weight"
        case .shock: return "--shock"
        case .depeg: return "--depeg"
        case .replay: return "--replay"
        case .catalogue: return "--catalogue"
        case .dust: return "--dust"
        case .maxRounds: return "--max-rounds"
        case .oracleDeviation: return "--oracle-deviation"
        case .oracleHeartbeat: return "--oracle-heartbeat"
        case .breaker: return "--breaker"
        case .thresholdGrid: return "--lt-grid"
        case .thresholdTolerance: return "--lt-tolerance"
        case .thresholdQuantile: return "--lt-quantile"
        }
    }
}

extension TailRiskError {
    /// The error as the CLI prints it: each parameter named by its flag.
    var cliDescription: String { description(naming: ParameterFlags.flag(for:)) }
}

/// Errors thrown inside ArgumentParser's `validate()` and transforms are printed by ArgumentParser,
/// which reads `LocalizedError.errorDescription`: there too a parameter is named by its flag.
extension TailRiskError: LocalizedError {
    public var errorDescription: String? { cliDescription }
}
