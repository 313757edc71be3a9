import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--out DIR` is all or nothing: after any run, failed or killed, DIR holds the
/// complete old set or the complete new set, no temporary directory is left
/// beside it, and files tailrisk did not write are never touched.
@Suite("--out writes a directory as a set", .tags(.cli))
struct OutputDirectoryCLITests {
    static let sp500 = CLI.data("sp500_skfolio_daily.csv")
    static let basket = ["--assets", "AAPL,JPM", "--weights", "AAPL=0.5,JPM=0.5", "--value", "1000",
                         "--window", "250", "--quiet"]
    static let simulationFiles = [".tailrisk", "histogram.csv", "summary.json", "tail.csv"]

    static func simulate(_ extra: [String], out: URL) throws -> CLI.Result {
        try CLI.run(["simulate", sp500] + basket + extra + ["--out", out.path])
    }

    static func names(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    /// Entries beside the output directories that look like tailrisk's temporary ones.
    static func leftovers(_ parent: URL) throws -> [String] {
        try names(parent).filter { $0.contains(".tailrisk-tmp-") || $0.contains(".tailrisk-old-") }
    }

    /// The bytes of every file in `dir`, except `summary.json`'s timing and command line.
    static func snapshot(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try names(dir) {
            var data = try Data(contentsOf: dir.appendingPathComponent(name))
            if name == "summary.json" {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
                    .filter { !$0.contains("\"seconds\"") && !$0.contains("\"command\"") }
                data = Data(lines.joined(separator: "\n").utf8)
            }
            files[name] = data
        }
        return files
    }

    func expectRefusal(_ r: CLI.Result, _ message: String) {
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: --out: ") && r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func anEmptyOutPathIsRefused() throws {
        let cwd = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        for command in [["var", Self.sp500, "--positions", "AAPL=1", "--method", "normal"],
                        ["cov", Self.sp500, "--assets", "AAPL,JPM"]] {
            let r = try CLI.run(command + ["--out", ""])
            expectRefusal(r, "the directory name is empty")
        }
        #expect(try Self.names(cwd).isEmpty)
    }

    @Test func aDirectoryWithForeignFilesIsRefusedAndLeftUntouched() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        // Not written by tailrisk at all.
        let foreign = parent.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: false)
        let notes = Data("my notes\n".utf8)
        try notes.write(to: foreign.appendingPathComponent("summary.json"))
        expectRefusal(try Self.simulate(["--scenarios", "4000"], out: foreign), "was not written by tailrisk")
        #expect(try Self.names(foreign) == ["summary.json"])
        #expect(try Data(contentsOf: foreign.appendingPathComponent("summary.json")) == notes)

        // Written by tailrisk, then a file of the user's put beside its files.
        let ours = parent.appendingPathComponent("sim")
        #expect(try Self.simulate(["--scenarios", "4000"], out: ours).status == 0)
        let before = try Self.snapshot(ours)
        try notes.write(to: ours.appendingPathComponent("notes.txt"))
        expectRefusal(try Self.simulate(["--scenarios", "4000", "--seed", "5"], out: ours),
                      "holds files tailrisk did not write (\"notes.txt\")")
        var after = try Self.snapshot(ours)
        #expect(after.removeValue(forKey: "notes.txt") == notes)
        #expect(after == before)

        // A regular file where the directory should be.
        expectRefusal(try Self.simulate([], out: foreign.appendingPathComponent("summary.json")),
                      "exists and is not a directory")
        #expect(try Self.leftovers(parent).isEmpty)
    }

    @Test func aRerunReplacesTheWholeSet() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("run")
        let cov = try CLI.run(["cov", Self.sp500, "--assets", "AAPL,JPM", "--window", "250", "--out", out.path])
        #expect(cov.status == 0, "\(cov.stderr)")
        #expect(try Self.names(out) == [".tailrisk", "correlation.csv", "covariance.csv", "summary.json"])

        // var writes two files: the cov files it does not write are gone, not left beside them.
        let v = try CLI.run(["var", Self.sp500] + Self.basket.dropLast() + ["--method", "normal", "--out", out.path])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(try Self.names(out) == [".tailrisk", "pnl.csv", "summary.json"])
        let marker = try String(contentsOf: out.appendingPathComponent(".tailrisk"), encoding: .utf8)
        #expect(marker.split(separator: "\n").dropFirst() == ["summary.json", "pnl.csv"])
        let summary = try CLI.json(String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8))
        #expect(summary["results"] != nil)
        #expect(try Self.leftovers(parent).isEmpty)
    }

    @Test func temporaryDirectoriesOfDeadRunsAreRemovedByTheNextRun() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let fm = FileManager.default
        let header = "# written by tailrisk --out; the next run with --out here replaces these files as a set\n"
        // A leftover of a killed run: its marker and files.
        let stale = parent.appendingPathComponent(".sim.tailrisk-tmp-\(dead)")
        try fm.createDirectory(at: stale, withIntermediateDirectories: false)
        try Data((header + "tail.csv\n").utf8).write(to: stale.appendingPathComponent(".tailrisk"))
        try Data("rank\n".utf8).write(to: stale.appendingPathComponent("tail.csv"))
        // One a user has put a file into: only what its marker lists goes.
        let shared = parent.appendingPathComponent(".other.tailrisk-tmp-\(dead)")
        try fm.createDirectory(at: shared, withIntermediateDirectories: false)
        try Data((header + "tail.csv\n").utf8).write(to: shared.appendingPathComponent(".tailrisk"))
        try Data("rank\n".utf8).write(to: shared.appendingPathComponent("tail.csv"))
        try Data("keep\n".utf8).write(to: shared.appendingPathComponent("keep.txt"))

        let r = try Self.simulate(["--scenarios", "4000"], out: parent.appendingPathComponent("sim"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!fm.fileExists(atPath: stale.path))
        #expect(try Self.names(shared) == ["keep.txt"])
        #expect(try Self.names(parent) == [".other.tailrisk-tmp-\(dead)", "sim"])
        #expect(try Self.names(parent.appendingPathComponent("sim")) == Self.simulationFiles)
    }

    /// Whether `strace` can run here (it is not always installed, and ptrace may be denied).
    static let straceWorks: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        p.arguments = ["-o", "/dev/null", "/bin/true"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Starts `simulate --out out` (under `strace`, which delays every fsync by a second,
    /// when `slowSync`), waits for its temporary directory to appear beside `out`, sends
    /// `signal` to the tailrisk process named in it and returns how the run ended.
    static func killDuringCommit(_ extra: [String], out: URL, signal: Int32, slowSync: Bool) throws -> Process {
        let tailrisk = ["simulate", sp500] + basket + extra + ["--out", out.path]
        let p = Process()
        if slowSync {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
            p.arguments = ["-f", "-o", "/dev/null", "-e", "trace=fsync", "-e", "inject=fsync:delay_exit=1000000",
                           CLI.binary.path] + tailrisk
        } else {
            p.executableURL = CLI.binary
            p.arguments = tailrisk
        }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try runWithSignalsUnblocked(p)
        let parent = out.deletingLastPathComponent()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline {
            if let temporary = try leftovers(parent).first(where: { $0.contains(".tailrisk-tmp-") }),
               let pid = Int32(temporary.split(separator: "-").last ?? ""), p.isRunning {
                kill(pid, signal)
                break
            }
            usleep(1_000)
        }
        p.waitUntilExit()
        return p
    }

    /// Starts `p` with SIGINT, SIGTERM and SIGHUP deliverable. A child inherits the
    /// signal mask of the thread that spawns it, and the test runner's threads block
    /// them, which would make every kill below a no-op.
    static func runWithSignalsUnblocked(_ p: Process) throws {
        var set = sigset_t(), saved = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try p.run()
    }

    /// The invariant, wherever a kill lands: the old set or the new set, nothing else.
    func expectOldOrNew(_ out: URL, old: [String: Data], new: [String: Data]) throws {
        let now = try Self.snapshot(out)
        #expect(now == old || now == new, "files now: \(now.keys.sorted())")
        #expect(try Self.leftovers(out.deletingLastPathComponent()).isEmpty)
    }

    static let big = ["--scenarios", "20000", "--tail", "20000", "--bins", "20000"]

    @Test func aKilledRunLeavesTheOldSetOrTheNewOne() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("sim")
        #expect(try Self.simulate(Self.big + ["--seed", "2"], out: out).status == 0)
        let new = try Self.snapshot(out)
        #expect(try Self.simulate(Self.big + ["--seed", "1"], out: out).status == 0)
        let old = try Self.snapshot(out)
        #expect(old != new)
        for signal in [SIGTERM, SIGINT] {
            let p = try Self.killDuringCommit(Self.big + ["--seed", "2"], out: out, signal: signal, slowSync: false)
            #expect(p.terminationReason == .exit ? p.terminationStatus == 0 : p.terminationStatus == signal)
            try expectOldOrNew(out, old: old, new: new)
        }
    }

    @Test(.enabled(if: straceWorks, "strace cannot run here: skipping the kills timed inside the commit"))
    func aKillWhileFilesAreSyncedLeavesTheOldSet() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("sim")
        let small = ["--scenarios", "4000", "--tail", "50", "--bins", "20"]
        #expect(try Self.simulate(small + ["--seed", "1"], out: out).status == 0)
        let old = try Self.snapshot(out)
        // Each fsync takes a second, so the signal lands before the swap: the run
        // ends by that signal, its temporary directory removed, the old set in place.
        for signal in [SIGTERM, SIGINT] {
            let p = try Self.killDuringCommit(small + ["--seed", "2"], out: out, signal: signal, slowSync: true)
            #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal)
            try expectOldOrNew(out, old: old, new: old)
        }
        // SIGKILL cannot be caught: its temporary directory stays until the next run.
        let p = try Self.killDuringCommit(small + ["--seed", "2"], out: out, signal: SIGKILL, slowSync: true)
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try Self.snapshot(out) == old)
        #expect(try Self.leftovers(parent).count == 1)
        #expect(try Self.simulate(small + ["--seed", "3"], out: out).status == 0)
        #expect(try Self.leftovers(parent).isEmpty)
        #expect(try Self.names(out) == Self.simulationFiles)
    }

    static func mountCommand(_ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: arguments[0])
        p.arguments = Array(arguments.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test func aFullDiskIsNamedAndTheOldSetSurvives() throws {
        let parent = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let disk = parent.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        guard Self.mountCommand(["/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path]) else {
            try Test.cancel("cannot mount a 64 KiB tmpfs here (needs root): skipping the disk-full test")
        }
        defer { _ = Self.mountCommand(["/bin/umount", disk.path]) }
        let out = disk.appendingPathComponent("sim")
        let small = try Self.simulate(["--scenarios", "4000", "--tail", "10", "--bins", "10"], out: out)
        #expect(small.status == 0, "\(small.stderr)")
        let old = try Self.snapshot(out)
        // About 400 KB of tail.csv cannot fit beside the old set.
        let r = try Self.simulate(["--scenarios", "8000", "--tail", "8000", "--seed", "9"], out: out)
        expectRefusal(r, "No space left on device")
        #expect(r.stderr.contains("cannot write \(out.path)/"), "\(r.stderr)")
        #expect(r.stderr.contains("\(out.path) was left as it was"), "\(r.stderr)")
        try expectOldOrNew(out, old: old, new: old)
        // And a run that fits still goes through.
        #expect(try Self.simulate(["--scenarios", "4000", "--tail", "20", "--bins", "10"], out: out).status == 0)
        #expect(try Self.names(out) == Self.simulationFiles)
    }
}
