import Foundation

/// The fitted parts shared by the t and Gaussian copula laws (methods.md §8):
/// the lower Cholesky factor `L` of the copula correlation `R`, each asset's
/// empirical marginal `F̂_i` (of the returns, or of the standardized residuals
/// under a filter) and today's volatility `σ_{T+1,i}` (1 without a filter).
///
/// One day of a scenario: normals `n`, `x = L n` (one triangular product in
/// place, O(d²)), for the t-copula `x ← x √(ν/W)` with `W ~ χ²_ν`; then
/// `u_i = T_ν(x_i)` (Gaussian: `Φ(x_i)`), `z_i = F̂_i⁻¹(u_i)`, `r_i = σ_{k,i} z_i`.
/// An `h`-step scenario is the sum of `h` such days. The volatility of day `k` is
/// `σ_{T+1}` under `none` and `ewma` (flat); under `garch` it follows the path as in
/// filtered historical simulation (methods.md §8): `σ²_{k+1} = ω + α σ²_k z²_k + β σ²_k`
/// from each drawn residual, starting at `σ_{T+1}` (issue 21: the copulas kept it flat).
/// - Complexity: per day `d` normals (and one χ²), `d²/2` multiply-adds and `d`
///   CDF evaluations; a block `dtrmm` over all scenarios' normals would be the
///   faster route for hundreds of assets.
public struct CopulaSampler: Sendable {
    public let dimension: Int
    /// `L`, column-major `d × d`.
    let factor: [Double]
    public let marginals: [EmpiricalMarginal]
    /// `σ_{T+1,i}`.
    public let nextVolatility: [Double]
    /// The correlation, its τ-b and the repair report.
    public let correlation: CopulaCorrelation
    /// The filter the marginals were read through (`none`, `ewma`, `garch`).
    public let filterName: String
    /// Each asset's GARCH(1,1) under the `garch` filter: the variance then follows each
    /// path (`nil`: flat `σ_{T+1}`).
    public let garch: [GARCHParameters]?

    /// Fits the copula to one filter fit per asset (`IdentityFilter` fits for
    /// the returns themselves): `R` from τ-b of the residuals, marginals from them.
    /// - Throws: `.insufficientData` for fewer than 2 days, the repair's errors.
    /// - Complexity: O(d² T²) for τ-b.
    /// - Parameter tails: `gpd` fits generalized Pareto tails beyond each marginal's outer 10%.
    public init(fits: [FilterFit], filterName: String, tails: MarginalTails = .empirical) throws {
        precondition(!fits.isEmpty, "at least one asset")
        let t = fits[0].count
        precondition(fits.allSatisfy { $0.count == t }, "every asset over the same days")
        var residuals = Matrix(rows: t, cols: fits.count)
        for (i, fit) in fits.enumerated() { for s in 0..<t { residuals[s, i] = fit.residuals[s] } }
        var marginals = fits.map { EmpiricalMarginal($0.residuals) }
        if tails == .gpd { marginals = try marginals.map { try $0.withParetoTails() } }
        let garch = fits.compactMap { $0.garch?.parameters }
        self.init(correlation: try CopulaCorrelation(residuals), marginals: marginals,
                  nextVolatility: fits.map(\.next), filterName: filterName,
                  garch: garch.count == fits.count ? garch : nil)
    }

    /// A copula with a given correlation and marginals (designs, checks of the copula itself).
    public init(correlation: CopulaCorrelation, marginals: [EmpiricalMarginal], nextVolatility: [Double],
                filterName: String, garch: [GARCHParameters]? = nil) {
        precondition(marginals.count == correlation.correlation.rows && nextVolatility.count == marginals.count,
                     "one marginal and one volatility per asset")
        precondition(garch == nil || garch!.count == marginals.count, "one GARCH per asset")
        self.garch = garch
        self.correlation = correlation
        dimension = marginals.count
        factor = correlation.cholesky.storage
        self.marginals = marginals
        self.nextVolatility = nextVolatility
        self.filterName = filterName
    }

    /// Writes one day's copula uniforms `u` to `x` (`d` doubles), `nu == nil` for Gaussian.
    @inline(__always)
    func drawUniforms(degreesOfFreedom nu: Double?, rng: inout Xoshiro256PlusPlus, into x: UnsafeMutablePointer<Double>) {
        rng.fillNormals(x, count: dimension)
        // The χ² draw follows the normals (the correlation consumes no random numbers).
        let scale = nu.map { ($0 / Self.chiSquared($0, &rng)).squareRoot() } ?? 1
        uniforms(fromNormals: x, scale: scale, degreesOfFreedom: nu)
    }

    /// `x ← L x` in place (last row first: row i reads x_0 … x_i, still untouched), then
    /// `u_i = Φ(x_i)`, or `t_ν(scale · x_i)` for the t-copula. Shared with `CopulaTilt`.
    /// - Complexity: d²/2 multiply-adds and `d` CDFs.
    func uniforms(fromNormals x: UnsafeMutablePointer<Double>, scale: Double, degreesOfFreedom nu: Double?) {
        let d = dimension
        factor.withUnsafeBufferPointer { l in
            for i in stride(from: d - 1, through: 0, by: -1) {
                var s = 0.0
                for j in 0...i { s += l[i + j * d] * x[j] }
                x[i] = s
            }
        }
        if let nu {
            for i in 0..<d { x[i] = StudentT.cdf(scale * x[i], degreesOfFreedom: nu) }
        } else {
            for i in 0..<d { x[i] = Normal.cdf(x[i]) }
        }
    }

    func draw(horizon: Int, degreesOfFreedom nu: Double?, rng: inout Xoshiro256PlusPlus,
              into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        for i in 0..<dimension { out[i] = 0 }
        withPathVariances(horizon: horizon) { variance in
            for k in 0..<horizon {
                drawUniforms(degreesOfFreedom: nu, rng: &rng, into: scratch)
                addDay(k, of: horizon, uniforms: scratch, variance: variance, into: out)
            }
        }
    }

    /// Adds day `k` (of `horizon`) to `out`: `r_i = σ_{k,i} F̂_i⁻¹(u_i)` with `u` the day's
    /// uniforms; day 0 uses `σ_{T+1}` itself (so one step is the same under every filter).
    /// Under garch, before a later day, moves `variance[i]` to `σ²_{k+1,i}`. Shared with `CopulaTilt`.
    /// - Complexity: `d` quantiles (and `d` variance updates under garch).
    @inline(__always)
    func addDay(_ k: Int, of horizon: Int, uniforms u: UnsafeMutablePointer<Double>,
                variance: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        guard let garch else {
            for i in 0..<dimension { out[i] += nextVolatility[i] * marginals[i].quantile(u[i]) }
            return
        }
        for i in 0..<dimension {
            let z = marginals[i].quantile(u[i])
            let v = k == 0 ? nextVolatility[i] * nextVolatility[i] : variance[i]
            out[i] += (k == 0 ? nextVolatility[i] : v.squareRoot()) * z
            if k + 1 < horizon { variance[i] = garch[i].nextVariance(after: v, residual: z) }
        }
    }

    /// Runs `body` with room for each asset's path variance (`d` doubles, on the stack when
    /// small; used under garch over more than one step only).
    @inline(__always)
    func withPathVariances<R>(horizon: Int, _ body: (UnsafeMutablePointer<Double>) -> R) -> R {
        let count = garch != nil && horizon > 1 ? dimension : 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { body($0.baseAddress!) }
    }

    /// `χ²_ν` for any `ν > 0`: Marsaglia–Tsang for `ν ≥ 2`, else boosted,
    /// `χ²_ν = χ²_{ν+2} · U^{2/ν}` (Gamma(a) = Gamma(a + 1) U^{1/a}).
    static func chiSquared(_ nu: Double, _ rng: inout Xoshiro256PlusPlus) -> Double {
        if nu >= 2 { return rng.nextChiSquared(degreesOfFreedom: nu) }
        let w = rng.nextChiSquared(degreesOfFreedom: nu + 2)
        return w * pow(rng.nextUniformPositive(), 2 / nu)
    }

    func validate() throws {
        guard nextVolatility.allSatisfy({ $0.isFinite && $0 > 0 }),
              marginals.allSatisfy({ $0.sorted.allSatisfy(\.isFinite) }) else {
            throw TailRiskError.numerical(message: "the copula's marginals or today's volatilities are not finite and positive")
        }
    }

    func horizonTreatment(_ h: Int) -> String {
        let kind = marginals.allSatisfy({ $0.lowerTail != nil }) ? "empirical marginals (GPD tails)" : "empirical marginals"
        let margins = filterName == "none" ? "\(kind) of the returns" : "\(kind) of the \(filterName) residuals × σ_{T+1}"
        let path = garch == nil ? "flat σ_{T+1}" : "GARCH variance along each path"
        return h == 1 ? "\(margins), 1 step" : "sum of \(h) daily draws (\(margins), \(path))"
    }
}
