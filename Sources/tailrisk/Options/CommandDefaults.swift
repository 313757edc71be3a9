import TailRisk

/// The defaults of the shared option groups, applied when a command builds its
/// settings; where a command's default differs, the option's help says so.
enum CommandDefaults {
    /// `--confidence` of var, simulate and backtest (haircut: its policy's one level, 0.99).
    static let levels = [0.99, 0.975]
    /// `--scenarios` of var, simulate and haircut.
    static let scenarios = 1_000_000
    /// `--scenarios` per day of backtest.
    static let backtestScenarios = BacktestAnalysis.Settings.defaultScenarios
    /// `--max-scenarios`.
    static let maxScenarios = 100_000_000
    /// `--df` of `--dist t`.
    static let degreesOfFreedom = 5.0
    /// backtest's rolling `--window`.
    static let backtestWindow = 250
}
