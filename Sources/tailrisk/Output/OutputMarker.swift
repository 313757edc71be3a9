import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `.tailrisk` file in every directory `--out` writes: the names of the
/// files tailrisk wrote there, one a line after a comment line. It is what lets
/// a later run replace the directory as a whole without ever deleting a file
/// tailrisk did not write: a non-empty directory without it, or holding anything
/// it does not list, is refused; removal unlinks listed names only.
enum OutputMarker {
    static let name = ".tailrisk"
    static let header = "# written by tailrisk --out; the next run with --out here replaces these files as a set"
    /// What identifies a marker: its first line starts so (the rest of it may change between versions).
    static let signature = "# written by tailrisk"
    /// Temporary directories are `.<name>.tailrisk-tmp-<pid>` beside the output directory
    /// (`.tailrisk-old-<pid>`: the previous one, renamed aside where a swap takes two renames).
    static let temporaryInfixes = [".tailrisk-tmp-", ".tailrisk-old-"]
    /// A marker longer than this is not one of ours.
    static let sizeLimit = 65_536

    static func text(files: [String]) -> String {
        ([header] + files).joined(separator: "\n") + "\n"
    }

    /// The names a directory's marker lists, or nil when it has no readable marker.
    static func listed(in directory: String) -> [String]? {
        guard let text = POSIXFiles.readSmallFile(directory + "/" + name, limit: sizeLimit),
              text.hasPrefix(signature) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst()
            .map(String.init).filter(isPlainName)
    }

    /// A file name tailrisk may write: not empty, no `/`, not hidden (so never the marker).
    static func isPlainName(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix(".") && !s.contains("/") && !s.contains("\0") && !s.contains("\n")
    }

    /// Throws unless the existing directory `path` is empty or holds only a marker
    /// and the regular files it lists.
    static func checkReplaceable(_ path: String, display: String) throws {
        let entries: [String]
        do { entries = try POSIXFiles.list(path) } catch {
            throw CLIError("--out: cannot read directory \(display): \(error)")
        }
        if entries.isEmpty { return }
        guard let listed = listed(in: path) else {
            throw CLIError("--out: \(display) is not empty and was not written by tailrisk (it has no \(name) file); "
                + "choose a new or empty directory")
        }
        let known = Set(listed)
        let foreign = entries.filter { entry in
            entry != name && !(known.contains(entry) && (try? POSIXFiles.kind(path + "/" + entry)) == .regular)
        }.sorted()
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).map(quoted).joined(separator: ", ")
            let more = foreign.count > 3 ? " and \(foreign.count - 3) more" : ""
            throw CLIError("--out: \(display) holds files tailrisk did not write (\(shown)\(more)); "
                + "move them away or choose another directory")
        }
    }

    /// Unlinks `names` (regular files only) and the marker in `directory`, then removes it.
    /// Returns false when the directory is still there (it held something else).
    @discardableResult
    static func remove(_ directory: String, names: [String]) -> Bool {
        for n in names + [name] where (try? POSIXFiles.kind(directory + "/" + n)) == .regular {
            unlink(directory + "/" + n)
        }
        return rmdir(directory) == 0 || errno == ENOENT
    }

    /// Removes the temporary directories beside `parent`'s entries that a killed
    /// run left (`.*.tailrisk-tmp-<pid>` whose process is gone), each by its marker.
    static func removeStale(in parent: String) {
        guard let entries = try? POSIXFiles.list(parent) else { return }
        for entry in entries where entry.hasPrefix(".") {
            guard let range = temporaryInfixes.lazy.compactMap({ entry.range(of: $0, options: .backwards) }).first,
                  let pid = Int32(entry[range.upperBound...]), pid > 0, !isRunning(pid) else { continue }
            let path = parent + "/" + entry
            guard (try? POSIXFiles.kind(path)) == .directory else { continue }
            remove(path, names: listed(in: path) ?? [])
        }
    }

    /// The temporary directory name for `name`: hidden, tagged with this process id,
    /// and short enough for NAME_MAX (255 bytes) whatever the length of `name`.
    static func temporaryName(for name: String, aside: Bool = false) -> String {
        var stem = ""
        for ch in name {
            if stem.utf8.count + String(ch).utf8.count > 200 { break }
            stem.append(ch)
        }
        return "." + stem + temporaryInfixes[aside ? 1 : 0] + "\(getpid())"
    }

    /// Whether process `pid` exists (other than this one, which has no leftovers yet).
    private static func isRunning(_ pid: Int32) -> Bool {
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// A name as an error shows it: quoted, non-printing characters escaped, at most 60 characters.
    static func quoted(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return "\"" + out + (s.unicodeScalars.count > 60 ? "…" : "") + "\""
    }
}
