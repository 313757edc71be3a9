import Foundation

/// Writes the files of `--out DIR` so that a failure never leaves a half-written
/// file: each file is written to a temporary name in the same directory, then renamed.
struct OutputDirectory {
    let url: URL

    init(path: String) throws {
        url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CLIError("--out: \(path) exists and is not a directory")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw CLIError("--out: cannot create directory \(path)")
            }
        }
    }

    /// Atomically writes `text` to `name` inside the directory.
    func write(_ text: String, to name: String) throws {
        let target = url.appendingPathComponent(name)
        let temporary = url.appendingPathComponent(".\(name).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError("--out: cannot write \(target.path)")
        }
        // rename(2) replaces an existing target atomically.
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError("--out: cannot replace \(target.path)")
        }
    }
}

/// An error the CLI reports as one line and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
