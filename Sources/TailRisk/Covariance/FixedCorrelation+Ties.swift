/// Assets tied by set correlations of exactly ±1 (`FixedCorrelation`).
///
/// `ρ_ab = s ∈ {−1, 1}` means `z_b = s z_a`, so `ρ_bk = s ρ_ak` for every `k`: the
/// tied assets form groups (union–find with signs, each asset's sign relative to
/// its group's first, lowest-indexed member), and a correlation matrix with the
/// ties is `C = S C_g Sᵀ`, `S` the `d × g` matrix with `s_i` at `(i, g(i))`, for a
/// correlation matrix `C_g` of the groups. `‖C − A‖_F² = Σ_gh n_g n_h (C_g,gh − Ā_gh)²
/// + const`, `Ā_gh` the average of `s_i s_j A_ij` over the members: the nearest `C`
/// is the expansion of the `W`-norm nearest `C_g` to `Ā`, `W = diag(n_g)`.
///
/// Factor: with `L_g` the Cholesky factor of `C_g` and `r_1 < … < r_g` the groups'
/// first members, `L[i, r_m] = s_i L_g[g(i), m]` (`m ≤ g(i)`, zero elsewhere) is
/// lower triangular (`r_m ≤ r_g(i) ≤ i`) and `L Lᵀ = S C_g Sᵀ` exactly.
/// - Complexity: O(d² + e) to reduce and expand, `e` the entries.
extension FixedCorrelation {
    struct Ties {
        /// Each group's members, ascending; groups ordered by their first member.
        let groups: [[Int]]
        /// The group of each asset.
        let group: [Int]
        /// Each asset's sign relative to its group's first member.
        let sign: [Double]

        /// Groups from the ±1 entries. Throws when the ties contradict each other.
        init(dimension d: Int, entries: [Entry], name: (Int) -> String) throws {
            var parent = Array(0..<d), relative = [Double](repeating: 1, count: d)
            func find(_ i: Int) -> (root: Int, sign: Double) {
                var i = i, s = 1.0
                while parent[i] != i { s *= relative[i]; i = parent[i] }
                return (i, s)
            }
            for e in entries where abs(e.value) == 1 {
                let (a, sa) = find(e.i), (b, sb) = find(e.j)
                if a == b {
                    guard sa * sb == e.value else {
                        throw TailRiskError.invalidParameter(.correlationOverride, message:
                            "\(name(e.i)):\(name(e.j))=\(e.value) contradicts the other ±1 correlations set (they make it \(sa * sb))")
                    }
                    continue
                }
                let (low, high) = a < b ? (a, b) : (b, a)
                parent[high] = low
                relative[high] = sa * sb * e.value
            }
            var index = [Int: Int](), groups: [[Int]] = [], group = [Int](repeating: 0, count: d)
            var sign = [Double](repeating: 1, count: d)
            for i in 0..<d {
                let (root, s) = find(i)
                if index[root] == nil { index[root] = groups.count; groups.append([]) }
                group[i] = index[root]!
                groups[group[i]].append(i)
                sign[i] = s
            }
            self.groups = groups
            self.group = group
            self.sign = sign
        }

        /// The entries between groups, `s_i s_j ρ_ij`; throws when two disagree or one
        /// inside a group is not the ties' `s_i s_j`.
        func reduce(_ entries: [Entry], name: (Int) -> String) throws -> [Entry] {
            var out: [Entry] = [], source: [[Int]: Entry] = [:]
            for e in entries {
                let (a, b) = (group[e.i], group[e.j]), v = sign[e.i] * sign[e.j] * e.value
                if a == b {
                    guard v == 1 else {
                        throw TailRiskError.invalidParameter(.correlationOverride, message:
                            "\(name(e.i)):\(name(e.j))=\(e.value) contradicts the ±1 correlations set (they make it \(sign[e.i] * sign[e.j]))")
                    }
                    continue
                }
                let key = [Swift.min(a, b), Swift.max(a, b)]
                if let first = source[key] {
                    guard sign[first.i] * sign[first.j] * first.value == v else {
                        throw TailRiskError.invalidParameter(.correlationOverride, message:
                            "\(name(first.i)):\(name(first.j))=\(first.value) and \(name(e.i)):\(name(e.j))=\(e.value) "
                            + "contradict the ±1 correlations set (which make one ± the other)")
                    }
                    continue
                }
                source[key] = e
                out.append(Entry(i: a, j: b, value: v))
            }
            return out
        }

        /// `Ā`: the groups' average sign-adjusted correlations, unit diagonal.
        func reduce(_ c: Matrix) -> Matrix {
            let g = groups.count
            var out = Matrix.identity(g)
            for q in 0..<g {
                for p in 0..<q {
                    var sum = 0.0
                    for i in groups[p] { for j in groups[q] { sum += sign[i] * sign[j] * c[i, j] } }
                    out[p, q] = sum / Double(groups[p].count * groups[q].count)
                    out[q, p] = out[p, q]
                }
            }
            return out
        }

        /// `S C_g Sᵀ` (exact unit diagonal and ±1 within a group).
        func expand(_ cg: Matrix) -> Matrix {
            let d = group.count
            var out = Matrix(rows: d, cols: d)
            for j in 0..<d { for i in 0..<d { out[i, j] = sign[i] * sign[j] * cg[group[i], group[j]] } }
            return out
        }

        /// The lower-triangular `L` with `L Lᵀ = S C_g Sᵀ` from `C_g = L_g L_gᵀ`.
        func expandFactor(_ lg: Matrix) -> Matrix {
            let d = group.count
            var out = Matrix(rows: d, cols: d)
            for i in 0..<d {
                for m in 0...group[i] { out[i, groups[m][0]] = sign[i] * lg[group[i], m] }
            }
            return out
        }
    }
}
