import Foundation

/// A progress bar on stderr, shown only when stderr is a terminal and the run is long.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1

    /// A bar for a run of `scenarios`, or nil when it would only be noise.
    static func forRun(scenarios: Int, quiet: Bool = false) -> ProgressBar? {
        guard !quiet, scenarios >= 5_000_000, isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressBar()
    }

    /// Engine callback: `done` of `total` scenarios.
    @Sendable func update(_ done: Int, _ total: Int) {
        let percent = total > 0 ? min(100, 100 * done / total) : 100
        lock.lock(); defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 40
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(percent)% of \(total) scenarios".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
