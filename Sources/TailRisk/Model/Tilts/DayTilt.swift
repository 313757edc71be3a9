import Foundation

/// Exponentially tilted day-selection probabilities for the laws that draw
/// whole historical days (bootstrap, FHS; methods.md §10).
///
/// Day `t` of `T` carries its linear loss `ℓ_t = −Σ_i V_i x_{t,i}` (bootstrap:
/// the day's log returns; FHS: `σ_{T+1,i} z_{t,i}`, today's volatility even
/// when the law follows a GARCH path). The tilt towards confidence `c` draws
/// days from `p_λ(t) ∝ exp(λ ℓ_t)` with `λ ≥ 0` set by bisection so that the
/// tilted mean loss per day is `m + (Q_c − m)/√h` (`m` the mean of `ℓ`, `Q_c`
/// its order-statistic `c`-quantile, methods.md §4), capped at
/// `m + 0.9 (max ℓ − m)` so `λ` stays finite; `λ = 0` when the target is at
/// most `m`. Over `h` steps the tilted sum then has mean `h m + √h (Q_c − m)`,
/// where the √h-scaled VaR lies. With several confidences the days come from
/// the equal mixture `p(t) = Σ_k π_k p_{λ_k}(t)` (itself a day distribution).
///
/// Each step draws its day from `p` by the alias method (`AliasTable`) and the
/// scenario weighs `w = Π_s (1/T)/p(t_s)`. Any `p > 0` keeps the weighted
/// estimates unbiased, whatever the law does with the day (the GARCH path
/// included): the tilt only changes which days are drawn. When every `λ_k` is
/// 0 the table is uniform and a step is the plain law's one `nextIndex(below: T)`.
/// - Complexity: O(T · 200) to fit each `λ_k` (doubling, then bisection), O(T)
///   for the table; per step one index, one uniform and one addition.
public struct DayTilt: Sendable {
    /// `ℓ_t`, one per day.
    public let losses: [Double]
    /// The confidences the components aim at, ascending.
    public let confidences: [Double]
    /// `λ_k`, one per confidence.
    public let lambdas: [Double]
    /// The tilted day distribution `p(t)` (the mixture).
    public let probabilities: [Double]
    /// `ln((1/T)/p(t))`, the log weight of drawing day `t`.
    let logRatio: [Double]
    let table: AliasTable
    /// Whether every `λ_k` is 0 (the plain law: one index per step, weight 1).
    public let isUniform: Bool
    let horizon: Int

    /// Share of the mean-to-maximum gap the target may reach: keeps `λ` finite.
    static let cap = 0.9

    /// - Parameters:
    ///   - losses: `ℓ_t` of each day.
    ///   - confidences: ascending, distinct, each the aim of one component.
    /// - Throws: `TailRiskError.invalidParameter(.varianceReduction)` when every day loses the same.
    public init(losses: [Double], horizon: Int, confidences: [Double]) throws {
        precondition(!losses.isEmpty && !confidences.isEmpty, "days and confidences to tilt towards")
        let top = losses.max()!, bottom = losses.min()!
        guard top - bottom > 1e-14 * max(abs(top), abs(bottom)), losses.allSatisfy(\.isFinite) else {
            throw TailRiskError.invalidParameter(
                .varianceReduction,
                message: "every historical day gives the basket the same linear loss: no direction to tilt the day selection towards")
        }
        let n = losses.count
        self.losses = losses
        self.confidences = confidences
        self.horizon = max(horizon, 1)
        let mean = losses.reduce(0, +) / Double(n)
        let sorted = losses.sorted(by: >)
        let root = Double(self.horizon).squareRoot()
        lambdas = confidences.map { c in
            let q = Self.quantile(sortedDescending: sorted, confidence: c)
            let target = min(mean + (q - mean) / root, mean + Self.cap * (top - mean))
            return target > mean ? Self.lambda(losses: losses, top: top, target: target) : 0
        }
        isUniform = lambdas.allSatisfy { $0 == 0 }
        var p = [Double](repeating: 0, count: n)
        for lambda in lambdas {
            let e = losses.map { exp(max(lambda * ($0 - top), -700)) }
            let z = e.reduce(0, +) * Double(lambdas.count)
            for t in 0..<n { p[t] += e[t] / z }
        }
        let total = p.reduce(0, +)
        p = p.map { $0 / total }
        probabilities = p
        logRatio = p.map { -log(Double(n) * $0) }
        table = AliasTable(probabilities: p)
    }

    /// Days to draw from.
    public var days: Int { losses.count }

    /// One day from `p`: the alias draw, or the plain `nextIndex(below: T)` when uniform.
    @inline(__always)
    func nextDay(_ rng: inout Xoshiro256PlusPlus) -> Int {
        isUniform ? rng.nextIndex(below: losses.count) : table.next(&rng)
    }

    /// The order-statistic `c`-quantile of a sample sorted descending: `L_(⌈Tα⌉)` (at least the largest).
    static func quantile(sortedDescending l: [Double], confidence c: Double) -> Double {
        let k = ((Double(l.count) * alpha(c)) * 1e6).rounded() / 1e6
        return l[min(max(Int(k.rounded(.up)), 1), l.count) - 1]
    }

    /// `α = 1 − c` rounded to 12 decimals, as `ConfidenceLevel` (any `c` in `(0, 1)`).
    static func alpha(_ c: Double) -> Double { ((1 - c) * 1e12).rounded() / 1e12 }

    /// The tilted mean `Σ ℓ_t e^{λ(ℓ_t − top)} / Σ e^{λ(ℓ_t − top)}`, increasing in `λ`.
    static func tiltedMean(losses: [Double], top: Double, lambda: Double) -> Double {
        var s = 0.0, z = 0.0
        for x in losses {
            let e = exp(lambda * (x - top))
            s += e * x
            z += e
        }
        return s / z
    }

    /// `λ` with tilted mean `target` (`mean < target < top`): doubling from `1/(top − bottom)`, then 100 bisections.
    static func lambda(losses: [Double], top: Double, target: Double) -> Double {
        let range = top - losses.min()!
        var lo = 0.0, hi = 1 / range
        var doublings = 0
        while tiltedMean(losses: losses, top: top, lambda: hi) < target && doublings < 200 {
            lo = hi
            hi *= 2
            doublings += 1
        }
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if tiltedMean(losses: losses, top: top, lambda: mid) < target { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// Kish's effective number of days, `1 / Σ_t p(t)²` (`T` when uniform).
    public var effectiveDays: Double { 1 / probabilities.reduce(0) { $0 + $1 * $1 } }

    /// `Σ_{t: ℓ_t ≥ Q_c} p(t)`: the tilted probability that a day's loss reaches the plain `c`-quantile.
    public func exceedance(confidence c: Double) -> Double {
        let q = Self.quantile(sortedDescending: losses.sorted(by: >), confidence: c)
        var s = 0.0
        for t in losses.indices where losses[t] >= q { s += probabilities[t] }
        return s
    }

    /// E.g. `day tilt p(t) ∝ exp(λℓ_t), λ·sd(ℓ) = 2.154, effective days 41.3 of 500`.
    public func summary(of what: String) -> String {
        let n = Double(losses.count)
        let mean = losses.reduce(0, +) / n
        let sd = (losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        let sizes = lambdas.map { String(format: "%.3f", $0 * sd) }.joined(separator: ", ")
        let mixture = lambdas.count == 1 ? "" : " (equal mixture)"
        return "day tilt\(mixture) p(t) ∝ exp(λℓ_t) over \(what), λ·sd(ℓ) = \(sizes), effective days "
            + String(format: "%.1f", effectiveDays) + " of \(losses.count)"
    }
}
