import Foundation
import TailRisk
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory of `--out DIR`, written as a set: after a run DIR holds either
/// every file of that run or, if the run failed or was killed, exactly what it
/// held before. Never a mix, never a half-written file.
///
/// How: `commit` writes every file (and the `.tailrisk` marker listing them)
/// into a sibling temporary directory `.DIR.tailrisk-tmp-PID`, fsyncs each file
/// and the directory, then swaps it with DIR in one `renameat2(RENAME_EXCHANGE)`
/// (a plain rename when DIR does not exist yet) and removes the old contents,
/// which now sit at the temporary name. SIGINT, SIGTERM and SIGHUP are held
/// back meanwhile (`SignalDeferral`); leftovers of a SIGKILL are removed by the
/// next run that writes beside them. Only directories tailrisk wrote are
/// replaced (`OutputMarker`). Cost: one write and fsync per file, three renames
/// at most; the files are built in memory first.
///
/// Create it before the computation (`init` checks DIR can be replaced, so a
/// long run does not end in a refusal) and `commit` the files at the end.
struct OutputDirectory {
    /// The path as the user gave it, for messages.
    let display: String
    /// The copy of the `--config` run file in DIR.
    static let runFileName = "config.yaml"

    /// Checks, without creating anything, that `path` can receive a run's files:
    /// it is not empty and is either absent, an empty directory or one tailrisk wrote.
    init(path: String) throws {
        display = path
        let place = try Place(path, creatingParent: false)
        if place.exists { try OutputMarker.checkReplaceable(place.target, display: display) }
    }

    /// Writes `files` (name → text) as DIR's new contents, all or nothing, and
    /// (with `announce`, the default) says on stderr what it wrote:
    /// `wrote DIR/: summary.json, pnl.csv` (stderr, so stdout stays the report).
    /// Names must be plain file names (no `/`, not hidden), each once.
    /// With `--config FILE` the run file is added, byte for byte, as `config.yaml`
    /// (its SHA-256 is the JSON's `config.sha256`), so DIR says how it was made.
    func commit(_ files: [(name: String, text: String)], announce: Bool = true) throws {
        try commit(data: files.map { ($0.name, Array($0.text.utf8)) }, announce: announce)
    }

    /// `commit` for files of bytes (a shard's accumulator).
    func commit(data files: [(name: String, bytes: [UInt8])], announce: Bool = true) throws {
        guard Cluster.isRoot else { return }  // MPI: rank 0 alone writes
        var files = files
        if let text = RunFileArguments.echo()?.text { files.append((OutputDirectory.runFileName, Array(text.utf8))) }
        try commitFiles(files)
        if announce {
            let dir = display.hasSuffix("/") ? display : display + "/"
            FileHandle.standardError.write(Data("wrote \(ErrorQuoting.visible(dir)): \(files.map(\.name).joined(separator: ", "))\n".utf8))
        }
    }

    private func commitFiles(_ files: [(name: String, bytes: [UInt8])]) throws {
        let names = files.map(\.name)
        precondition(names.allSatisfy(OutputMarker.isPlainName) && Set(names).count == names.count,
                     "output file names must be plain and distinct: \(names)")
        let signals = SignalDeferral()
        defer { signals.finish() }

        let place = try Place(display, creatingParent: true)
        OutputMarker.removeStale(in: place.parent)
        if place.exists { try OutputMarker.checkReplaceable(place.target, display: display) }
        let unchanged = place.exists ? "\(display) was left as it was" : "nothing was written"

        let temporary = place.parent + "/" + OutputMarker.temporaryName(for: place.name)
        guard mkdir(temporary, 0o777) == 0 else {
            let cause = SystemError()
            throw CLIError("--out: cannot create directory \(display): \(cause)")
        }
        do {
            try signals.check()
            try write(Array(OutputMarker.text(files: names).utf8), to: temporary, as: OutputMarker.name, unchanged)
            for file in files {
                try signals.check()
                try write(file.bytes, to: temporary, as: file.name, unchanged)
            }
            if place.exists, let mode = POSIXFiles.mode(place.target) { chmod(temporary, mode) }
            do { try POSIXFiles.syncDirectory(temporary) } catch {
                throw CLIError("--out: cannot write \(display): \(error); \(unchanged)")
            }
            try signals.check()
            try swapIn(temporary, place, unchanged)
        } catch {
            OutputMarker.remove(temporary, names: names)
            throw error
        }
        try? POSIXFiles.syncDirectory(place.parent)
        if place.exists {
            // The old contents now sit at the temporary name: remove what their marker lists.
            let old = OutputMarker.listed(in: temporary) ?? []
            if !OutputMarker.remove(temporary, names: old) {
                FileHandle.standardError.write(Data(
                    "warning: \(display) was replaced; its previous directory, which gained files during the run, is kept as \(temporary)\n".utf8))
            }
        }
    }

    private func write(_ bytes: [UInt8], to directory: String, as name: String, _ unchanged: String) throws {
        do { try bytes.withUnsafeBufferPointer { try POSIXFiles.writeNewFile(directory + "/" + name, bytes: $0) } } catch {
            throw CLIError("--out: cannot write \(display)/\(name): \(error); \(unchanged)")
        }
    }

    /// One atomic step where the file system allows it. Without `RENAME_EXCHANGE`
    /// (e.g. NFS) the old directory is first renamed aside: a kill between the two
    /// renames leaves DIR absent for a moment, never mixed.
    private func swapIn(_ temporary: String, _ place: Place, _ unchanged: String) throws {
        do {
            guard place.exists else { return try POSIXFiles.renameNoReplace(temporary, place.target) }
            do {
                try POSIXFiles.exchange(temporary, place.target)
            } catch let e as SystemError where e.code == EINVAL || e.code == ENOSYS || e.code == ENOTSUP {
                let aside = place.parent + "/" + OutputMarker.temporaryName(for: place.name, aside: true)
                try POSIXFiles.renameNoReplace(place.target, aside)
                do { try POSIXFiles.renameNoReplace(temporary, place.target) } catch {
                    _ = rename(aside, place.target)
                    throw error
                }
                guard rename(aside, temporary) == 0 else { throw SystemError() }
            }
        } catch {
            throw CLIError("--out: cannot replace \(display): \(error); \(unchanged)")
        }
    }
}

/// Where `--out` points: the real parent directory and the last name in it.
private struct Place {
    let parent: String
    let name: String
    let exists: Bool
    var target: String { parent == "/" ? "/" + name : parent + "/" + name }

    init(_ path: String, creatingParent: Bool) throws {
        guard !path.isEmpty else { throw CLIError("--out: the directory name is empty; give a directory path") }
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        var (parentPath, last) = Place.split(p)
        if last == "." || last == ".." || last == "/" {
            do { (parentPath, last) = Place.split(try POSIXFiles.realPath(p)) } catch {
                throw CLIError("--out: cannot use \(path): \(error)")
            }
        }
        guard last != "/" else { throw CLIError("--out: \(path) cannot be replaced; give a directory below it") }

        var kind: POSIXFiles.Kind?
        do { kind = try POSIXFiles.kind(parentPath + "/" + last) } catch {
            throw CLIError("--out: cannot use \(path): \(error)")
        }
        if kind == .symbolicLink, let real = try? POSIXFiles.realPath(parentPath + "/" + last) {
            (parentPath, last) = Place.split(real)  // write where the link points
            kind = try? POSIXFiles.kind(real)
        }
        if let kind, kind != .directory { throw CLIError("--out: \(path) exists and is not a directory") }
        exists = kind != nil
        name = last
        if !exists && creatingParent {
            do { try POSIXFiles.makeDirectories(parentPath) } catch {
                throw CLIError("--out: cannot create directory \(path): \(error)")
            }
        }
        parent = (try? POSIXFiles.realPath(parentPath)) ?? parentPath
    }

    /// `a/b/c` → (`a/b`, `c`); `c` → (`.`, `c`); `/c` → (`/`, `c`); `/` → (`/`, `/`).
    private static func split(_ p: String) -> (String, String) {
        if p == "/" { return ("/", "/") }
        guard let slash = p.lastIndex(of: "/") else { return (".", p) }
        let parent = slash == p.startIndex ? "/" : String(p[..<slash])
        return (parent, String(p[p.index(after: slash)...]))
    }
}

/// An error the CLI reports as one line and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
