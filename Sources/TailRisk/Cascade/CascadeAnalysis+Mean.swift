/// The mean of the cascades' Monte Carlo shocks (issue 21, item 6).
///
/// A stress run asks what a shock does to the book, not where the market was
/// heading: a sample mean fitted on a bull window lifts every shock by the
/// window's drift and understates the bad debt (on one such window P(bad
/// debt) came out 11.6% with the drift and 15.7% without). So cascades draw
/// their shocks with **zero mean by default**, as a risk desk does for stress;
/// `.sample` keeps the window's drift `h μ̂` (`μ̂_a = (1/T) Σ_t r_{t,a}`, the
/// daily sample mean of the log returns relative to the debt asset).
///
/// What zero mean means per law: normal and t draw `r = F z` with `μ = 0`
/// (`RiskModelSpec.zeroMean`); bootstrap, fhs and the copulas draw from the
/// history itself, so they are fitted to the returns less their sample mean,
/// `r_t − μ̂` (fhs filters the centred returns; its residuals then have mean
/// near, not exactly, zero). The same convention holds for every model the
/// cascade fits: the conditional mean of a `--conditional` shock
/// (`E[r_o | r_s] = Σ_os Σ_ss⁻¹ r_s` at zero mean, as methods.md §9 writes it)
/// and the haircut LT(H) beside a threshold recommendation. The reports give
/// the mean used and the drift `h μ̂` that was left out or kept.
/// - Complexity: O(T·d) to centre the returns, when a history law needs it.
extension CascadeAnalysis {
    public enum Mean: String, Sendable {
        /// Zero mean (the default for cascades).
        case zero
        /// The window's sample mean.
        case sample
    }

    /// Whether `law` draws from the history itself (and so carries its drift unless centred).
    static func drawsHistory(_ law: InnovationLaw) -> Bool {
        law.entry.drawsHistory
    }

    /// The daily sample mean of each column of `returns`.
    static func columnMeans(_ returns: Matrix) -> [Double] {
        (0..<returns.cols).map { j in
            returns.rows == 0 ? 0 : returns.column(j).reduce(0, +) / Double(returns.rows)
        }
    }

    /// `returns` less the mean `mean` of each column.
    static func centred(_ returns: Matrix, mean: [Double]) -> Matrix {
        var m = returns
        for j in 0..<m.cols { for t in 0..<m.rows { m[t, j] -= mean[j] } }
        return m
    }

    /// One sentence for the outputs: the mean used by `law` and where the drift went.
    static func meanNote(_ mean: Mean, law: InnovationLaw) -> String {
        switch (mean, drawsHistory(law)) {
        case (.zero, false):
            return "zero mean (the default for cascades; the sample drift is left out, --sample-mean keeps it)"
        case (.zero, true):
            return "zero mean: \(law.name) draws from the returns less their sample mean "
                + "(the default for cascades; --sample-mean keeps the drift)"
        case (.sample, false):
            return "sample mean (--sample-mean): the shocks carry the window's drift"
        case (.sample, true):
            return "sample mean (--sample-mean): \(law.name) draws from the returns as they are, with the window's drift"
        }
    }
}
