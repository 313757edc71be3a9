import Foundation

extension BacktestForecaster {
    /// The seed of the simulation for row `t` of the series:
    /// `mix(seed ⊕ mix(t ⊕ c))` with the SplitMix64 finaliser `mix` and a fixed
    /// odd constant `c`, so every day has its own stream, fixed by the run's
    /// seed and the day alone (not by which thread forecasts it, nor when).
    /// - Complexity: O(1).
    public static func daySeed(_ seed: UInt64, dayIndex t: Int) -> UInt64 {
        precondition(t >= 0, "day index must be non-negative")
        return SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(t) ^ 0xBB67_AE85_84CA_A73B))
    }

    /// Monte Carlo VaR/ES from the window alone (`MonteCarloMethod` through `method(_:spec:pnl:quantile:simulation:)`).
    ///
    /// Each day: the covariance `Σ` and mean `x̄` of the window's log returns by
    /// `estimator`, repaired and factored by `PositiveDefiniteRepair.factor`,
    /// then `settings.scenarios` one-step scenarios of `distribution`
    /// (bootstrap resamples the window's days) revalued under `settings.pnl`,
    /// seeded with `daySeed(settings.seed, dayIndex: t)`. The engine runs on
    /// one thread (the backtest is parallel across days), so a backtest is
    /// reproducible for any thread count. Scale for McNeil–Frey: `σ_p = √(VᵀΣV)`.
    /// - Parameters:
    ///   - model: estimator, mean convention and law, fitted to each window by `RiskModel.fit`.
    ///   - settings: scenarios, seed, antithetic, P&L model and adaptive precision;
    ///     `threads`, standalone, tail export and histogram are ignored.
    /// - Complexity: O(window·d² + d³) for the covariance and
    ///   O(scenarios·d²/2) for the simulation, per day.
    public static func monteCarlo(model spec: RiskModelSpec = RiskModelSpec(),
                                  settings: SimulationSettings) -> BacktestForecaster {
        .method(MonteCarloMethod(), spec: spec, simulation: settings)
    }
}
