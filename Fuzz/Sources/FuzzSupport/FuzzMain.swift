import CFuzzDriver
import Foundation

/// One fuzz input: libFuzzer's bytes, or nil for its empty probe.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Runs libFuzzer over `callback` with this process's arguments and exits.
///
/// SwiftPM renames an executable target's entry point to `<Target>_main` and links
/// it as `main` (`--defsym`), so the libFuzzer runtime's own `main` never runs: the
/// target's top-level code calls this instead, which hands the arguments to
/// `LLVMFuzzerRunDriver`, as libFuzzer's `main` would. The target still defines
/// `LLVMFuzzerTestOneInput` (the same function as `callback`), because the linker
/// pulls in libFuzzer's `main`, which refers to it, before the `--defsym` applies.
///
/// A callback returns 0. Errors a reader throws are answers, not bugs; what libFuzzer
/// reports (crash, trap, timeout, out of memory, leak) is. Run with
/// `SWIFT_BACKTRACE=enable=no` so that a crash ends in libFuzzer's handler, which
/// writes the input to `crash-<sha1>` before the process dies.
public func fuzzMain(_ callback: FuzzCallback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as an array (empty for libFuzzer's nil probe).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
