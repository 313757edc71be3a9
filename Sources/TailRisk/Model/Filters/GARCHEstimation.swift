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
/// 3. **Starts.** `arch`'s grid, `α ∈ {0.01, 0.05, 0.1, 0.2}` × `α + β ∈ {0.5, 0.7, 0.9, 0.98}`
///    with `ω = (1 − α − β) mean y²`; the three best by likelihood are kept.
/// 4. **Global stage.** Nelder–Mead from each start on `(ln ω, logit(p/(1 − 10⁻⁶)), logit a)`
///    (unconstrained, so the simplex cannot leave the box), at most 300 evaluations each.
/// 5. **Polish.** Projected Newton with the exact Hessian (`GARCHObjective`) on the box
///    from each Nelder–Mead end point, at most 50 iterations: this reaches optima on the
///    boundary (`α = 0`, `β = 0` or `α + β` at its cap), which the logit coordinates
///    only approach.
/// The best polished point wins (the earlier start on ties). Every step is a
/// fixed sequence of floating-point operations: the same window gives the same bits.
/// - Complexity: about 1,000–2,000 O(T) likelihood passes.
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
        let objective = GARCHObjective(returns.map { $0 / c })
        let cap = GARCHParameters.maximumPersistence
        let lower = [omegaBounds.lower, 0, 0], upper = [omegaBounds.upper, cap, 1]
        var evaluations = 0

        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let (o, a, b) = GARCHCoordinates.parameters(x)
            return objective.value(omega: o, alpha: a, beta: b)
        }
        // Starting grid (arch's GARCH.starting_values for p = q = 1, o = 0).
        var grid: [(x: [Double], f: Double)] = []
        for alpha in [0.01, 0.05, 0.1, 0.2] {
            for p in [0.5, 0.7, 0.9, 0.98] {
                let x = [1 - p, p, alpha / p]
                grid.append((x, value(x)))
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
        let newton = ProjectedNewton(maxIterations: 50)
        var best: ProjectedNewton.Result? = nil
        for start in starts {
            let global = simplex.minimize({ value(fromSimplex($0)) }, from: toSimplex(start), steps: [0.5, 0.5, 0.5])
            let polished = newton.minimize(
                value: value,
                derivatives: { x in evaluations += 1; return GARCHCoordinates.derivatives(objective, x) },
                from: fromSimplex(global.x), lower: lower, upper: upper)
            if polished.value.isFinite, best == nil || polished.value < best!.value { best = polished }
        }
        guard let best else {
            throw TailRiskError.numerical(message: "the GARCH(1,1) likelihood is not finite at any starting point")
        }
        let (o, a, b) = GARCHCoordinates.parameters(best.x)
        let parameters = GARCHParameters(omega: o * meanSquare, alpha: a, beta: b)
        let report = GARCHEstimationReport(converged: best.converged, iterations: best.iterations,
                                           evaluations: evaluations, projectedGradient: best.projectedGradient,
                                           persistenceAtCap: best.x[1] >= cap)
        return GARCHFit(parameters: parameters, logLikelihood: parameters.logLikelihood(returns), estimation: report)
    }
}
