import FuzzSupport
import TailRisk

/// The account-book reader (`stress --accounts`) on arbitrary bytes: the header
/// `account,asset,quantity` in any order, names, quantities, one debt asset, repeated
/// holdings, then the book's totals. Each input is read twice: with the debt asset taken
/// from the negative rows, and with it given (`--debt-asset USDC`).
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzAccountBookReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    for given in [nil, "USDC"] {
        if let book = try? AccountBook.parse(bytes: bytes, source: "fuzz.csv", debtAsset: given) {
            _ = book.totalQuantities
            _ = book.totalDebt
        }
    }
    return 0
}

fuzzMain(fuzzAccountBookReader)
