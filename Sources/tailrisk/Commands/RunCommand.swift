import ArgumentParser
import Foundation
import TailRisk

/// `tailrisk run FILE [--out DIR]`: every analysis of a run plan (`RunPlan`: shared keys and an
/// `analyses:` list, e.g. var + haircut + stress + backtest of one market), one after the other.
///
/// Each analysis runs exactly as `tailrisk <command> --config` would run the run file made of the
/// shared keys its command has and its own keys (`RunPlan.runFile(for:accepts:)`), so its output is
/// the same; its outputs go under `DIR/<name>/` (each directory written all or nothing,
/// `OutputDirectory`), with the plan's path, SHA-256 and the analysis name in `config` and the plan
/// copied as `config.yaml`. Every key is checked against the flags of the commands, and every
/// analysis parsed, before the first one runs.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every analysis of a run file (shared keys, then analyses: with a name and a command each).",
        discussion: """
            The keys are the flag names of the commands without dashes, as in a --config file; shared keys go to \
            every analysis whose command has the flag, an analysis's own keys override them. Tables print one \
            after the other; with --out DIR each analysis writes DIR/<name>/.
            """)

    @Argument(help: "Run file (YAML): shared keys and analyses: [- {name: var99, command: var, …}].")
    var file: String

    @Option(help: "Directory for the outputs: each analysis writes DIR/<name>/ (summary.json, CSV files, config.yaml).")
    var out: String?

    /// Keys a plan may not set: `run` gives them.
    static let reserved: Set<String> = ["out", "config"]

    func run() throws {
        let bytes = try InputFile.read(path: file, maximumBytes: RunFile.maximumBytes)
        let plan = try RunPlan.parse(bytes, source: file, commands: CommandFlags.commands.keys.sorted())
        let text = String(decoding: bytes, as: UTF8.self)
        let flags = Dictionary(uniqueKeysWithValues: Set(plan.analyses.map(\.command)).map {
            ($0, CommandFlags.longNames(of: CommandFlags.commands[$0]!))
        })
        try check(plan, flags: flags)
        // Parse every analysis before running any: a bad value in the last one writes nothing.
        var runs: [(name: String, command: String, expansion: RunFileArguments.Expansion, parsed: ParsableCommand)] = []
        for a in plan.analyses {
            let runFile = plan.runFile(for: a) { flags[a.command]!.contains($0) }
            var arguments = [a.command] + RunFileArguments.flags(of: runFile).flags
            if let out { arguments += ["--out", URL(fileURLWithPath: out).appendingPathComponent(a.name).path] }
            let e = RunFileArguments.Expansion(arguments: arguments, file: runFile,
                                               added: RunFileArguments.flags(of: runFile).added, text: text, analysis: a.name)
            RunFileArguments.current = e
            runs.append((a.name, a.command, e, try TailRiskCommand.parseAsRoot(arguments)))
        }
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        for (k, r) in runs.enumerated() {
            RunFileArguments.current = r.expansion
            print("\(k == 0 ? "" : "\n")== \(r.name): tailrisk \(r.command) ==")
            var command = r.parsed
            try command.run()
        }
        RunFileArguments.current = nil
    }

    /// Every key is a flag of its analysis's command (a shared key: of some analysis's command).
    private func check(_ plan: RunPlan, flags: [String: Set<String>]) throws {
        func refuse(_ entry: RunFile.Entry, _ message: String) -> TailRiskError {
            .file(path: plan.source, line: entry.line, column: nil, message: "\(entry.key): \(message)")
        }
        for entry in plan.shared where entry.key != "prices" {
            if Self.reserved.contains(entry.key) { throw refuse(entry, "is given by tailrisk run (--out DIR)") }
            let commands = Set(plan.analyses.map(\.command)).sorted()
            guard commands.contains(where: { flags[$0]!.contains(entry.key) }) else {
                throw refuse(entry, "unknown key: no flag --\(entry.key) in \(commands.joined(separator: ", "))")
            }
        }
        for a in plan.analyses {
            for entry in a.entries where entry.key != "prices" {
                if Self.reserved.contains(entry.key) { throw refuse(entry, "is given by tailrisk run (--out DIR)") }
                guard flags[a.command]!.contains(entry.key) else {
                    throw refuse(entry, "unknown key for \(a.name) (tailrisk \(a.command) has no flag --\(entry.key))")
                }
            }
        }
    }
}

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
