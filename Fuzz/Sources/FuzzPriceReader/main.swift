import FuzzSupport
import TailRisk

/// The price reader on arbitrary bytes: wide and long layouts, dates, numbers, gaps,
/// BOM and line ends, then the aligned log returns of every column it accepted.
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPriceReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if let table = try? PriceTable.parse(fuzzBytes(data, size), source: "fuzz.csv") {
        _ = try? table.returnSeries()
    }
    return 0
}

fuzzMain(fuzzPriceReader)
