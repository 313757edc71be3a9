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
/// Conditional VaR/ES of the basket given the shock: `ConditionalShockRisk`,
/// on the exact P&L (the closed form linearised at the conditional mean is kept
/// beside it, labelled so).
///
/// Bounds (issue 21): a shock is a simple return with `|ln(1 + s)| ≤ ln 10⁶`
/// (`Limits.largestLogReturn`, the bound every return read takes: `s` in
/// `[−99.9999%, +99,999,900%]`). A conditional shock needs a regression the data
/// can carry: `StressAnalysis+Shocks` asks for enough returns; here each shocked
/// asset must move by at most `maximumStandardisedShock` of its own standard
/// deviations over the horizon (a near-constant asset, e.g. a stablecoin quoted
/// flat, has a variance near zero and `Σ_os Σ_ss⁻¹` explodes), and every
/// conditional mean move must stay within `±ln 10⁶` as the shocks do.
public enum HypotheticalShock {
    /// Most assets one shock names: the largest basket a covariance is fitted for
    /// (`Limits.covarianceAssets`), since the shocked assets join the fitted model.
    public static let maximumAssets = Limits.covarianceAssets

    /// `ASSET=s` entries of `--shock`, `s` a simple return (`-30%` or `-0.3`) above −1.
    /// More than `maximumAssets` entries are refused before any is split (the text may
    /// come from a run or scenario file of up to 1 MiB).
    /// - Complexity: O(length of `text`); a repeated asset is found through a set.
    public static func parse(_ text: String, parameter: Parameter = .shock) throws -> [(asset: String, simple: Double)] {
        let entries = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
        guard entries <= maximumAssets else {
            throw TailRiskError.invalidParameter(parameter, message: "\(entries) entries; a shock names at most \(maximumAssets) "
                                              + "assets, the largest basket a covariance is fitted for")
        }
        var out: [(asset: String, simple: Double)] = []
        var seen: Set<String> = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let s = HaircutPolicy.fraction(parts[1]) else {
                throw TailRiskError.invalidParameter(parameter, message: "expected ASSET=RETURN (e.g. BTC=-30%), got '\(item)'")
            }
            guard s > -1 else {
                throw TailRiskError.invalidParameter(parameter, message: "\(parts[0]): a simple return must be above −100%, got \(parts[1])")
            }
            guard abs(log1p(s)) <= Limits.largestLogReturn else {
                throw TailRiskError.invalidParameter(parameter, message: "\(parts[0]): \(parts[1]) is beyond the largest move TailRisk "
                                                  + "takes, |ln(1 + s)| ≤ ln 10⁶ (s from −99.9999% to +99,999,900%)")
            }
            guard seen.insert(parts[0]).inserted else {
                throw TailRiskError.invalidParameter(parameter, message: "\(parts[0]) is shocked twice")
            }
            out.append((parts[0], s))
        }
        guard !out.isEmpty else { throw TailRiskError.invalidParameter(parameter, message: "no shock given") }
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
        /// Conditional VaR and ES of the basket given the shock (with `conditional`), exact P&L.
        public let conditionalVaR: Double?
        public let conditionalES: Double?
        /// How they were computed (Monte Carlo size, the linearised closed form beside them).
        public let conditionalRisk: ConditionalShockRisk.Estimate?
    }

    /// Most standard deviations (over the horizon) a conditioned-on shock may be.
    public static let maximumStandardisedShock = 1e4

    /// The scenario on a fitted model of `assets` (plain log returns).
    /// - Parameters:
    ///   - collateral: the first `values.count` of `assets`; `debtIndex` the debt asset's index, if a column.
    ///   - simulation: the engine settings of the conditional VaR/ES (with `conditional`).
    /// - Throws: `invalidParameter(.shock)` for a conditional shock the fitted model cannot carry (see above).
    public static func run(text: String, shocks: [(asset: String, simple: Double)], conditional: Bool,
                           assets: [String], mean: [Double], covariance: Matrix, horizon h: Int,
                           values: [Double], debtIndex: Int?, thresholds: [Double]?, debt: Double?,
                           confidence: Double, simulation: SimulationSettings) throws -> Result {
        let n = values.count
        let shocked = shocks.map { s in assets.firstIndex(of: s.asset)! }
        let x = shocks.map { log1p($0.simple) }
        var r = [Double](repeating: 0, count: assets.count)
        var cond: ConditionalNormal.Result?
        if conditional {
            try requireSupported(text: text, shocks: shocks, shocked: shocked, x: x, mean: mean, covariance: covariance, horizon: h)
            let c = try ConditionalNormal.condition(mean: mean.map { $0 * Double(h) }, covariance: Double(h) * covariance,
                                                    shocked: shocked, values: x)
            for (k, i) in c.others.enumerated() {
                guard abs(c.mean[k]) <= Limits.largestLogReturn else {
                    throw TailRiskError.invalidParameter(.shock, message:
                        "\(text): the conditional mean log return of \(assets[i]) is \(Limits.text(c.mean[k], significant: 4)), beyond ±ln 10⁶: "
                        + "the fitted regression cannot carry this shock (give it without --conditional, or shock \(assets[i]) too)")
                }
                r[i] = c.mean[k]
            }
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
        var risk: ConditionalShockRisk.Estimate?
        if let c = cond {
            // Cov[ρ] = A_o C_o A_oᵀ with ∂ρ_i/∂r_o = [o == i] − [o == D], collateral i.
            let a = (0..<n).map { i in c.others.map { o in (o == i ? 1.0 : 0) - (o == debtIndex ? 1 : 0) } }
            var cov = Matrix(rows: n, cols: n)
            for i in 0..<n {
                for j in 0..<n {
                    var v = 0.0
                    for p in c.others.indices where a[i][p] != 0 {
                        for q in c.others.indices where a[j][q] != 0 { v += a[i][p] * c.covariance[p, q] * a[j][q] }
                    }
                    cov[i, j] = v
                }
            }
            risk = try ConditionalShockRisk.estimate(mean: rho, covariance: cov.symmetrized, values: values, loss: loss,
                                                     confidence: confidence, settings: simulation)
        }
        return Result(text: text, conditional: conditional, assets: assets, logReturns: r,
                      collateralReturns: rho.map { expm1($0) }, loss: loss, lossFraction: loss / total,
                      healthFactor: hf, conditionalVaR: risk?.valueAtRisk, conditionalES: risk?.expectedShortfall,
                      conditionalRisk: risk)
    }

    /// Refuses a shock to an asset whose fitted variance cannot carry a regression
    /// (zero, or so small that the shock is more than `maximumStandardisedShock`
    /// standard deviations over `h` steps).
    static func requireSupported(text: String, shocks: [(asset: String, simple: Double)], shocked: [Int], x: [Double],
                                 mean: [Double], covariance: Matrix, horizon h: Int) throws {
        for (k, i) in shocked.enumerated() {
            let sd = (Double(h) * covariance[i, i]).squareRoot()
            let z = abs(x[k] - Double(h) * mean[i]) / sd
            guard sd > 0 && z <= maximumStandardisedShock else {
                throw TailRiskError.invalidParameter(.shock, message:
                    "\(shocks[k].asset) is near-constant (daily volatility \(Limits.text(covariance[i, i].squareRoot(), significant: 3))): "
                    + "\(text) is \(sd > 0 ? Limits.text(z, significant: 3) : "infinitely many") of its standard deviations, beyond the "
                    + "\(Limits.text(maximumStandardisedShock, significant: 3)) a regression on its history can carry; drop --conditional "
                    + "or shock the assets that move")
            }
        }
    }
}
