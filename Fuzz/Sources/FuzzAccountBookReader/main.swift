import FuzzSupport
import TailRisk

/// A three-asset price table (BTC, ETH, USDC), as `stress --accounts` reads the prices first and
/// hands them to the book's reader, which checks every collateral name against them before the
/// dense accounts × assets table is allocated (issue 21, item 11).
let knownPrices = try! PriceTable.parse(Array("date,BTC,ETH,USDC\n2020-01-01,7000,130,1\n2020-01-02,7100,131,1\n".utf8),
                                        source: "fuzz-prices.csv")

/// The account-book reader (`stress --accounts`) on arbitrary bytes: the header
/// `account,asset,quantity` in any order, names, quantities, one debt asset, repeated
/// holdings, then the book's totals. Each input is read three times: with the debt asset taken
/// from the negative rows, with it given (`--debt-asset USDC`), and against a price table, as
/// the command reads it (names checked before the table is built).
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory (or one allocation over run.sh's malloc limit) are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzAccountBookReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    for (given, prices) in [(nil, nil), ("USDC", nil), (nil, knownPrices)] as [(String?, PriceTable?)] {
        if let book = try? AccountBook.parse(bytes: bytes, source: "fuzz.csv", debtAsset: given, prices: prices) {
            _ = book.totalQuantities
            _ = book.totalDebt
        }
    }
    return 0
}

fuzzMain(fuzzAccountBookReader)
