import Foundation

/// The bootstrap law's tilt: each of the `h` days from `DayTilt`'s `p`, summed as `BootstrapLaw.draw` does.
struct BootstrapTilt: ImportanceTilt {
    let law: BootstrapLaw
    let tilt: DayTilt
    let values: [Double]

    var summary: String { tilt.summary(of: "the basket's day losses") }

    func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = law.dimension
        var logWeight = 0.0
        law.rows.withUnsafeBufferPointer { hp in
            for s in 0..<h {
                let t = tilt.nextDay(&rng)
                logWeight += tilt.logRatio[t]
                let day = hp.baseAddress! + t * d
                if s == 0 {
                    for k in 0..<d { out[k] = day[k] }
                } else {
                    for k in 0..<d { out[k] += day[k] }
                }
            }
        }
        return tilt.isUniform ? 1 : exp(logWeight)
    }

    func keptFraction(lowest: Double) -> Double {
        DayTiltPilot.keptFraction(self, tilt: tilt, values: values, lowest: lowest)
    }
}

/// The FHS law's tilt: each day from `DayTilt`'s `p`, rescaled (and the GARCH
/// variance carried along) exactly as `FilteredHistoricalLaw.draw` does.
struct FilteredHistoricalTilt: ImportanceTilt {
    let law: FilteredHistoricalLaw
    let tilt: DayTilt
    let values: [Double]

    var summary: String { tilt.summary(of: "the basket's residual days at today's volatility") }

    func draw(horizon h: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>) -> Double {
        let d = law.dimension
        let sigma = law.nextVolatility
        // scratch[i] holds asset i's current variance under garch.
        for i in 0..<d {
            out[i] = 0
            scratch[i] = sigma[i] * sigma[i]
        }
        var logWeight = 0.0
        law.residuals.withUnsafeBufferPointer { zp in
            for _ in 0..<h {
                let t = tilt.nextDay(&rng)
                logWeight += tilt.logRatio[t]
                let day = zp.baseAddress! + t * d
                if let garch = law.garch {
                    for i in 0..<d {
                        let z = day[i]
                        out[i] += scratch[i].squareRoot() * z
                        scratch[i] = garch[i].nextVariance(after: scratch[i], residual: z)
                    }
                } else {
                    for i in 0..<d { out[i] += sigma[i] * day[i] }
                }
            }
        }
        return tilt.isUniform ? 1 : exp(logWeight)
    }

    func keptFraction(lowest: Double) -> Double {
        DayTiltPilot.keptFraction(self, tilt: tilt, values: values, lowest: lowest)
    }
}

/// The tail share a day tilt must keep (`ImportanceTilt.keptFraction`).
///
/// One step (`h = 1`, where the linear loss of the drawn day is `ℓ_t`): the
/// tilted probability `Σ_{ℓ_t ≥ Q_c} p(t)` that a day reaches the plain
/// quantile at the lowest confidence, plus 0.1 for the batch groups' own
/// VaRs and exact P&L. Several steps: a pilot of 8192 tilted scenarios of
/// the tilt's own `draw` (fixed keys, so the same every run) gives the
/// weighted plain quantile of their linear loss at `1 − 1.5α` (lower than
/// the VaR, for the pilot's own error) and the share of pilot losses at or
/// beyond it, plus 0.15; 1 when the pilot's weight cannot reach it.
/// - Complexity: `h = 1`: O(T log T); else 8192 draws of `h·d` and a sort.
enum DayTiltPilot {
    static let scenarios = 8192
    static let seed: UInt64 = 0x7D11_7E57

    static func keptFraction(_ tilt: some ImportanceTilt, tilt day: DayTilt, values: [Double], lowest: Double) -> Double {
        if day.isUniform { return 1 }
        if day.horizon == 1 { return min(1, day.exceedance(confidence: lowest) + 0.1) }
        let d = values.count, n = scenarios, h = day.horizon
        var losses = [(loss: Double, weight: Double)]()
        losses.reserveCapacity(n)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2 * d)
        defer { out.deallocate() }
        for j in 0..<n {
            var rng = Xoshiro256PlusPlus(seed: seed, scenario: UInt64(j))
            let w = tilt.draw(horizon: h, rng: &rng, into: out, scratch: out + d)
            var loss = 0.0
            for i in 0..<d { loss -= values[i] * out[i] }
            losses.append((loss, w))
        }
        losses.sort { $0.loss > $1.loss }
        let k = 1.5 * Double(n) * DayTilt.alpha(lowest)
        var cumulative = 0.0
        for (i, e) in losses.enumerated() {
            cumulative += e.weight
            if cumulative >= k {
                var reach = i + 1
                while reach < n && losses[reach].loss >= e.loss { reach += 1 }
                return min(1, Double(reach) / Double(n) + 0.15)
            }
        }
        return 1
    }
}

/// `ℓ_t = −Σ_i V_i s_i x_{t,i}` of each row of a row-major `T × d` table, `s` a scale per asset.
func dayLosses(_ rows: [Double], dimension d: Int, values: [Double], scale: [Double]? = nil) -> [Double] {
    let t = rows.count / max(d, 1)
    return (0..<t).map { day in
        var s = 0.0
        for i in 0..<d { s -= values[i] * (scale?[i] ?? 1) * rows[day * d + i] }
        return s
    }
}

extension BootstrapLaw: TiltableLaw {
    /// `DayTilt` on the days' linear losses `ℓ_t = −Σ_i V_i x_{t,i}`.
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let tilt = try DayTilt(losses: dayLosses(rows, dimension: dimension, values: values),
                               horizon: horizon, confidences: confidences)
        return BootstrapTilt(law: self, tilt: tilt, values: values)
    }
}

extension FilteredHistoricalLaw: TiltableLaw {
    /// `DayTilt` on `ℓ_t = −Σ_i V_i σ_{T+1,i} z_{t,i}` (today's volatility, under either filter).
    public func importanceTilt(values: [Double], horizon: Int, confidences: [Double]) throws -> any ImportanceTilt {
        let tilt = try DayTilt(losses: dayLosses(residuals, dimension: dimension, values: values, scale: nextVolatility),
                               horizon: horizon, confidences: confidences)
        return FilteredHistoricalTilt(law: self, tilt: tilt, values: values)
    }
}
