/// What each method and scenario law does with the mean return (issue 21: `--dist fhs`
/// was reported with a "sample mean" it does not have, and `--zero-mean` did nothing,
/// silently, for fhs, bootstrap and the copulas).
///
/// Only the normal and Student-t models have a mean parameter `μ` (methods.md §4:
/// the sample mean of the window, `h μ` over `h` steps, or zero under `--zero-mean`).
/// Every other method and law resamples or rescales data and adds no mean:
/// - historical and bootstrap: the window's own returns, so their average drift is in
///   the scenarios;
/// - fhs (method and law): `σ_{T+1} z` with `z` the residuals of zero-mean filters
///   (methods.md §8: returns are not demeaned), so the scenarios carry the residuals'
///   own average, rescaled;
/// - the copulas: empirical marginals of the returns (or of the filter's residuals),
///   whose average is again the data's;
/// - Cornish–Fisher: the sample moments of the P&L, its mean included.
/// Demeaning these would change the data they resample; the outputs say so instead,
/// and the CLI warns when `--zero-mean` changes nothing.
public enum MeanTreatment: String, Sendable {
    /// `μ` = the window's sample mean.
    case sample
    /// `μ = 0` (`--zero-mean`).
    case zero
    /// No mean parameter: the data's own drift.
    case none

    /// The treatment of `method` (its Monte Carlo law from `spec`).
    public static func of(_ method: RiskMethod, spec: RiskModelSpec) -> MeanTreatment {
        readsMean(method, law: spec.law) ? (spec.zeroMean ? .zero : .sample) : .none
    }

    /// The treatment of a Monte Carlo run under `spec`'s law (haircut, stress).
    public static func of(law spec: RiskModelSpec) -> MeanTreatment { of(.monteCarlo, spec: spec) }

    /// Whether `--zero-mean` changes `method` (under the Monte Carlo law `law`).
    public static func readsMean(_ method: RiskMethod, law: InnovationLaw) -> Bool {
        method.requirements(RiskModelSpec(law: law)).contains(.mean)
    }

    /// One sentence for outputs: what `method` does with the mean.
    public static func describe(_ method: RiskMethod, spec: RiskModelSpec) -> String {
        switch (method, of(method, spec: spec)) {
        case (_, .sample): return "sample mean of the window (h·μ over h steps)"
        case (_, .zero): return "zero (--zero-mean)"
        case (.historical, _): return "none added: the window's own returns, their drift included"
        case (.cornishFisher, _): return "the sample moments of the P&L, its mean included"
        case (.fhs, _): return describeLaw(.fhs)
        default: return describeLaw(spec.law)
        }
    }

    static func describeLaw(_ law: InnovationLaw) -> String {
        switch law {
        case .bootstrap:
            return "none added: resampled days of the window carry its own drift (--zero-mean does not apply)"
        case .fhs:
            return "none added: σ_{T+1} × residuals of zero-mean filters (returns not demeaned) carry the residuals' "
                + "own average (--zero-mean does not apply)"
        case .tCopula, .gaussianCopula:
            return "none added: empirical marginals of the returns or residuals carry the window's own drift "
                + "(--zero-mean does not apply)"
        case .normal, .studentT, .skewT:
            return "sample mean of the window (h·μ over h steps)"
        }
    }
}

extension InnovationLaw {
    /// Whether the law has a mean parameter (normal, t), so `--zero-mean` changes it.
    public var readsMean: Bool {
        entry.readsMean
    }
}

extension RiskModelSpec {
    /// The filter the scenario law reads: fhs's (ewma(0.94) unless given), a copula's
    /// when one was given (its marginals are then of the residuals); `nil` otherwise.
    public var lawFilter: VolatilityFilterSpec? {
        if law.usesFilter { return effectiveFilter }
        return law.isCopula ? filter : nil
    }
}
