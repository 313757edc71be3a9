#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads an input file whole, whatever it is: a regular file, a pipe or FIFO
/// (`/dev/stdin` under `cat prices.csv | tailrisk var /dev/stdin …`), a
/// character device or a socket.
///
/// Every file is read by `read(2)` calls until end of file, never from the
/// size the file system reports (which is 0 for a pipe), and refused as soon
/// as it passes `maximumBytes`, so the limit holds for a pipe as for a file.
/// A regular file already larger than the limit is refused before any read.
public enum InputFile {
    /// Largest price, positions or liquidity file read, in bytes (512 MiB: a
    /// wide file of 10,000 assets × 10,000 days at 5 bytes a price).
    public static let maximumBytes = 512 << 20

    /// The bytes of the file at `path`.
    ///
    /// - Throws: `TailRiskError.file` (no line) for a missing file ("no such file"),
    ///   a directory, a file that cannot be opened or read (with the system's reason),
    ///   or one longer than `maximumBytes` (saying the limit).
    /// - Complexity: O(file size); reads in chunks of at least 64 KiB.
    public static func read(path: String, maximumBytes: Int = InputFile.maximumBytes) throws -> [UInt8] {
        func fail(_ message: String) -> TailRiskError { .file(path: path, line: nil, column: nil, message: message) }
        func tooLarge() -> TailRiskError {
            fail("the file is larger than \(maximumBytes) bytes, the most this tool reads")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw fail(code == ENOENT ? "no such file" : "cannot read the file (\(reason(code)))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw fail("cannot read the file (\(reason(errno)))") }
        let type = status.st_mode & S_IFMT
        guard type != S_IFDIR else { throw fail("cannot read the file: it is a directory") }
        let regular = type == S_IFREG
        if regular && Int(status.st_size) > maximumBytes { throw tooLarge() }
        var bytes: [UInt8] = []
        if regular { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: max(1 << 16, regular ? min(Int(status.st_size) + 1, 1 << 24) : 0))
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot read the file (\(reason(errno)))")
            }
            guard bytes.count + n <= maximumBytes else { throw tooLarge() }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The system's description of `errno` code `code` ("Permission denied").
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
