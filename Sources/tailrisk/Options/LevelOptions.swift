import ArgumentParser
import TailRisk

/// The confidence levels of VaR and ES, shared by var, simulate, haircut and backtest.
struct LevelOptions: ParsableArguments {
    @Option(help: "Confidence level(s), 0.99 or 99%: repeat the flag or give a comma list (default 0.99,0.975; haircut: one level, default 0.99, overriding the policy's).")
    var confidence: [String] = []

    func validate() throws { _ = try levels(default: CommandDefaults.levels) }

    /// The levels asked for, in the order given, without repeats; `defaults` when none is given.
    func levels(default defaults: [Double] = CommandDefaults.levels) throws -> [ConfidenceLevel] {
        try ListParsing.levels(confidence, default: defaults)
    }

    /// The one level of a command that takes one (haircut), or `nil` when none is given.
    func single() throws -> ConfidenceLevel? {
        let given = try ListParsing.levels(confidence, default: [])
        guard given.count <= 1 else {
            throw CLIError("--confidence: haircut takes one level, got \(given.map(\.description).joined(separator: ", "))")
        }
        return given.first
    }
}
