import Foundation

/// A hypothetical shock (methods.md §9): simple returns `s_a` for some assets
/// over the horizon, log returns `x_a = ln(1 + s_a)`; the other assets
/// unchanged, or (`conditional`) moved by their conditional mean under the
/// fitted normal model over `h` steps, `N(hμ, hΣ)`:
/// `m_o = hμ_o + Σ_os Σ_ss⁻¹ (x_s − hμ_s)` (`ConditionalNormal`).
///
/// The model is fitted on the plain log returns of the collateral, the debt
/// asset (when a column) and the shocked assets, so a shock to the debt asset
/// or to an asset outside the basket moves the basket through it. Collateral
/// is then measured in the debt asset: `ρ_i = r_i − r_D`, loss
/// `L_0 = −Σ_i C_i expm1(ρ_i)`, health factor `Σ_i C_i LT_i e^{ρ_i} / D`.
///
/// Conditional VaR/ES of the basket given the shock (normal closed form, the
/// P&L linearised at the conditional mean): `ρ = A r` with `A` the map to
/// relative returns, the random part `Cov[ρ] = A_o h Cov[r_o | r_s] A_oᵀ`,
/// `g_i = C_i e^{m_ρ,i}`, `σ_L = √(gᵀ Cov[ρ] g)`; `VaR = L_0 + z_c σ_L`,
/// `ES = L_0 + σ_L φ(z_c)/(1 − c)`.
public enum HypotheticalShock {
    /// `ASSET=s` entries of `--shock`, `s` a simple return (`-30%` or `-0.3`) above −1.
    public static func parse(_ text: String, option: String = "--shock") throws -> [(asset: String, simple: Double)] {
        var out: [(asset: String, simple: Double)] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let s = HaircutPolicy.fraction(parts[1]) else {
                throw TailRiskError.invalidOption(option: option, message: "expected ASSET=RETURN (e.g. BTC=-30%), got '\(item)'")
            }
            guard s > -1 else {
                throw TailRiskError.invalidOption(option: option, message: "\(parts[0]): a simple return must be above −100%, got \(parts[1])")
            }
            guard !out.contains(where: { $0.asset == parts[0] }) else {
                throw TailRiskError.invalidOption(option: option, message: "\(parts[0]) is shocked twice")
            }
            out.append((parts[0], s))
        }
        guard !out.isEmpty else { throw TailRiskError.invalidOption(option: option, message: "no shock given") }
        return out
    }

    public struct Result: Sendable {
        /// The shock as given (`ASSET=s,...`).
        public let text: String
        public let conditional: Bool
        /// The modelled assets: collateral, then the debt asset (when a column), then other shocked assets.
        public let assets: [String]
        /// Each modelled asset's log return in the scenario (shocked, conditional mean, or 0).
        public let logReturns: [Double]
        /// Each collateral asset's simple return in the numéraire, `expm1(ρ_i)`.
        public let collateralReturns: [Double]
        public let loss: Double
        public let lossFraction: Double
        public let healthFactor: Double?
        /// Conditional VaR and ES of the basket given the shock (with `conditional`).
        public let conditionalVaR: Double?
        public let conditionalES: Double?
    }

    /// The scenario on a fitted model of `assets` (plain log returns).
    /// - Parameters:
    ///   - collateral: the first `values.count` of `assets`; `debtIndex` the debt asset's index, if a column.
    public static func run(text: String, shocks: [(asset: String, simple: Double)], conditional: Bool,
                           assets: [String], mean: [Double], covariance: Matrix, horizon h: Int,
                           values: [Double], debtIndex: Int?, thresholds: [Double]?, debt: Double?,
                           confidence: Double) throws -> Result {
        let n = values.count
        let shocked = shocks.map { s in assets.firstIndex(of: s.asset)! }
        let x = shocks.map { log1p($0.simple) }
        var r = [Double](repeating: 0, count: assets.count)
        var cond: ConditionalNormal.Result?
        if conditional {
            let c = try ConditionalNormal.condition(mean: mean.map { $0 * Double(h) }, covariance: Double(h) * covariance,
                                                    shocked: shocked, values: x)
            for (k, i) in c.others.enumerated() { r[i] = c.mean[k] }
            cond = c
        }
        for (k, i) in shocked.enumerated() { r[i] = x[k] }
        let rD = debtIndex.map { r[$0] } ?? 0
        let rho = (0..<n).map { r[$0] - rD }
        let loss = -zip(values, rho).map { $0 * expm1($1) }.reduce(0, +)
        let total = values.reduce(0, +)
        var hf: Double?
        if let thresholds, let debt {
            hf = (0..<n).map { values[$0] * thresholds[$0] * exp(rho[$0]) }.reduce(0, +) / debt
        }
        var varLoss: Double?, esLoss: Double?
        if let c = cond {
            // A_o: ∂ρ_i/∂r_o = [o == i] − [o == D] for collateral i.
            let g = (0..<n).map { values[$0] * exp(rho[$0]) }
            let w = c.others.map { o -> Double in
                var v = o < n ? g[o] : 0
                if o == debtIndex { v -= g.reduce(0, +) }
                return v
            }
            var variance = 0.0
            for a in w.indices { for b in w.indices { variance += w[a] * c.covariance[a, b] * w[b] } }
            let sigma = max(variance, 0).squareRoot()
            let z = Normal.quantile(confidence)
            varLoss = loss + z * sigma
            esLoss = loss + sigma * Normal.pdf(z) / (1 - confidence)
        }
        return Result(text: text, conditional: conditional, assets: assets, logReturns: r,
                      collateralReturns: rho.map { expm1($0) }, loss: loss, lossFraction: loss / total,
                      healthFactor: hf, conditionalVaR: varLoss, conditionalES: esLoss)
    }
}
