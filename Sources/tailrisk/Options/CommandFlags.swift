import ArgumentParser
import Foundation

/// The long flag names of a subcommand, read from ArgumentParser's own description of it
/// (`_dumpHelp()`, the JSON behind `--experimental-dump-help`), so that a run plan's keys are
/// checked against the flags as declared, with no list kept by hand.
enum CommandFlags {
    /// The subcommands a run plan's analysis may name.
    static let commands: [String: ParsableCommand.Type] = [
        "var": VarCommand.self, "cov": CovCommand.self, "simulate": SimulateCommand.self,
        "haircut": HaircutCommand.self, "stress": StressCommand.self, "backtest": BacktestCommand.self,
    ]

    /// The long names of `command`'s options and flags (without dashes; `help` and `version` left out).
    /// - Complexity: one JSON rendering of the command's help.
    static func longNames(of command: ParsableCommand.Type) -> Set<String> {
        let json = command._dumpHelp()
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let info = root["command"] as? [String: Any],
              let arguments = info["arguments"] as? [[String: Any]] else { return [] }
        var names = Set<String>()
        for argument in arguments {
            for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                if let n = name["name"] as? String { names.insert(n) }
            }
        }
        return names.subtracting(["help", "version"])
    }
}
