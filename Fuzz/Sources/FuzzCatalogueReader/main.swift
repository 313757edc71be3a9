import FuzzSupport
import TailRisk

/// The stress-catalogue reader (`stress --catalogue`) on arbitrary text: the size and
/// nesting limits, YAML (Yams over libyaml), a list of windows with name, from, to, note.
/// Bytes that are not UTF-8 are decoded with replacement characters
/// (`StressCatalogue.read` refuses such a file before it parses).
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCatalogueReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = try? StressCatalogue.parse(yaml: text, source: "fuzz.yaml")
    return 0
}

fuzzMain(fuzzCatalogueReader)
