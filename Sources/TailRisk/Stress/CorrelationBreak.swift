/// A correlation break of a stress run (methods.md §9): `--set-correlation
/// BTC:ETH=0[,A:B=ρ…]` (a side may be a group `BTC+ETH`, and the right side
/// `*` for every other collateral asset: `BTC+ETH:*=0` breaks a group from
/// the rest) sets correlations of the fitted model's daily
/// covariance `Σ = D^{1/2} C D^{1/2}`, takes the nearest correlation matrix
/// with those entries fixed (`FixedCorrelation`, reported), rebuilds
/// `Σ' = D^{1/2} C' D^{1/2}` (variances kept) and reruns the haircut from the
/// same seed: haircuts before and after. A correlation changes no marginal law,
/// so the standalone haircuts (and the LTs built on them) are the unbroken
/// run's, exactly; the correlations the repair moved are listed (`changed`).
/// `±1` is accepted: the matrix is singular and factored by `FixedCorrelation`.
public enum CorrelationBreak {
    public struct Spec: Sendable, Equatable {
        public let text: String
        public let pairs: [(String, String, Double)]

        public static func == (a: Spec, b: Spec) -> Bool { a.text == b.text }

        /// Parses `A:B=ρ` entries separated by commas, `ρ` in [−1, 1]; `A` and `B`
        /// may be groups `A+B`, `B` may be `*` (the rest).
        public init(parsing text: String) throws {
            func fail(_ m: String) -> TailRiskError { .invalidParameter(.correlationOverride, message: m) }
            var pairs: [(String, String, Double)] = []
            for item in text.split(separator: ",") {
                let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                let names = kv.first?.split(separator: ":").map(String.init) ?? []
                guard kv.count == 2, names.count == 2, let rho = Double(kv[1]), rho.isFinite else {
                    throw fail("expected A:B=CORRELATION (e.g. BTC:ETH=0), got '\(item)'")
                }
                guard names[0] != names[1] else { throw fail("'\(item)' pairs an asset with itself") }
                guard rho >= -1 && rho <= 1 else { throw fail("\(names[0]):\(names[1]): a correlation lies in [−1, 1], got \(rho)") }
                pairs.append((names[0], names[1], rho))
            }
            guard !pairs.isEmpty else { throw fail("no correlation given") }
            self.text = text
            self.pairs = pairs
        }
    }

    public struct Result: Sendable {
        public let spec: Spec
        public let repair: FixedCorrelation.Result
        /// Every pair set (groups expanded), with its value and the fitted correlation.
        public let pairs: [(a: String, b: String, value: Double, fitted: Double)]
        /// The correlations not set that the nearest matrix moved (|Δ| ≥ 10⁻⁶), largest first.
        public let changed: [(a: String, b: String, fitted: Double, after: Double)]
        /// Assets tied by a set correlation of ±1 (they move as one, up to sign).
        public let tied: [[String]]
        public let before: HaircutAnalysis.Outcome
        public let after: HaircutAnalysis.Outcome
    }

    /// Runs `spec` on a finished haircut analysis.
    /// - Throws: `--set-correlation` errors (an asset that is not collateral, a law
    ///   without a covariance: bootstrap, fhs) and `FixedCorrelation`'s.
    public static func run(_ spec: Spec, haircut: HaircutAnalysis, settings: HaircutAnalysis.Settings) throws -> Result {
        let policy = haircut.policy
        let assets = policy.collateral.map(\.asset)
        var s = settings
        s.policy = policy
        let modelSpec = try HaircutAnalysis.modelSpec(policy, settings: s)
        guard modelSpec.law == .normal || { if case .studentT = modelSpec.law { return true }; return false }() else {
            throw TailRiskError.invalidParameter(.correlationOverride,
                                              message: "needs --dist normal or t (\(modelSpec.law.name) draws no covariance)")
        }
        func fail(_ m: String) -> TailRiskError { .invalidParameter(.correlationOverride, message: m) }
        func index(_ name: String) throws -> Int {
            guard let i = assets.firstIndex(of: name) else {
                throw fail("\(name) is not collateral (\(assets.joined(separator: ", ")))")
            }
            return i
        }
        var entries: [FixedCorrelation.Entry] = []
        for (a, b, rho) in spec.pairs {
            let left = try a.split(separator: "+").map { try index(String($0)) }
            let right = b == "*" ? assets.indices.filter { !left.contains($0) }
                : try b.split(separator: "+").map { try index(String($0)) }
            guard !right.isEmpty else { throw fail("'\(a):\(b)' leaves no asset on the right") }
            for i in left {
                for j in right {
                    guard i != j else { throw fail("'\(a):\(b)' pairs \(assets[i]) with itself") }
                    if let k = entries.firstIndex(where: { ($0.i, $0.j) == (i, j) || ($0.i, $0.j) == (j, i) }) {
                        guard entries[k].value == rho else { throw fail("\(assets[i]):\(assets[j]) is set twice to different values") }
                        continue
                    }
                    entries.append(FixedCorrelation.Entry(i: i, j: j, value: rho))
                }
            }
        }
        let model = try RiskModel.fit(haircut.series, spec: modelSpec)
        let sigma = model.factored.covariance
        let c = CovarianceEstimate.correlation(of: sigma)
        let repair = try FixedCorrelation.nearest(c, fixing: entries, names: assets)
        let unchanged = repair.iterations == 0 && repair.tied.isEmpty && entries.allSatisfy({ c[$0.i, $0.j] == $0.value })
        let broken = unchanged ? sigma : PositiveDefiniteRepair.scaled(repair.correlation, variances: sigma.diagonal)
        var brokenModel: RiskModel
        if let lower = repair.factor {
            // Singular (a ±1 set): L_Σ = D^{1/2} L, lower triangular, used as it is.
            var factor = lower
            let sd = sigma.diagonal.map { $0.squareRoot() }
            for j in 0..<factor.cols { for i in 0..<factor.rows { factor[i, j] *= sd[i] } }
            brokenModel = try model.replacingCovariance(broken, factor: factor, history: haircut.series.returns)
        } else {
            brokenModel = try model.replacingCovariance(broken, history: haircut.series.returns)
        }
        // A correlation leaves every marginal law as it is: standalone figures from the unbroken run.
        let after = try HaircutAnalysis.simulate(assets: assets, quantities: policy.collateral.map(\.quantity),
                                                 values: haircut.values, model: brokenModel,
                                                 policy: policy, settings: s, marginals: haircut.current)
        return Result(spec: spec, repair: repair,
                      pairs: entries.map { (assets[$0.i], assets[$0.j], $0.value, c[$0.i, $0.j]) },
                      changed: repair.changes.map { (assets[$0.i], assets[$0.j], $0.before, $0.after) },
                      tied: repair.tied.map { $0.map { assets[$0] } },
                      before: haircut.current, after: after)
    }
}
