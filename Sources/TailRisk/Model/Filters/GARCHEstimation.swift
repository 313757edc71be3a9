import Foundation

/// Gaussian quasi-maximum likelihood for GARCH(1,1) (Bollerslev 1986; QMLE:
/// Bollerslev & Wooldridge 1992) without an optimization library: a small,
/// bounded and deterministic optimizer.
///
/// 1. **Scale.** Raw daily returns have variance ~10⁻⁴, which leaves `ω` near
///    10⁻⁶ and the problem badly conditioned (at that scale `arch` itself often
///    stops at its starting values). The fit works on `y = r / c` with
///    `c² = mean r²`, so `mean y² = 1`; the recursion is homogeneous, so
///    `ω_r = c² ω_y`, `α`, `β` are unchanged and `ℓ_r = ℓ_y − T ln c`.
/// 2. **Coordinates.** `x = (ω, p = α + β, a = α/(α + β))` turn the admissible set
///    into a box (`GARCHCoordinates`): `ω ∈ [10⁻¹², 10³]`, `p ∈ [0, 1 − 10⁻⁶]`, `a ∈ [0, 1]`.
/// 3. **Interior starts.** `arch`'s grid, `α ∈ {0.01, 0.05, 0.1, 0.2}` × `α + β ∈ {0.5, 0.7, 0.9, 0.98}`
///    with `ω = (1 − α − β) mean y²`; the three best by likelihood are kept. Nelder–Mead from
///    each on `(ln ω, logit(p/(1 − 10⁻⁶)), logit a)` (unconstrained, so the simplex cannot
///    leave the box), at most 200 evaluations, then the projected Newton polish (5).
/// 4. **Faces** (`GARCHFaceSearch`). The likelihood often has a second local maximum on the
///    boundary, typically `α = 0` with `β` near 1 and `ω` near 0 (a variance that decays
///    from the backcast), which the logit coordinates of (3) only approach and whose basin
///    the interior polish misses (issue 21: about 4% of rolling windows). Each face
///    `α = 0`, `β = 0`, `α + β = 1 − 10⁻⁶` is searched on its own grid of `(ω, ·)` with
///    `ω` spread over six decades, the two best points polished by Newton with the face's
///    coordinate held, then released; the best point found so far is finally restarted
///    with `ω` rescaled by 1/4 and 4.
/// 5. **Polish.** Projected Newton with the exact Hessian (`GARCHObjective`) on the box,
///    at most 50 iterations: it reaches optima on the boundary (`α = 0`, `β = 0`,
///    `α + β` at its cap, `ω` at its floor) and stays there when the gradient points out.
/// The best polished point wins (the earlier candidate on ties). Every step is a
/// fixed sequence of floating-point operations: the same window gives the same bits.
/// - Complexity: about 2,000–3,500 O(T) likelihood passes.
enum GARCHEstimation {
    static let omegaBounds = (lower: 1e-12, upper: 1e3)
    static let startsKept = 3

    static func fit(_ returns: [Double]) throws -> GARCHFit {
        let n = returns.count
        guard n >= GARCHFilter.minimumReturns else {
            throw TailRiskError.insufficientData(message:
                "a GARCH(1,1) fit needs at least \(GARCHFilter.minimumReturns) returns, got \(n)")
        }
        guard returns.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the garch filter needs finite returns")
        }
        let meanSquare = returns.reduce(0) { $0 + $1 * $1 } / Double(n)
        guard meanSquare > 0, meanSquare.isFinite else {
            throw TailRiskError.numerical(message: "a GARCH(1,1) fit needs returns that are not all zero")
        }
        let c = meanSquare.squareRoot()
        var search = GARCHSearch(GARCHObjective(returns.map { $0 / c }))
        let cap = GARCHParameters.maximumPersistence

        // (3) Starting grid (arch's GARCH.starting_values for p = q = 1, o = 0).
        var grid: [(x: [Double], f: Double)] = []
        for alpha in [0.01, 0.05, 0.1, 0.2] {
            for p in [0.5, 0.7, 0.9, 0.98] {
                let x = [1 - p, p, alpha / p]
                grid.append((x, search.value(x)))
            }
        }
        let starts = grid.indices.sorted { grid[$0].f < grid[$1].f || (grid[$0].f == grid[$1].f && $0 < $1) }
            .prefix(startsKept).map { grid[$0].x }

        func fromSimplex(_ u: [Double]) -> [Double] {
            [Swift.min(Swift.max(exp(u[0]), omegaBounds.lower), omegaBounds.upper),
             cap / (1 + exp(-u[1])), 1 / (1 + exp(-u[2]))]
        }
        func toSimplex(_ x: [Double]) -> [Double] {
            [log(x[0]), log(x[1] / (cap - x[1])), log(x[2] / (1 - x[2]))]
        }
        let simplex = NelderMead(tolerance: 1e-7, maxEvaluations: 200)
        var candidates: [ProjectedNewton.Result] = []
        for start in starts {
            let global = simplex.minimize({ search.value(fromSimplex($0)) }, from: toSimplex(start), steps: [0.5, 0.5, 0.5])
            candidates.append(search.polish(from: fromSimplex(global.x)))
        }
        // (4) The faces, then ω rescaled from the best point so far.
        candidates += GARCHFaceSearch.candidates(&search)
        if let sofar = GARCHSearch.best(candidates) {
            for factor in [0.25, 4.0] {
                var x = sofar.x
                x[0] = Swift.min(Swift.max(x[0] * factor, omegaBounds.lower), omegaBounds.upper)
                candidates.append(search.polish(from: x))
            }
        }
        guard let best = GARCHSearch.best(candidates) else {
            throw TailRiskError.numerical(message: "the GARCH(1,1) likelihood is not finite at any starting point")
        }
        let (o, a, b) = GARCHCoordinates.parameters(best.x)
        let parameters = GARCHParameters(omega: o * meanSquare, alpha: a, beta: b)
        let report = GARCHEstimationReport(converged: best.converged, iterations: best.iterations,
                                           evaluations: search.evaluations, projectedGradient: best.projectedGradient,
                                           persistenceAtCap: best.x[1] >= cap,
                                           activeBounds: GARCHSearch.activeBounds(best.x))
        return GARCHFit(parameters: parameters, logLikelihood: parameters.logLikelihood(returns), estimation: report)
    }
}

/// The objective of one fit in box coordinates with its evaluation count, and the
/// projected Newton polish on the box or on a face of it.
struct GARCHSearch {
    let objective: GARCHObjective
    var evaluations = 0
    let lower = [GARCHEstimation.omegaBounds.lower, 0, 0]
    let upper = [GARCHEstimation.omegaBounds.upper, GARCHParameters.maximumPersistence, 1]

    init(_ objective: GARCHObjective) { self.objective = objective }

    /// `f` at box coordinates `x`.
    mutating func value(_ x: [Double]) -> Double {
        evaluations += 1
        let (o, a, b) = GARCHCoordinates.parameters(x)
        return objective.value(omega: o, alpha: a, beta: b)
    }

    /// Projected Newton from `start`, with coordinate `held` (if any) fixed at its value.
    mutating func polish(from start: [Double], holding held: Int? = nil) -> ProjectedNewton.Result {
        var lo = lower, hi = upper
        if let held { lo[held] = start[held]; hi[held] = start[held] }
        let objective = self.objective
        var count = 0
        let result = ProjectedNewton(maxIterations: 50).minimize(
            value: { x in
                count += 1
                let (o, a, b) = GARCHCoordinates.parameters(x)
                return objective.value(omega: o, alpha: a, beta: b)
            },
            derivatives: { x in count += 1; return GARCHCoordinates.derivatives(objective, x) },
            from: start, lower: lo, upper: hi)
        evaluations += count
        return result
    }

    /// The candidate of least `f` (the earlier on ties), among finite ones.
    static func best(_ candidates: [ProjectedNewton.Result]) -> ProjectedNewton.Result? {
        var best: ProjectedNewton.Result?
        for c in candidates where c.value.isFinite {
            if best == nil || c.value < best!.value { best = c }
        }
        return best
    }

    /// The bounds `x` lies on, in the parameters' terms (`α = 0`, `β = 0`, `α + β = 1 − 10⁻⁶`,
    /// `ω at its floor`, `ω at its ceiling`).
    static func activeBounds(_ x: [Double]) -> [String] {
        var out: [String] = []
        if x[0] <= GARCHEstimation.omegaBounds.lower { out.append("omega at its floor") }
        if x[0] >= GARCHEstimation.omegaBounds.upper { out.append("omega at its ceiling") }
        if x[2] <= 0 || x[1] <= 0 { out.append("alpha = 0") }
        if x[2] >= 1 || x[1] <= 0 { out.append("beta = 0") }
        if x[1] >= GARCHParameters.maximumPersistence { out.append("alpha + beta = 1 - 1e-6") }
        return out
    }
}
