import Foundation

/// The boundary stage of `GARCHFamilyEstimation`: `GARCHFaceSearch`'s grids (issue 21),
/// stated for any member of the family in its box coordinates `x = (ω, P, v)`.
///
/// A face is "atom `m` is zero" (`α = 0`, `α + γ = 0`, `β = 0`, …: the share `s_m = 0`,
/// held as `v_m = 0`, or `v_{M−2} = 1` for the last atom) or "the persistence is at its cap"
/// (`P = 1 − 10⁻⁶` held). Each face's grid is `ω ∈ GARCHFaceSearch.omegas` (units of `mean r²`)
/// × `P ∈ {0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 1 − 10⁻⁶}` (the cap alone on its
/// own face) × a split `a ∈ {0.01, 0.05, 0.1, 0.2, 0.5, 1}` of the persistence given to the
/// ARCH atoms (`α`, `α + γ`, `γ`), evenly, the rest to the `β`s, evenly (only the splits
/// the face allows). The two best points of each face are polished with the face held,
/// then released, as for GARCH(1,1).
/// - Complexity: at most `8 · 9 · 6` likelihood passes per face, `M + 1` faces, then
///   four Newton polishes per face.
enum GARCHFamilyFaces {
    static let persistences = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, GARCHOrder.maximumPersistence]
    static let splits = [0.01, 0.05, 0.1, 0.2, 0.5, 1.0]

    /// One face: the coordinate held and its grid of box points.
    struct Face { let held: Int; let points: [[Double]] }

    /// Box coordinates of the shares `s` (summing to 1) with `ω` and `P`.
    static func box(omega: Double, persistence: Double, shares s: [Double]) -> [Double] {
        var x = [omega, persistence], rest = 1.0
        for m in 0..<(s.count - 1) {
            x.append(rest > 1e-15 ? Swift.min(Swift.max(s[m] / rest, 0), 1) : 0)
            rest -= s[m]
        }
        return x
    }

    static func faces(_ order: GARCHOrder) -> [Face] {
        let atoms = order.atoms, count = atoms.count
        let isBeta = atoms.map { $0.index > order.p + order.o }
        func shares(zero: Int?, split a: Double) -> [Double]? {
            let arch = (0..<count).filter { $0 != zero && !isBeta[$0] }, beta = (0..<count).filter { $0 != zero && isBeta[$0] }
            if arch.isEmpty && a > 0 || beta.isEmpty && a < 1 { return nil }
            var s = [Double](repeating: 0, count: count)
            for m in arch { s[m] = a / Double(arch.count) }
            for m in beta { s[m] = (1 - a) / Double(beta.count) }
            return s
        }
        var out: [Face] = []
        for zero in 0..<count where count > 1 {
            let held = zero < count - 1 ? 2 + zero : 2 + count - 2
            var points: [[Double]] = []
            for a in splits + [0] {
                guard let s = shares(zero: zero, split: a) else { continue }
                for p in persistences { for w in GARCHFaceSearch.omegas { points.append(box(omega: w, persistence: p, shares: s)) } }
            }
            // The held coordinate at its face value for every point (box() gives it up to rounding).
            let value = zero < count - 1 ? 0.0 : 1.0
            out.append(Face(held: held, points: points.map { var x = $0; x[held] = value; return x }))
        }
        var cap: [[Double]] = []
        for a in splits {
            guard let s = shares(zero: nil, split: a) else { continue }
            for w in GARCHFaceSearch.omegas { cap.append(box(omega: w, persistence: GARCHOrder.maximumPersistence, shares: s)) }
        }
        out.append(Face(held: 1, points: cap))
        return out
    }

    /// The polished candidates of every face of `order`: `f` is the objective in box
    /// coordinates, `polish(start, held)` the projected Newton with a coordinate held (or not).
    static func candidates(_ order: GARCHOrder, _ f: ([Double]) -> Double,
                           polish: ([Double], Int?) -> ProjectedNewton.Result) -> [ProjectedNewton.Result] {
        var out: [ProjectedNewton.Result] = []
        for face in faces(order) {
            let values = face.points.map(f)
            let order = values.indices.filter { values[$0].isFinite }
                .sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            for i in order.prefix(GARCHFaceSearch.keptPerFace) {
                let onFace = polish(face.points[i], face.held)
                out.append(polish(onFace.x, nil))
            }
        }
        return out
    }
}
