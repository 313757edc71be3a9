/// The mutable state of cascades on one thread: the book's quantities and
/// debts as a run changes them, prices, and per-account records.
///
/// A run marks every account it changes (`touch`) and `restore` copies those
/// back from the book, so a workspace serves many shocks at the cost of the
/// accounts actually liquidated rather than of the whole book.
/// - Complexity: O(K·A) memory once; O(touched accounts · A) per restore.
extension LiquidationCascade {
    public final class Workspace {
        let book: AccountBook
        let assets: Int
        let quantities: UnsafeMutablePointer<Double>
        let debts: UnsafeMutablePointer<Double>
        let market: UnsafeMutablePointer<Double>
        let oracle: UnsafeMutablePointer<Double>
        let sold: UnsafeMutablePointer<Double>
        let roundSold: UnsafeMutablePointer<Double>
        let before: UnsafeMutablePointer<Double>
        let lastUpdate: UnsafeMutablePointer<Int>
        let order: UnsafeMutablePointer<Int>
        var touched: [Bool]
        var touchedList: [Int32] = []
        // Records (single cascades).
        var accountRepaid: [Double] = []
        var accountSeized: [Double] = []
        var accountLiquidations: [Int] = []

        public init(cascade: LiquidationCascade) {
            book = cascade.book
            let K = book.accounts.count, A = book.assets.count
            assets = A
            let q = UnsafeMutablePointer<Double>.allocate(capacity: max(K * A, 1))
            let d = UnsafeMutablePointer<Double>.allocate(capacity: max(K, 1))
            for i in 0..<(K * A) { q[i] = cascade.book.quantities[i] }
            for k in 0..<K { d[k] = cascade.book.debts[k] }
            quantities = q
            debts = d
            market = .allocate(capacity: max(A, 1))
            oracle = .allocate(capacity: max(A, 1))
            sold = .allocate(capacity: max(A, 1))
            roundSold = .allocate(capacity: max(A, 1))
            before = .allocate(capacity: max(A, 1))
            lastUpdate = .allocate(capacity: max(A, 1))
            order = .allocate(capacity: max(A, 1))
            touched = [Bool](repeating: false, count: K)
            touchedList.reserveCapacity(min(K, 1 << 16))
        }

        deinit {
            for p in [quantities, debts, market, oracle, sold, roundSold, before] { p.deallocate() }
            lastUpdate.deallocate()
            order.deallocate()
        }

        @inline(__always)
        func touch(_ k: Int) {
            touched[k] = true
            touchedList.append(Int32(k))
        }

        func resetRecord() {
            let K = book.accounts.count
            accountRepaid = [Double](repeating: 0, count: K)
            accountSeized = [Double](repeating: 0, count: K)
            accountLiquidations = [Int](repeating: 0, count: K)
        }

        /// Puts the touched accounts back as the book has them.
        func restore() {
            let A = assets
            for index in touchedList {
                let k = Int(index)
                for a in 0..<A { quantities[k * A + a] = book.quantities[k * A + a] }
                debts[k] = book.debts[k]
                touched[k] = false
            }
            touchedList.removeAll(keepingCapacity: true)
        }
    }
}
