import FuzzSupport
import TailRisk

/// The positions reader (`--positions-file`) on arbitrary bytes: the header
/// `asset,quantity` or `asset,weight`, names, amounts, repeated assets, quoting.
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPositionsReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? PositionSpec.parse(fuzzBytes(data, size), source: "fuzz.csv")
    return 0
}

fuzzMain(fuzzPositionsReader)
