import FuzzSupport
import TailRisk

/// The haircut policy reader on arbitrary text: YAML syntax (Yams over libyaml), the
/// size and nesting limits, keys and types, then the range checks of the policy.
/// Bytes that are not UTF-8 are decoded with replacement characters
/// (`HaircutPolicyFile.read` refuses such a file before it parses).
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPolicyReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    if let file = try? HaircutPolicyFile.parse(yaml: text, source: "fuzz.yaml", baseDirectory: "/nonexistent") {
        try? file.validate(file.policy)
    }
    return 0
}

fuzzMain(fuzzPolicyReader)
