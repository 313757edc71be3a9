import Foundation

/// The boundary stage of `GARCHEstimation` (issue 21): a search of each face of
/// the box `x = (ω, p = α + β, a = α/(α + β))` for a local maximum of the likelihood
/// that the interior starts do not reach.
///
/// On real windows the Gaussian GARCH(1,1) likelihood is often bimodal: an interior
/// maximum (`α ≈ 0.03`, `β ≈ 0.96`) and one on the face `α = 0` with `β` near 1 and
/// `ω` near its floor, where `σ²_t = ω/(1 − β) + β^{t−1}(σ²_1 − ω/(1 − β))` drifts
/// from `arch`'s backcast. The interior polish converges to whichever basin its
/// Nelder–Mead end point lies in, so it stopped below `arch` (or `arch` on `100 r`)
/// in about 4% of rolling crypto windows. Here each face is searched in its own
/// right:
///
/// | face | held | grid of the free coordinates |
/// |---|---|---|
/// | `α = 0` | `a = 0` | `β ∈ {0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1 − 10⁻⁶}` × `ω ∈ Ω` |
/// | `β = 0` (ARCH(1)) | `a = 1` | `α ∈ {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9}` × `ω ∈ Ω` |
/// | `α + β = 1 − 10⁻⁶` | `p` | `α/(α + β) ∈ {0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2}` × `ω ∈ Ω` |
///
/// with `Ω = {10⁻¹², 10⁻⁴, 10⁻³, 10⁻², 0.03, 0.1, 0.3, 1}` in units of `mean r²` (the
/// rescaled `ω`: the interior grid ties `ω` to `1 − α − β`, which misses a maximum at
/// `ω → 0`). The two best grid points of each face are polished by projected Newton
/// with the face's coordinate held (so the polish explores the face, its edges and
/// `ω`'s floor), then by the full polish from there, which leaves the face when the
/// gradient points inward and stays on it at a Karush–Kuhn–Tucker point.
/// - Complexity: 154 likelihood passes for the grids, then 12 Newton polishes
///   (a few hundred passes in all).
enum GARCHFaceSearch {
    /// `ω` on every face's grid, in units of the window's mean square.
    static let omegas = [GARCHEstimation.omegaBounds.lower, 1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1]
    /// Grid points kept per face.
    static let keptPerFace = 2

    /// One face: the held coordinate and the grid of box points on it.
    struct Face {
        let held: Int
        let points: [[Double]]
    }

    static var faces: [Face] {
        let cap = GARCHParameters.maximumPersistence
        let betas = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, cap]
        let alphas = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]
        let shares = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]
        return [
            Face(held: 2, points: betas.flatMap { p in omegas.map { [$0, p, 0] } }),
            Face(held: 2, points: alphas.flatMap { p in omegas.map { [$0, p, 1] } }),
            Face(held: 1, points: shares.flatMap { a in omegas.map { [$0, cap, a] } }),
        ]
    }

    /// The polished candidates of every face, in the order of `faces`.
    static func candidates(_ search: inout GARCHSearch) -> [ProjectedNewton.Result] {
        var out: [ProjectedNewton.Result] = []
        for face in faces {
            let values = face.points.map { search.value($0) }
            let order = values.indices.filter { values[$0].isFinite }
                .sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            for i in order.prefix(keptPerFace) {
                let onFace = search.polish(from: face.points[i], holding: face.held)
                out.append(search.polish(from: onFace.x))
            }
        }
        return out
    }
}
