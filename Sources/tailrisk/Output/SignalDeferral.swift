import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal caught while the handlers of `SignalDeferral` are installed (0: none).
/// Written by the handler only; a plain store of an `Int32` is async-signal-safe.
nonisolated(unsafe) private var caughtSignal: Int32 = 0

/// Holds SIGINT, SIGTERM and SIGHUP back while an output directory is written,
/// so that a kill can never land between "files written" and "files swapped in"
/// with the temporary directory left behind.
///
/// While installed, the handlers only record the signal (whichever thread it
/// reaches). The writer calls `check()` between steps: once a signal is seen it
/// stops, removes its temporary directory and returns; `finish()` then puts the
/// previous handlers back and raises the signal again, so the process still ends
/// the way the signal asked (for SIGTERM: killed, status 128 + 15). A signal that
/// arrives after the swap lets the writer finish removing the old set first.
/// Signals the process ignored (e.g. SIGHUP under `nohup`) stay ignored.
/// SIGKILL cannot be caught: its leftovers are removed by the next run.
final class SignalDeferral {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private var previous: [(Int32, SignalHandler?)] = []

    init() {
        caughtSignal = 0  // also runs the global's lazy initialiser outside any handler
        let record: SignalHandler = { caughtSignal = $0 }
        for s in Self.signals {
            let old = signal(s, record)
            if Self.isIgnore(old) {
                signal(s, old)
            } else {
                previous.append((s, old))
            }
        }
    }

    /// Throws when a signal has arrived since `init`.
    func check() throws {
        let s = caughtSignal
        if s != 0 { throw CLIError("interrupted by signal \(s)") }
    }

    /// Restores the previous handlers and re-raises a caught signal.
    func finish() {
        for (s, old) in previous { signal(s, old) }
        previous = []
        let s = caughtSignal
        caughtSignal = 0
        if s != 0 { raise(s) }
    }

    private static func isIgnore(_ handler: SignalHandler?) -> Bool {
        guard let handler else { return false }  // nil is SIG_DFL
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN is (void (*)(int))1
    }
}

/// A C signal handler (`void (*)(int)`).
typealias SignalHandler = @convention(c) (Int32) -> Void
