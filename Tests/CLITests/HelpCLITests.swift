import Foundation
import Testing

/// `--help` pinned (issue 22): `tailrisk --help` and every subcommand's `--help` must equal the
/// checked-in files in Tests/CLITests/Help/, so a change of help text shows as a diff in review.
/// After an intended change, regenerate them with `make help` (scripts/update_help.sh).
/// The width is fixed (`COLUMNS=100`), as the script fixes it, so the wrapping does not depend on the terminal.
@Suite(.tags(.cli)) struct HelpCLITests {
    /// Every subcommand of `TailRiskCommand` (the test below fails if one is missing from this list).
    static let subcommands = ["var", "cov", "simulate", "haircut", "stress", "backtest", "merge", "run"]
    static let width = ["COLUMNS": "100"]
    static let directory = CLI.repositoryRoot.appendingPathComponent("Tests/CLITests/Help")

    static func pinned(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".txt"), encoding: .utf8)
    }

    @Test("tailrisk --help is the checked-in Help/tailrisk.txt")
    func rootHelp() throws {
        let r = try CLI.run(["--help"], environment: Self.width)
        #expect(r.status == 0)
        #expect(r.stdout == (try Self.pinned("tailrisk")), "help text changed: run `make help` and review the diff")
    }

    @Test("each subcommand's --help is its checked-in Help/NAME.txt", arguments: subcommands)
    func subcommandHelp(_ name: String) throws {
        let r = try CLI.run([name, "--help"], environment: Self.width)
        #expect(r.status == 0)
        #expect(r.stdout == (try Self.pinned(name)), "\(name) help text changed: run `make help` and review the diff")
    }

    @Test("every subcommand the root help lists has a pinned file, and no pinned file is stale")
    func everySubcommandPinned() throws {
        let root = try Self.pinned("tailrisk")
        // A subcommand's line is indented by two spaces; the wrapped rest of its abstract by more.
        let listed = (root.components(separatedBy: "SUBCOMMANDS:").last ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("See '") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Set(listed) == Set(Self.subcommands), "subcommands listed: \(listed)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files) == Set((Self.subcommands + ["tailrisk"]).map { $0 + ".txt" }))
    }
}
