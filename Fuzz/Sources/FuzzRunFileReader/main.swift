import FuzzSupport
import TailRisk

/// The run-file reader (`tailrisk <command> --config FILE`, every subcommand) on
/// arbitrary bytes: UTF-8, the size and nesting limits, YAML (Yams over libyaml), a
/// mapping of flag names to scalars, lists, mappings and booleans, the `prices` files.
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRunFileReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? RunFile.parse(fuzzBytes(data, size), source: "fuzz.yaml")
    return 0
}

fuzzMain(fuzzRunFileReader)
