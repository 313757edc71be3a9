import Foundation

/// The GARCH(p, o, q) family of `arch`'s `GARCH` volatility process (Bollerslev 1986;
/// with `o > 0` the GJR model of Glosten, Jagannathan & Runkle 1993, *On the relation
/// between the expected value and the volatility of the nominal excess return on
/// stocks*, J. Finance 48), for zero-mean returns:
///
///     σ²_t = ω + Σ_{i=1}^{p} α_i r²_{t−i} + Σ_{j=1}^{o} γ_j r²_{t−j} 1[r_{t−j} < 0] + Σ_{k=1}^{q} β_k σ²_{t−k},
///
/// with `arch`'s backcast `b` (`GARCHParameters.backcast`) for every `r²` and `σ²` before
/// the sample and `b/2` for every `r² 1[r < 0]` before it. GARCH(1,1) is `(1, 0, 1)`,
/// GJR-GARCH(1,1) is `(1, 1, 1)`.
///
/// The family states, as `arch`'s `GARCH.bounds`, `constraints` and `starting_values` do,
/// what a generic fit needs (`GARCHFamilyEstimation`):
/// - parameters `θ = (ω, α_1…α_p, γ_1…γ_o, β_1…β_q)`;
/// - constraints `ω > 0`, `α_i ≥ 0`, `α_i + γ_i ≥ 0` (`i ≤ p`; `γ_j ≥ 0` beyond), `β_k ≥ 0`,
///   persistence `Σα + ½Σγ + Σβ ≤ 1 − 10⁻⁶`;
/// - starting values: `arch`'s grid `α, γ ∈ {0.01, 0.05, 0.1, 0.2}`, `α + γ/2 + β ∈ {0.5, 0.7, 0.9, 0.98}`,
///   `ω = (1 − persistence)·mean r²`, split evenly over the lags;
/// - box coordinates that make the constrained set a box (`point(_:)`, `coordinates(_:)`).
///
/// The constraints say that every "atom" — `α_i` alone, or the up-day and down-day ARCH
/// weights `α_i` and `α_i + γ_i` (each carrying half a unit of persistence), `γ_j` beyond `p`
/// (half), `β_k` (one) — is non-negative, and that their weighted sum is the persistence.
/// So `x = (ω, P, v_1 … v_{M−1})` with `P ∈ [0, 1 − 10⁻⁶]` and stick-breaking shares
/// `s_m = v_m Π_{l<m}(1 − v_l)` (`v ∈ [0, 1]`, the last share the remainder) maps the box
/// onto the admissible set: `atom_m = P s_m / weight_m`. For `(1, 0, 1)` it is
/// `GARCHCoordinates`' `(ω, α + β, α/(α + β))`.
public struct GARCHOrder: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// ARCH lags `p ≥ 1`, asymmetric lags `o ≥ 0`, GARCH lags `q ≥ 0`.
    public let p: Int, o: Int, q: Int

    public init(p: Int, o: Int, q: Int) {
        (self.p, self.o, self.q) = (p, o, q)
    }

    /// GARCH(1,1).
    public static let garch11 = GARCHOrder(p: 1, o: 0, q: 1)
    /// GJR-GARCH(1,1): GARCH(1,1) with one asymmetric lag.
    public static let gjr11 = GARCHOrder(p: 1, o: 1, q: 1)

    /// Why the order is not one the family fits (`nil` when it is): `1 ≤ p ≤ 5`, `0 ≤ o, q ≤ 5`.
    public var problem: String? {
        guard (1...5).contains(p), (0...5).contains(o), (0...5).contains(q) else {
            return "GARCH orders need 1 ≤ p ≤ 5 and 0 ≤ o, q ≤ 5, got (\(p), \(o), \(q))"
        }
        return nil
    }

    /// `1 + p + o + q`.
    public var parameterCount: Int { 1 + p + o + q }

    /// `GARCH(p,q)` or `GJR-GARCH(p,o,q)`.
    public var description: String { o == 0 ? "GARCH(\(p),\(q))" : "GJR-GARCH(\(p),\(o),\(q))" }

    /// The parameter names in the order of `θ`: `omega`, `alpha[1]`, …, `gamma[1]`, …, `beta[1]`, ….
    public var parameterNames: [String] {
        ["omega"] + (1...p).map { "alpha[\($0)]" } + (0..<o).map { "gamma[\($0 + 1)]" } + (0..<q).map { "beta[\($0 + 1)]" }
    }

    /// One atom: the index into `θ` it sets, its persistence weight, and (for the down-day
    /// weight `α_i + γ_i`) the index of the `α_i` it adds to.
    struct Atom { let index: Int; let weight: Double; let plus: Int? }

    /// The atoms in box order: for each ARCH lag `α_i` (weight 1, or ½ with its `α_i + γ_i`
    /// of weight ½ when `i ≤ o`), then the `γ_j` beyond `p` (½), then the `β_k` (1).
    var atoms: [Atom] {
        var out: [Atom] = []
        for i in 0..<p {
            if i < o {
                out.append(Atom(index: 1 + i, weight: 0.5, plus: nil))
                out.append(Atom(index: 1 + p + i, weight: 0.5, plus: 1 + i))
            } else {
                out.append(Atom(index: 1 + i, weight: 1, plus: nil))
            }
        }
        for j in Swift.min(p, o)..<o where j >= p { out.append(Atom(index: 1 + p + j, weight: 0.5, plus: nil)) }
        for k in 0..<q { out.append(Atom(index: 1 + p + o + k, weight: 1, plus: nil)) }
        return out
    }

    /// The largest persistence allowed, `1 − 10⁻⁶` (as `GARCHParameters.maximumPersistence`).
    public static let maximumPersistence = GARCHParameters.maximumPersistence

    /// `Σα + ½Σγ + Σβ` of `θ`.
    public func persistence(_ theta: [Double]) -> Double {
        var s = 0.0
        for i in 0..<p { s += theta[1 + i] }
        for j in 0..<o { s += 0.5 * theta[1 + p + j] }
        for k in 0..<q { s += theta[1 + p + o + k] }
        return s
    }

    /// Whether `θ` satisfies the family's constraints (finite, `ω > 0`, atoms ≥ 0, persistence ≤ cap).
    public func isAdmissible(_ theta: [Double]) -> Bool {
        guard theta.count == parameterCount, theta.allSatisfy(\.isFinite), theta[0] > 0 else { return false }
        for atom in atoms where theta[atom.index] + (atom.plus.map { theta[$0] } ?? 0) < 0 { return false }
        return persistence(theta) <= Self.maximumPersistence * (1 + 1e-12)
    }

    /// `θ` of box coordinates `x = (ω, P, v_1 … v_{M−1})`.
    func point(_ x: [Double]) -> [Double] {
        let atoms = self.atoms
        var theta = [Double](repeating: 0, count: parameterCount)
        theta[0] = x[0]
        var rest = 1.0
        var values = [Double](repeating: 0, count: atoms.count)
        for (m, atom) in atoms.enumerated() {
            let share = m < atoms.count - 1 ? x[2 + m] * rest : rest
            rest -= share
            rest = Swift.max(rest, 0)
            values[m] = x[1] * share / atom.weight
        }
        for (m, atom) in atoms.enumerated() where atom.plus == nil { theta[atom.index] = values[m] }
        for (m, atom) in atoms.enumerated() { if let a = atom.plus { theta[atom.index] = values[m] - theta[a] } }
        return theta
    }

    /// Box coordinates of an admissible `θ` (the inverse of `point`).
    func coordinates(_ theta: [Double]) -> [Double] {
        let atoms = self.atoms
        let values = atoms.map { theta[$0.index] + ($0.plus.map { theta[$0] } ?? 0) }
        let total = zip(atoms, values).reduce(0.0) { $0 + $1.0.weight * Swift.max($1.1, 0) }
        var x = [theta[0], Swift.min(total, Self.maximumPersistence)]
        var rest = 1.0
        for m in 0..<(atoms.count - 1) {
            let share = total > 0 ? atoms[m].weight * Swift.max(values[m], 0) / total : 1 / Double(atoms.count - m)
            x.append(rest > 0 ? Swift.min(Swift.max(share / rest, 0), 1) : 0)
            rest -= share
        }
        return x
    }

    /// `arch`'s starting grid in the units where `mean r² = 1`: every `(α, γ, P)` of
    /// `{0.01, 0.05, 0.1, 0.2}² × {0.5, 0.7, 0.9, 0.98}` (no `γ` when `o = 0`) with
    /// `ω = 1 − P`, `α_i = α/p`, `γ_j = γ/o`, `β_k = (P − α − γ/2)/q`; a point `arch`
    /// would start from even when a `β` comes out negative is left out.
    var startingGrid: [[Double]] {
        let alphas = [0.01, 0.05, 0.1, 0.2], gammas = o > 0 ? alphas : [0.0]
        var out: [[Double]] = []
        for alpha in alphas {
            for gamma in gammas {
                for agb in [0.5, 0.7, 0.9, 0.98] {
                    var theta = [Double](repeating: 1 - agb, count: parameterCount)
                    for i in 0..<p { theta[1 + i] = alpha / Double(p) }
                    for j in 0..<o { theta[1 + p + j] = gamma / Double(o) }
                    let beta = agb - alpha - gamma / 2
                    for k in 0..<q { theta[1 + p + o + k] = beta / Double(q) }
                    if isAdmissible(theta) { out.append(theta) }
                }
            }
        }
        return out
    }
}
