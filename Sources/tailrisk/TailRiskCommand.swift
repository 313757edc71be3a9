import ArgumentParser
import Foundation
import TailRisk
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct TailRiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailrisk",
        abstract: "Monte Carlo VaR, Expected Shortfall and collateral haircuts from price histories.",
        version: TailRiskVersion.string,
        subcommands: [VarCommand.self, CovCommand.self, SimulateCommand.self, HaircutCommand.self, StressCommand.self,
                      BacktestCommand.self, MergeCommand.self, RunCommand.self]
    )

    /// Parses and runs a subcommand; every error becomes one or two lines on
    /// stderr and a non-zero exit, never a stack trace.
    ///
    /// SIGXFSZ is ignored, so that a write past `ulimit -f` fails with EFBIG
    /// ("File too large") instead of killing the process without a word: `--out`
    /// then reports the file and leaves the directory as it was
    /// (`OutputDirectory`), and a report that could not all reach stdout ends in an
    /// error and a non-zero exit (`flushStandardOutput`).
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        do {
            // Under mpirun (the MPI build) every rank runs the command; rank 0 alone prints and writes.
            try Cluster.start()
            if !Cluster.isRoot { _ = freopen("/dev/null", "w", stdout) }
            var command = try parseAsRoot(try RunFileArguments.expand(Array(CommandLine.arguments.dropFirst())).arguments)
            try command.run()
            try flushStandardOutput()
            Cluster.finish()
        } catch let error as TailRiskError {
            fail("error: \(error.cliDescription)")
        } catch let error as CLIError {
            fail("error: \(error.description)")
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = RunFileArguments.explain(self.message(for: error))
            FileHandle.standardError.write(Data(("error: " + message + "\n" + "(see 'tailrisk --help')\n").utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    /// Flushes stdout and throws when any write to it failed (a full disk, `ulimit -f`,
    /// a closed file), so that a truncated report never exits 0.
    static func flushStandardOutput() throws {
        let flushed = fflush(stdout) == 0
        let code = errno
        guard flushed && ferror(stdout) == 0 else {
            throw CLIError("cannot write the report to standard output"
                + (flushed ? "" : " (\(String(cString: strerror(code))))") + "; what was written is incomplete")
        }
    }

    static func fail(_ text: String) -> Never {
        FileHandle.standardError.write(Data((text + "\n").utf8))
        Foundation.exit(1)
    }
}
