import FuzzSupport
import TailRisk

/// The liquidity reader (a policy's `liquidity:` file) on arbitrary bytes: the header
/// `asset,adv,spread[,y]` in any order, names, ADV, spread and impact bounds,
/// duplicate assets, blank lines, quoting.
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzLiquidityReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? LiquidityTable.parse(bytes: fuzzBytes(data, size), source: "fuzz.csv")
    return 0
}

fuzzMain(fuzzLiquidityReader)
