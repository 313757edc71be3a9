import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: errno and its text (`strerror`), e.g. "No space left on device".
struct SystemError: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32 = errno) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}

/// The few POSIX calls `OutputDirectory` needs, each throwing a `SystemError`
/// that names its cause. Paths are absolute; nothing here prints or exits.
enum POSIXFiles {
    /// What `lstat` says of a path: nil when it does not exist.
    enum Kind { case directory, regular, symbolicLink, other }

    static func kind(_ path: String) throws -> Kind? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return nil }
            throw SystemError()
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The permission bits of a directory.
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    /// The canonical absolute path (symbolic links resolved) of an existing path.
    static func realPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else { throw SystemError() }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates `path` and any missing parents (`mkdir -p`).
    static func makeDirectories(_ path: String) throws {
        if try kind(path) == .directory { return }
        let parent = parentPath(path)
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else { throw SystemError() }
    }

    /// `path` without its last component and the slashes before it: `a/b/` → `a`,
    /// `/a` → `/`, `a` → "" (Foundation's `deletingLastPathComponent` traps on a
    /// one-character name such as `S` in swift-corelibs-foundation 6.3).
    static func parentPath(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var parent = p[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// The names in a directory, without `.` and `..`.
    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw SystemError() }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `text` to a file that must not exist yet, then fsyncs and closes it,
    /// so that once this returns the bytes are on the device.
    static func writeNewFile(_ path: String, _ text: String) throws {
        var copy = text
        try copy.withUTF8 { try writeNewFile(path, bytes: $0) }
    }

    /// `writeNewFile` for bytes.
    static func writeNewFile(_ path: String, bytes: UnsafeBufferPointer<UInt8>) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw SystemError() }
        var failure: SystemError?
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = SystemError()
                break
            }
            offset += n
        }
        if failure == nil, fsync(fd) != 0 { failure = SystemError() }
        if close(fd) != 0, failure == nil { failure = SystemError() }
        if let failure { throw failure }
    }

    /// The text of a small regular file, or nil when it is absent, not a regular
    /// file, larger than `limit` bytes or not UTF-8.
    static func readSmallFile(_ path: String, limit: Int) -> String? {
        guard (try? kind(path)) == .regular,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1), data.count <= limit else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// fsync of a directory: makes the names created or renamed in it durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError() }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemError() }
    }

    /// Swaps two existing paths in one step (`renameat2(RENAME_EXCHANGE)` on Linux,
    /// `renamex_np(RENAME_SWAP)` on macOS). Throws `EINVAL`/`ENOSYS` where the
    /// file system or kernel cannot do it.
    static func exchange(_ a: String, _ b: String) throws {
        #if canImport(Glibc)
        guard let call = renameat2 else { throw SystemError(ENOSYS) }
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE, linux/fs.h
        guard call(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 else { throw SystemError() }
        #else
        guard renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 else { throw SystemError() }
        #endif
    }

    /// Renames `from` to `to`, failing with `EEXIST` when `to` exists
    /// (`RENAME_NOREPLACE`; plain `rename` where that flag is not supported).
    static func renameNoReplace(_ from: String, _ to: String) throws {
        #if canImport(Glibc)
        if let call = renameat2 {
            let renameNoReplace: UInt32 = 1  // RENAME_NOREPLACE, linux/fs.h
            if call(AT_FDCWD, from, AT_FDCWD, to, renameNoReplace) == 0 { return }
            if errno != EINVAL && errno != ENOSYS { throw SystemError() }
        }
        #else
        if renamex_np(from, to, UInt32(RENAME_EXCL)) == 0 { return }
        if errno != EINVAL && errno != ENOTSUP { throw SystemError() }
        #endif
        guard rename(from, to) == 0 else { throw SystemError() }
    }

    #if canImport(Glibc)
    private typealias Renameat2 = @convention(c) (
        Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// glibc (≥ 2.28) exports `renameat2`, but its header declares it only under
    /// `_GNU_SOURCE`, which Swift's Glibc module does not define: look it up by name.
    private static let renameat2: Renameat2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
    #endif
}
