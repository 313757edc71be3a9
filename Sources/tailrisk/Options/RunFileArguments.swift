import TailRisk

/// `--config FILE` for every subcommand, before ArgumentParser sees the command line:
/// the run file's entries (`RunFile`) become flags put after the subcommand and before the
/// typed arguments, leaving out every key whose flag is typed (typed flags override the file).
/// The file's `prices` are used when the command line gives no file first
/// (`tailrisk var a.csv --config run.yaml` reads a.csv, not the file's).
///
/// The outputs echo it (`echo`): JSON `config` (file, SHA-256, the flags it added), a line
/// at the head of each table, and under `--out DIR` a byte-for-byte copy `DIR/config.yaml`
/// (`OutputDirectory.commit`). A CSV on stdout carries no echo: a leading comment line would
/// break readers that take the first line as the header.
enum RunFileArguments {
    struct Expansion {
        var arguments: [String]
        var file: RunFile?
        /// The flags and files the run file added, in order.
        var added: [String] = []
        /// The run file's text as read (UTF-8, checked by `RunFile.parse`), copied to `--out DIR/config.yaml`.
        var text: String?
        /// The analysis of a `tailrisk run` plan this is (its `name:`), `nil` under `--config`.
        var analysis: String?
    }

    /// The analysis `tailrisk run` is running (`RunCommand`), echoed in place of `--config`'s: the
    /// process runs its analyses one after the other, on the main thread.
    nonisolated(unsafe) static var current: Expansion?

    /// `arguments` (without the program name) with the run file's flags in place of `--config FILE`.
    static func expand(_ arguments: [String]) throws -> Expansion {
        guard let k = arguments.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }),
              let subcommand = arguments.first, !subcommand.hasPrefix("-") else { return Expansion(arguments: arguments) }
        var rest = arguments
        let path: String
        if rest[k].hasPrefix("--config=") {
            path = String(rest[k].dropFirst("--config=".count))
            rest.remove(at: k)
        } else {
            guard k + 1 < rest.count, !rest[k + 1].hasPrefix("-") else { throw CLIError("--config needs a FILE (a YAML run file)") }
            path = rest[k + 1]
            rest.removeSubrange(k...(k + 1))
        }
        guard !rest.contains(where: { $0 == "--config" || $0.hasPrefix("--config=") }) else {
            throw CLIError("--config is given twice; give one run file")
        }
        let bytes = try InputFile.read(path: path, maximumBytes: RunFile.maximumBytes)
        let file = try RunFile.parse(bytes, source: path)
        let typed = Set(rest.dropFirst().compactMap { token -> String? in
            guard token.hasPrefix("--") else { return nil }
            return String(token.dropFirst(2).split(separator: "=", maxSplits: 1).first ?? "")
        })
        let typedFile = rest.count > 1 && !rest[1].hasPrefix("-")
        let (added, flags) = Self.flags(of: file, typed: typed, typedFile: typedFile)
        return Expansion(arguments: [subcommand] + flags + rest.dropFirst(), file: file, added: added,
                         text: String(decoding: bytes, as: UTF8.self))
    }

    /// The flags of `file`'s entries (and the files it names, unless `typedFile`), leaving out the keys
    /// in `typed`: what the outputs echo (`added`) and the tokens ArgumentParser reads (`flags`).
    static func flags(of file: RunFile, typed: Set<String> = [], typedFile: Bool = false) -> (added: [String], flags: [String]) {
        var added: [String] = [], flags: [String] = []
        for entry in file.entries {
            if entry.key == "prices" {
                if !typedFile {
                    added += entry.files
                    // A file name starting with "-" would read as a flag.
                    flags += entry.files.map { $0.hasPrefix("-") ? "./" + $0 : $0 }
                }
            } else if !typed.contains(entry.key) {
                added.append("--\(entry.key)")
                if let value = entry.value { added.append(value) }
                // One token `--key=value`, so that a value starting with "-" or "--" stays the flag's value
                // instead of becoming a flag of its own (issue 21).
                flags.append("--\(entry.key)" + (entry.value.map { "=" + $0 } ?? ""))
            }
        }
        return (added, flags)
    }

    /// The run file of this process's command line, for the outputs (`nil` without `--config`).
    static func echo() -> Expansion? {
        if let current { return current }
        guard let e = try? expand(Array(CommandLine.arguments.dropFirst())), e.file != nil else { return nil }
        return e
    }

    /// An ArgumentParser message about a flag the run file added, with the file's line.
    static func explain(_ message: String) -> String {
        guard let e = echo(), let file = e.file else { return message }
        for entry in file.entries where message.contains("'--\(entry.key)'") || message.contains("--\(entry.key) ") {
            return message + " (from \(file.source):\(entry.line): \(entry.key))"
        }
        return message
    }
}
