import Foundation

/// A generalized Pareto tail beyond the outer 10% of one side of an empirical
/// marginal (methods.md §8; McNeil & Frey 2000): exceedances `y = û − z` over the
/// threshold `û = F̂⁻¹(0.1)` (lower side; `z − F̂⁻¹(0.9)` for the upper) follow
/// `GPD(ξ, β)`, fitted by maximum likelihood as `scipy.stats.genpareto.fit(y, floc=0)`,
/// and the quantile below the threshold is
///
///     z(u) = û − (β/ξ)((u/0.1)^{−ξ} − 1),  u < 0.1   (û − β ln(0.1/u) at ξ = 0),
///
/// mirrored above `0.9`. Unlike the empirical tail it extrapolates past the worst day.
public struct GeneralizedParetoTail: Sendable, Equatable {
    /// The tail's probability mass, 0.1.
    public static let tailProbability = 0.1
    /// `û`.
    public let threshold: Double
    /// Shape `ξ`.
    public let xi: Double
    /// Scale `β > 0`.
    public let beta: Double
    /// Number of exceedances fitted.
    public let exceedances: Int

    public init(threshold: Double, xi: Double, beta: Double, exceedances: Int) {
        self.threshold = threshold
        self.xi = xi
        self.beta = beta
        self.exceedances = exceedances
    }

    /// How far beyond the threshold the quantile of tail probability `p ≤ 0.1` lies:
    /// `(β/ξ)((p/0.1)^{−ξ} − 1)`, with `p` floored at `2⁻⁵³` (the resolution of a
    /// uniform near 1, where `1 − u` rounds to 0) so a scenario is never infinite.
    @inline(__always)
    public func excess(tailProbability p: Double) -> Double {
        let r = Self.tailProbability / max(p, 0x1p-53)
        return abs(xi) < 1e-12 ? beta * log(r) : beta / xi * expm1(xi * log(r))
    }

    /// GPD log-likelihood `−n ln β − (1 + 1/ξ) Σ ln(1 + ξ y/β)` (`−n ln β − Σ y/β` at ξ = 0);
    /// −∞ outside the support.
    public static func logLikelihood(_ y: [Double], xi: Double, beta: Double) -> Double {
        guard beta > 0 else { return -.infinity }
        var s = 0.0
        for v in y {
            let a = xi * v / beta
            guard a > -1 else { return -.infinity }
            s += abs(xi) < 1e-12 ? v / beta : (1 + 1 / xi) * log1p(a)
        }
        return -Double(y.count) * log(beta) - s
    }

    /// The maximum-likelihood fit to positive exceedances `y`, by Grimshaw's (1993)
    /// profile in `θ = ξ/β`: for fixed `θ`, `ξ̂(θ) = mean ln(1 + θ y)` and
    /// `ℓ(θ) = −n ln(ξ̂/θ) − n(1 + ξ̂)`, maximized over `θ · max y ∈ (−1, 10⁴]` on a
    /// grid of 1,600 points, then by golden section between the best point's neighbours.
    /// Local optima with `ξ < −1` (where the likelihood is unbounded) are excluded, as
    /// SciPy's Nelder–Mead, started from a moment estimate, also stays away from them.
    /// - Throws: `.insufficientData` for fewer than 3 exceedances.
    /// - Complexity: about 1,700 passes over `y`.
    public static func fit(exceedances y: [Double], threshold: Double) throws -> GeneralizedParetoTail {
        guard y.count >= 3, let top = y.max(), top > 0 else {
            throw TailRiskError.insufficientData(
                message: "a generalized Pareto tail needs at least 3 positive exceedances, got \(y.count)")
        }
        let n = Double(y.count)
        func xiHat(_ theta: Double) -> Double {
            if theta == 0 { return 0 }
            var s = 0.0
            for v in y { s += log1p(theta * v) }
            return s / n
        }
        func profile(_ v: Double) -> Double {  // v = θ · max y
            let theta = v / top
            if abs(theta) < 1e-300 {  // exponential limit: β = mean y
                let mean = y.reduce(0, +) / n
                return -n * log(mean) - n
            }
            let xi = xiHat(theta)
            guard xi >= -1, xi / theta > 0 else { return -.infinity }
            return -n * log(xi / theta) - n * (1 + xi)
        }
        var grid: [Double] = (1..<800).map { -1 + Double($0) / 800 }  // (−1, 0)
        grid += (0...800).map { pow(10, -4 + 8 * Double($0) / 800) }  // [1e−4, 1e4]
        grid.sort()
        let values = grid.map(profile)
        let k = values.indices.max { values[$0] < values[$1] }!
        var a = k > 0 ? grid[k - 1] : grid[0], b = k + 1 < grid.count ? grid[k + 1] : grid[k]
        let golden = (5.0.squareRoot() - 1) / 2
        var c = b - golden * (b - a), d = a + golden * (b - a)
        var fc = profile(c), fd = profile(d)
        for _ in 0..<200 where b - a > 1e-14 * max(1, abs(a)) {
            if fc >= fd { b = d; d = c; fd = fc; c = b - golden * (b - a); fc = profile(c) }
            else { a = c; c = d; fc = fd; d = a + golden * (b - a); fd = profile(d) }
        }
        let v = fc >= fd ? c : d
        let theta = v / top
        let xi = xiHat(theta)
        let beta = abs(theta) < 1e-300 ? y.reduce(0, +) / n : xi / theta
        return GeneralizedParetoTail(threshold: threshold, xi: xi, beta: beta, exceedances: y.count)
    }
}

/// The tails of a copula's marginals: `empirical` (constant beyond the data) or `gpd`.
public enum MarginalTails: String, Sendable, CaseIterable {
    case empirical
    case gpd
}

extension EmpiricalMarginal {
    /// The marginal with generalized Pareto tails beyond `F̂⁻¹(0.1)` and `F̂⁻¹(0.9)`:
    /// lower exceedances `û − z[z < û]`, upper `z[z > û⁺] − û⁺`.
    /// - Throws: `.insufficientData` when a side has fewer than 3 exceedances (T below about 30).
    public func withParetoTails() throws -> EmpiricalMarginal {
        let p = GeneralizedParetoTail.tailProbability
        let lo = interpolated(p), hi = interpolated(1 - p)
        let lower = try GeneralizedParetoTail.fit(exceedances: sorted.filter { $0 < lo }.map { lo - $0 }, threshold: lo)
        let upper = try GeneralizedParetoTail.fit(exceedances: sorted.filter { $0 > hi }.map { $0 - hi }, threshold: hi)
        return EmpiricalMarginal(sorted: sorted, lowerTail: lower, upperTail: upper)
    }
}
