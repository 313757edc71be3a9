import FuzzSupport
import TailRisk

/// The scenario-file reader (`stress --scenario-file`) on arbitrary text: the size and
/// nesting limits, YAML (Yams over libyaml), a list of shocks with name, shock,
/// conditional, note, each shock's text read by `HypotheticalShock.parse` as `--shock` is.
/// Bytes that are not UTF-8 are decoded with replacement characters
/// (`ShockScenarioFile.read` refuses such a file before it parses).
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzScenarioReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = try? ShockScenarioFile.parse(yaml: text, source: "fuzz.yaml")
    return 0
}

fuzzMain(fuzzScenarioReader)
