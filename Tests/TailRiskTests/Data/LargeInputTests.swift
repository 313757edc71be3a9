import Foundation
import Testing
@testable import TailRisk

/// Inputs whose size once made the readers allocate without bound or run in quadratic
/// time. Nothing here is timed: each input is big enough that the old code would crash
/// (a 28.8 GB dense table) or take minutes, and small enough for the new code's O(n).
struct LargeInputTests {
    /// `date,asset,price` with a new date and a new asset on every row: 60,000 dates × 60,000 assets.
    static let diagonalRows = 60_000
    static let diagonal: [UInt8] = {
        let start = Day(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        var text = "date,asset,price\n"
        text.reserveCapacity(diagonalRows * 26)
        for i in 0..<diagonalRows { text += "\(Day(daysSinceEpoch: start + i)),X\(i),100\n" }
        return Array(text.utf8)
    }()

    @Test func aDiagonalLongFileIsReadSparsely() throws {
        let t = try PriceTable.parse(Self.diagonal, source: "diagonal.csv")
        #expect(t.layout == .long && t.assets.count == Self.diagonalRows && t.dates.count == Self.diagonalRows)
        #expect(t.prices.rows == Self.diagonalRows && t.prices.cols == Self.diagonalRows)
        for i in [0, 1, 12_345, Self.diagonalRows - 1] {
            #expect(t.prices[i, i] == 100)
            #expect(t.prices[i, (i + 1) % Self.diagonalRows].isNaN)
            #expect(t.index(of: "X\(i)") == i)
        }
        #expect(t.prices.column(7).filter(\.isFinite) == [100])
    }

    /// Selecting assets builds their returns only; the whole basket is refused with a
    /// message that states the limit and lists ten names, not 60,000.
    @Test func selectionsOfTheDiagonalFileFailCleanly() throws {
        let t = try PriceTable.parse(Self.diagonal, source: "diagonal.csv")
        let one = TemporaryFiles.error { try t.returnSeries(assets: ["X5"]) }
        #expect(one == .insufficientData(message: "X5: 0 common returns from 1900-01-01 to 2064-04-09 in diagonal.csv; at least 2 needed"))
        guard case let .insufficientData(all)? = TemporaryFiles.error({ try t.returnSeries() }) else {
            Issue.record("expected insufficient data")
            return
        }
        #expect(all.hasPrefix("X0, X1, X2, X3, X4, X5, X6, X7, X8, X9 and 59990 more: 0 common returns"))
        #expect(all.count < 200)
        #expect(TemporaryFiles.error { try t.gappyLogReturns() } == .invalidParameter(.assets, message:
            "60000 assets × 59999 returns is more than the 100000000 returns a run holds; "
                + "choose fewer assets (--assets) or a shorter range (--from, --to)"))
        let pair = try t.gappyLogReturns(assets: ["X1", "X2"])
        #expect(pair.returns.rows == Self.diagonalRows - 1 && pair.returns.storage.allSatisfy(\.isNaN))
    }

    /// A long file and the wide file it was made from give the same table and the same returns.
    @Test func longAndWideLayoutsAgree() throws {
        var rng = Xoshiro256PlusPlus(seed: 11, unit: 0)
        let assets = ["A", "B", "C", "D"]
        let start = Day(year: 2021, month: 3, day: 1)!.daysSinceEpoch
        var wide = "date," + assets.joined(separator: ",") + "\n"
        var long = "date,asset,price\n"
        for t in 0..<400 {
            let date = Day(daysSinceEpoch: start + t)
            let cells = assets.indices.map { k in
                rng.nextUniformPositive() < 0.15 ? "" : String(100 * exp(Double(k) + 0.1 * rng.nextUniformPositive()))
            }
            // The long rows of a day come in a rotating order (the table's order is by first appearance);
            // a gap is a row with an empty price or no row at all, but every day has one row.
            for r in 0..<assets.count {
                let k = (t + r) % assets.count
                if !cells[k].isEmpty || r == 0 || rng.nextUniformPositive() < 0.5 {
                    long += "\(date),\(assets[k]),\(cells[k])\n"
                }
            }
            wide += "\(date)," + cells.joined(separator: ",") + "\n"
        }
        let w = try PriceTable.parse(Array(wide.utf8), source: "w.csv")
        let l = try PriceTable.parse(Array(long.utf8), source: "l.csv")
        let order = w.assets.map { l.index(of: $0)! }
        let same = zip(w.prices.matrix.storage, l.prices.matrix.columns(order).storage)
            .allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        #expect(same && w.dates == l.dates)
        let (sw, sl) = (try w.returnSeries(), try l.returnSeries(assets: w.assets))
        #expect(sw.returns == sl.returns && sw.dates == sl.dates && sw.lastPrices == sl.lastPrices)
        #expect(sw.alignment == sl.alignment && sw.startDate == sl.startDate)
        let window = try l.returnSeries(assets: ["C", "A"], from: Day(iso: "2021-04-01"), window: 30)
        let wideWindow = try w.returnSeries(assets: ["C", "A"], from: Day(iso: "2021-04-01"), window: 30)
        #expect(window.returns == wideWindow.returns && window.alignment == wideWindow.alignment)
        let (gw, gl) = (try w.gappyLogReturns(), try l.gappyLogReturns(assets: w.assets))
        #expect(gw.dates == gl.dates)
        #expect(zip(gw.returns.storage, gl.returns.storage).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// 50,000 positions: the repeated asset on the last line is still named with its first line.
    @Test func fiftyThousandPositionsAreReadInLinearTime() throws {
        let n = 50_000
        var text = "asset,quantity\n"
        for i in 0..<n { text += "A\(i),\(i + 1)\n" }
        let spec = try PositionSpec.parse(Array(text.utf8), source: "big.csv")
        #expect(spec.assets.count == n && spec.assets[n - 1] == "A\(n - 1)" && spec.amounts[n - 1] == Double(n))
        text += "A17,5\n"
        #expect(TemporaryFiles.error { try PositionSpec.parse(Array(text.utf8), source: "big.csv") }
                == .file(path: "big.csv", line: n + 2, column: 1, message: "A17 is listed twice (first on line 19)"))
        // The inline list goes through the same set.
        let inline = (0..<n).map { "A\($0)=1" }.joined(separator: ",")
        #expect(try PositionSpec.parse(inline, parameter: .positions).assets.count == n)
        #expect(TemporaryFiles.error { try PositionSpec.parse(inline + ",A49999=2", parameter: .positions) }
                == .invalidParameter(.positions, message: "A49999 is listed twice"))
        // Weights over 50,000 assets are matched to the prices' assets through a dictionary.
        let names = (0..<n).map { "A\($0)" }
        let weights = PositionSpec(assets: names.reversed(), amounts: Array(repeating: 1 / Double(n), count: n))
        let p = try Portfolio.fromWeights(weights, value: 1e6, assets: names, parameter: .weights)
        #expect(p.assets.count == n && abs(p.values.reduce(0, +) - 1e6) < 1e-3)
        let unknown = PositionSpec(assets: ["Z"], amounts: [1])
        #expect(TemporaryFiles.error { try Portfolio.fromWeights(unknown, value: 1, assets: names, parameter: .weights) }
                == .invalidParameter(.weights, message: "unknown asset \"Z\" in the positions (prices have: "
                                  + "A0, A1, A2, A3, A4, A5, A6, A7, A8, A9 and 49990 more)"))
    }
}
