import Foundation

/// A depeg scenario of a stress run (methods.md §9): `--depeg ASSET=s@p`, a
/// jump of the pegged asset's price `P → P(1 + s)` with probability `p` over
/// the horizon, added to the haircut's scenario law (`DepegLaw`), and the
/// haircuts and ES with and without it from the same seed.
///
/// In the debt numéraire a collateral asset `k` jumps by `J_k = ln(1 + s)`; a
/// depeg of the debt asset moves every collateral asset by `−ln(1 + s)` (for
/// a debt the danger is an upward move, `s > 0`).
public enum DepegScenario {
    public struct Spec: Sendable, Equatable {
        public let text: String
        public let asset: String
        public let severity: Double
        public let probability: Double

        /// Parses `ASSET=SEVERITY@PROBABILITY`, e.g. `USDC=-10%@2%` or `DAI=-0.2@0.05`:
        /// severity a simple return with `|ln(1 + s)| ≤ ln 10⁶` (as every return read), probability in [0, 1].
        public init(parsing text: String) throws {
            func fail(_ m: String) -> TailRiskError { .invalidParameter(.depeg, message: m) }
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let rest = parts.count == 2 ? parts[1].split(separator: "@", omittingEmptySubsequences: false) : []
            guard parts.count == 2, !parts[0].isEmpty, rest.count == 2,
                  let s = HaircutPolicy.fraction(String(rest[0])), let p = HaircutPolicy.fraction(String(rest[1])) else {
                throw fail("expected ASSET=SEVERITY@PROBABILITY (e.g. USDC=-10%@2%), got '\(text)'")
            }
            guard s > -1 else { throw fail("\(parts[0]): the severity must be above −100%, got \(rest[0])") }
            guard abs(log1p(s)) <= Limits.largestLogReturn else {
                throw fail("\(parts[0]): the severity \(rest[0]) is beyond the largest move TailRisk takes, |ln(1 + s)| ≤ ln 10⁶ "
                           + "(s from −99.9999% to +99,999,900%)")
            }
            guard p >= 0 && p <= 1 else { throw fail("\(parts[0]): the probability must lie in [0, 1], got \(rest[1])") }
            self.text = text
            asset = parts[0]
            severity = s
            probability = p
        }
    }

    public struct Result: Sendable {
        public let spec: Spec
        /// Whether the asset is the debt asset (every collateral asset moves against it).
        public let isDebtAsset: Bool
        /// Figures of the current covariance without the depeg, and with it.
        public let before: HaircutAnalysis.Outcome
        public let after: HaircutAnalysis.Outcome
    }

    /// The jump vector of `spec` on the haircut's assets.
    /// Throws `invalidParameter(.depeg)` for an asset that is neither collateral nor the debt asset.
    static func jump(_ spec: Spec, assets: [String], numeraire: HaircutAnalysis.Numeraire) throws -> (jump: [Double], debt: Bool) {
        let j = log1p(spec.severity)
        if let k = assets.firstIndex(of: spec.asset) {
            var v = [Double](repeating: 0, count: assets.count)
            v[k] = j
            return (v, false)
        }
        if case let .asset(d) = numeraire, d == spec.asset {
            return ([Double](repeating: -j, count: assets.count), true)
        }
        throw TailRiskError.invalidParameter(
            .depeg, message: "\(spec.asset) is neither collateral (\(assets.joined(separator: ", "))) nor the debt asset (\(numeraire.name))")
    }

    /// Runs `spec` on a finished haircut analysis: the same fitted model with
    /// the `DepegLaw` around its law, simulated from the same seed.
    /// - Throws: `--depeg` errors (unknown asset, `--horizon-method sqrt` over more
    ///   than one step) and the engine's (e.g. `--antithetic`, which needs a symmetric law).
    /// - Complexity: one engine run.
    public static func run(_ spec: Spec, haircut: HaircutAnalysis, settings: HaircutAnalysis.Settings) throws -> Result {
        let policy = haircut.policy
        if policy.horizonMethod == .sqrt && policy.horizon > 1 {
            throw TailRiskError.invalidParameter(.depeg,
                                              message: "needs --horizon-method simulate (a jump over the horizon does not scale by √h)")
        }
        let assets = policy.collateral.map(\.asset)
        let (jump, isDebt) = try jump(spec, assets: assets, numeraire: haircut.numeraire)
        var s = settings
        s.policy = policy
        var model = try RiskModel.fit(haircut.series, spec: try HaircutAnalysis.modelSpec(policy, settings: s))
        model.law = DepegLaw(base: model.law, horizon: policy.horizon, jump: jump, probability: spec.probability,
                             label: spec.text)
        try model.law.validate()
        let after = try HaircutAnalysis.simulate(assets: assets, quantities: policy.collateral.map(\.quantity),
                                                 values: haircut.values, model: model, policy: policy, settings: s)
        return Result(spec: spec, isDebtAsset: isDebt, before: haircut.current, after: after)
    }
}
