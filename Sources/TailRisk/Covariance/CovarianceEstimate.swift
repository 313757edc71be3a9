/// The covariance estimators the toolkit offers, named as the CLI spells them
/// (`--estimator ledoit-wolf`).
public enum CovarianceEstimator: String, CaseIterable, Sendable {
    /// Unbiased sample covariance, divisor `T − 1`.
    case sample
    /// RiskMetrics exponentially weighted moving average, zero mean.
    case ewma
    /// Ledoit & Wolf (2004) shrinkage towards `μI`, as scikit-learn's `LedoitWolf`.
    case ledoitWolf = "ledoit-wolf"
    /// Chen et al. (2010) oracle approximating shrinkage, as scikit-learn's `OAS`.
    case oas
    /// Ledoit & Wolf (2003) shrinkage towards the constant-correlation matrix.
    case constantCorrelation = "ledoit-wolf-cc"
    /// Pairwise-complete sample covariance of returns with gaps (NaN); may be indefinite.
    case pairwise

    /// The estimator this case names, with `lambda` used by `.ewma` only.
    ///
    /// Throws `.invalidParameter(.covarianceDecay, …)` when `.ewma` gets a λ outside (0, 1).
    public func makeEstimator(lambda: Double = EWMACovariance.riskMetricsLambda) throws -> any CovarianceFitting {
        switch self {
        case .sample: return SampleCovariance()
        case .ewma: return try EWMACovariance(lambda: lambda)
        case .ledoitWolf: return LedoitWolf()
        case .oas: return OAS()
        case .constantCorrelation: return ConstantCorrelationShrinkage()
        case .pairwise: return PairwiseCovariance()
        }
    }
}

/// A covariance estimator: configured by its initialiser, does its work in `fit`.
public protocol CovarianceFitting: Sendable {
    /// Which estimator this is.
    var kind: CovarianceEstimator { get }
    /// Estimates the covariance of the columns of `returns` (`T × d` log returns,
    /// one row per date, one column per asset).
    func fit(_ returns: Matrix) throws -> CovarianceEstimate
}

extension CovarianceFitting {
    /// `fit` on the returns of a `ReturnSeries`.
    public func fit(_ series: ReturnSeries) throws -> CovarianceEstimate {
        try fit(series.returns)
    }
}

/// What an estimator learned from the returns.
public struct CovarianceEstimate: Sendable {
    public let estimator: CovarianceEstimator
    /// The `d × d` covariance matrix of daily log returns (symmetric, not necessarily positive definite).
    public let covariance: Matrix
    /// The sample mean of each column (also for EWMA, whose covariance assumes a zero mean).
    public let mean: [Double]
    /// Number of return rows used.
    public let observations: Int
    /// The shrinkage intensity δ in `(1 − δ)S + δF`, for shrinkage estimators.
    public let shrinkage: Double?
    /// The EWMA decay λ.
    public let lambda: Double?
    /// Conventions and choices worth printing next to the result (divisor, seed, …).
    public let notes: [String]

    public init(estimator: CovarianceEstimator, covariance: Matrix, mean: [Double], observations: Int,
                shrinkage: Double? = nil, lambda: Double? = nil, notes: [String] = []) {
        precondition(covariance.rows == covariance.cols && covariance.rows == mean.count, "covariance shape")
        self.estimator = estimator
        self.covariance = covariance
        self.mean = mean
        self.observations = observations
        self.shrinkage = shrinkage
        self.lambda = lambda
        self.notes = notes
    }

    /// Standard deviations `√Σ_ii` (a negative variance, impossible for these estimators, gives NaN).
    public var volatilities: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// The correlation matrix `Σ_ij / √(Σ_ii Σ_jj)`. An asset with zero variance
    /// has no defined correlation: its row and column are 0 off the diagonal and 1 on it.
    /// - Complexity: O(d²).
    public var correlation: Matrix { CovarianceEstimate.correlation(of: covariance) }

    /// `Σ_ij / √(Σ_ii Σ_jj)` with unit diagonal (see `correlation`).
    static func correlation(of sigma: Matrix) -> Matrix {
        let d = sigma.rows
        let s = sigma.diagonal.map { $0.squareRoot() }
        var c = Matrix(rows: d, cols: d)
        for j in 0..<d {
            for i in 0..<d {
                if i == j {
                    c[i, j] = 1
                } else if s[i] > 0 && s[j] > 0 {
                    c[i, j] = sigma[i, j] / (s[i] * s[j])
                }
            }
        }
        return c
    }
}
