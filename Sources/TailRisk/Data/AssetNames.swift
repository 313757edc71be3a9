extension PriceTable {
    /// The table's names closest to `name`, for a "did you mean" hint: at most three, nearest
    /// first (then in table order), within an edit distance (`AssetNames.editDistance`) of 1
    /// for names up to 5 characters and 2 beyond, ignoring case.
    ///
    /// - Complexity: O(assets × name lengths²); names over 64 characters are not compared.
    public func suggestions(for name: String) -> [String] {
        let target = Array(name.lowercased())
        guard target.count <= 64 else { return [] }
        let limit = target.count <= 5 ? 1 : 2
        var scored: [(distance: Int, order: Int, name: String)] = []
        for (j, asset) in assets.enumerated() {
            let candidate = Array(asset.lowercased())
            guard abs(candidate.count - target.count) <= limit, candidate.count <= 64 else { continue }
            let d = AssetNames.editDistance(target, candidate)
            if d <= limit { scored.append((d, j, asset)) }
        }
        return scored.sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }.prefix(3).map(\.name)
    }

    /// The file's spelling of `name` (exact, else ignoring case).
    ///
    /// - Throws: `.invalidParameter(parameter)` for a name the table does not have, naming the
    ///   closest names ("did you mean") or, without any, the table's assets.
    public func resolve(_ name: String, parameter: Parameter) throws -> String {
        if let j = index(of: name) { return assets[j] }
        let near = suggestions(for: name)
        let hint = near.isEmpty
            ? "\(source) has: \(ErrorQuoting.names(assets))"
            : "did you mean \(near.map { ErrorQuoting.quoted($0) }.joined(separator: " or "))?"
        throw TailRiskError.invalidParameter(parameter, message: "unknown asset \(ErrorQuoting.quoted(name)) (\(hint))")
    }
}

enum AssetNames {
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    /// two adjacent characters (`SLO` → `SOL`) cost one each. O(a·b) time and memory.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        let (n, m) = (a.count, b.count)
        if n == 0 || m == 0 { return max(n, m) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { d[i][0] = i }
        for j in 0...m { d[0][j] = j }
        for i in 1...n {
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[n][m]
    }
}
