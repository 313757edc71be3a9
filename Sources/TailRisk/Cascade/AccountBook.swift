/// The accounts of a lending protocol for a liquidation cascade (methods.md §9),
/// read from a CSV file with the header `account,asset,quantity` (columns in
/// any order), one row per holding:
///
///     account,asset,quantity
///     alice,ETH,10
///     alice,USDC,-15000
///     bob,BTC,0.5
///
/// A positive quantity is collateral, in units of the asset; a negative
/// quantity is the account's debt and must be of the debt asset (the one
/// asset with negative quantities, or the one given). A positive quantity of
/// the debt asset is refused (net it against the debt). An account may hold
/// no debt (it is never liquidated) or no collateral (its debt is bad debt
/// from the start). Each (account, asset) pair appears once.
///
/// Storage is flat: `quantities[k · assets.count + a]` is the collateral of
/// account `k` in asset `a` (assets in order of first appearance), `debts[k]`
/// its debt (positive) in units of the debt asset.
/// Errors name the file, the 1-based line and the 1-based field.
///
/// The dense table is the one allocation that can outgrow the file: a book
/// of 60,000 rows each naming another asset asked for 60,000² doubles
/// (28.8 GB). So, before it is allocated, every collateral asset is checked
/// against the price table (when given) and the table is bounded to
/// `maximumCells` cells (as a wide price file is, `PriceTable.maximumCells`).
/// - Complexity: O(file size) to read (dictionaries find repeated rows), then
///   O(accounts × assets) for the table, at most `maximumCells`.
public struct AccountBook: Sendable, Equatable {
    /// Most cells (accounts × collateral assets) of the dense table: 10⁸ doubles, 800 MB.
    public static let maximumCells = PriceTable.maximumCells

    public let source: String
    /// Account names in order of first appearance.
    public let accounts: [String]
    /// Collateral assets in order of first appearance (the debt asset excluded).
    public let assets: [String]
    /// The debt asset, `nil` when no account owes anything.
    public let debtAsset: String?
    /// `accounts.count × assets.count`, row-major.
    public let quantities: [Double]
    /// Debt of each account, ≥ 0.
    public let debts: [Double]
    /// The first line naming each collateral asset (for errors about it).
    public let assetLines: [String: Int]

    public init(source: String, accounts: [String], assets: [String], debtAsset: String?,
                quantities: [Double], debts: [Double], assetLines: [String: Int] = [:]) {
        precondition(quantities.count == accounts.count * assets.count && debts.count == accounts.count,
                     "one row of quantities and one debt per account")
        self.source = source
        self.accounts = accounts
        self.assets = assets
        self.debtAsset = debtAsset
        self.quantities = quantities
        self.debts = debts
        self.assetLines = assetLines
    }

    /// Collateral of account `k` in asset `a`.
    @inline(__always)
    public func quantity(account k: Int, asset a: Int) -> Double { quantities[k * assets.count + a] }

    /// Total collateral per asset, in units.
    public var totalQuantities: [Double] {
        var t = [Double](repeating: 0, count: assets.count)
        for k in accounts.indices { for a in assets.indices { t[a] += quantities[k * assets.count + a] } }
        return t
    }

    /// Total debt of the book.
    public var totalDebt: Double { debts.reduce(0, +) }

    /// Reads the book at `path` (a pipe too), at most `InputFile.maximumBytes`.
    /// - Parameter debtAsset: the debt asset expected (`--debt-asset`), or `nil` to take it from the negative rows.
    public static func read(path: String, debtAsset: String? = nil, prices: PriceTable? = nil) throws -> AccountBook {
        try parse(bytes: InputFile.read(path: path), source: path, debtAsset: debtAsset, prices: prices)
    }

    /// Parses CSV text; `source` names it in errors.
    public static func parse(csv text: String, source: String, debtAsset: String? = nil, prices: PriceTable? = nil,
                             maximumCells: Int = AccountBook.maximumCells) throws -> AccountBook {
        try parse(bytes: Array(text.utf8), source: source, debtAsset: debtAsset, prices: prices, maximumCells: maximumCells)
    }

    /// Parses the bytes of a book, split by `CSVText` and its numbers read by `DecimalParser`.
    /// - Parameters:
    ///   - prices: when given, every collateral asset must be one of its columns (any case); the
    ///     first unknown one is refused at its first line, before the dense table is allocated.
    ///   - maximumCells: the most accounts × collateral assets the table may hold.
    public static func parse(bytes: [UInt8], source: String, debtAsset given: String? = nil, prices: PriceTable? = nil,
                             maximumCells: Int = AccountBook.maximumCells) throws -> AccountBook {
        let csv = try CSVText(bytes, source: source, allowBlankLines: true)
        let lines = csv.lines.indices.filter { !csv.isBlank(line: $0) }
        let expected = "expected the header account,asset,quantity"
        guard let header = lines.first else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "empty file; \(expected)")
        }
        var fields: [Range<Int>] = []
        let position = try csv.columns(ofHeader: header, into: &fields, allowed: ["account", "asset", "quantity"],
                                       required: ["account", "asset", "quantity"], expected: expected)
        let columnCount = fields.count
        let (c, s, q) = (position["account"]!, position["asset"]!, position["quantity"]!)
        guard lines.count > 1 else {
            throw TailRiskError.file(path: source, line: nil, column: nil, message: "the file has a header but no accounts")
        }
        var accountIndex: [String: Int] = [:]
        var accounts: [String] = []
        var rows: [(account: Int, asset: String, quantity: Double, line: Int)] = []
        var seen: [String: [String: Int]] = [:]
        var debtAsset = given
        var debtLine: Int?
        for index in lines.dropFirst() {
            let line = index + 1
            try csv.fields(ofLine: index, into: &fields, expecting: columnCount)
            let account = try csv.name(fields[c], line: line, column: c + 1)
            let asset = try csv.name(fields[s], line: line, column: s + 1)
            guard !account.isEmpty else { throw csv.error(line: line, column: c + 1, "empty account name") }
            guard !asset.isEmpty else { throw csv.error(line: line, column: s + 1, "empty asset name") }
            if let first = seen[account]?[asset] {
                throw csv.error(line: line, column: s + 1, "account \(ErrorQuoting.quoted(account)) holds "
                                + "\(ErrorQuoting.quoted(asset)) twice (first on line \(first)); give one row per holding")
            }
            seen[account, default: [:]][asset] = line
            let parsed = csv.bytes.withUnsafeBufferPointer { DecimalParser.parse($0, fields[q]) }
            guard case let .value(x) = parsed else {
                throw csv.error(line: line, column: q + 1, "quantity must be a finite number, got \(csv.quoted(fields[q]))")
            }
            guard abs(x) <= Limits.largestAmount else {
                throw csv.error(line: line, column: q + 1, "quantity \(csv.quoted(fields[q])) exceeds \(Limits.largestAmount) "
                                + "in magnitude; give it in other units")
            }
            if x < 0 {
                if let d = debtAsset, d != asset {
                    let why = given != nil ? "the debt asset is \(d) (--debt-asset)" : "line \(debtLine!) owes \(d)"
                    throw csv.error(line: line, column: s + 1, "a negative quantity is a debt, and debts must be in one asset: "
                                    + "\(ErrorQuoting.quoted(asset)) here, but \(why)")
                }
                debtAsset = asset
                if debtLine == nil { debtLine = line }
            }
            let k: Int
            if let existing = accountIndex[account] { k = existing } else {
                k = accounts.count
                accountIndex[account] = k
                accounts.append(account)
            }
            rows.append((k, asset, x, line))
        }
        var assets: [String] = []
        var assetIndex: [String: Int] = [:]
        var assetLines: [String: Int] = [:]
        for r in rows where r.asset != debtAsset && assetIndex[r.asset] == nil {
            if let prices, prices.index(of: r.asset) == nil {
                let near = prices.suggestions(for: r.asset)
                let hint = near.isEmpty ? "\(prices.source) has: \(ErrorQuoting.names(prices.assets))"
                    : "did you mean \(near.map { ErrorQuoting.quoted($0) }.joined(separator: " or "))?"
                throw csv.error(line: r.line, column: s + 1, "unknown asset \(ErrorQuoting.quoted(r.asset)) (\(hint))")
            }
            assetIndex[r.asset] = assets.count
            assets.append(r.asset)
            assetLines[r.asset] = r.line
        }
        let n = assets.count
        let (cells, overflow) = accounts.count.multipliedReportingOverflow(by: n)
        guard !overflow && cells <= maximumCells else {
            throw TailRiskError.file(path: source, line: nil, column: nil,
                                     message: "\(accounts.count) accounts × \(n) collateral assets is more than the "
                                         + "\(maximumCells) holdings a book may hold (one per account and asset)")
        }
        var quantities = [Double](repeating: 0, count: accounts.count * n)
        var debts = [Double](repeating: 0, count: accounts.count)
        for r in rows {
            if r.asset == debtAsset {
                guard r.quantity <= 0 else {
                    throw csv.error(line: r.line, column: q + 1, "a positive quantity of the debt asset \(r.asset) is not supported; "
                                    + "net it against the account's debt")
                }
                debts[r.account] = -r.quantity
            } else {
                guard r.quantity >= 0 else { fatalError("negative collateral passed the debt-asset check") }
                quantities[r.account * n + assetIndex[r.asset]!] = r.quantity
            }
        }
        return AccountBook(source: source, accounts: accounts, assets: assets,
                           debtAsset: debts.contains(where: { $0 > 0 }) ? debtAsset : given,
                           quantities: quantities, debts: debts, assetLines: assetLines)
    }
}
