import TailRisk

/// Flags given that do nothing for the chosen methods: a warning on stderr
/// each (issue 12), never a silent no-op and never an error (the run is valid).
enum UnusedFlags {
    /// The warnings of `var` and `simulate` for `methods`.
    static func warnings(methods: [RiskMethod], model: ModelOptions, law: LawOptions, engine: EngineOptions,
                         lawInForce: InnovationLaw) -> [String] {
        var out: [String] = []
        let estimator = (try? model.covarianceEstimator()) ?? .sample
        let usesCovariance = methods.contains(.normal) || methods.contains(.monteCarlo)
        if model.lambda != nil && (estimator != .ewma || !usesCovariance) {
            out.append("--lambda does nothing here: it is the decay of --estimator ewma"
                + (estimator != .ewma ? " (the estimator is \(estimator.rawValue))" : " (no method here reads the covariance)"))
        }
        if model.estimator != nil && !usesCovariance {
            out.append("--estimator does nothing for \(methods.map(\.rawValue).joined(separator: ", ")): only normal and monte-carlo read the covariance")
        }
        if !methods.contains(.monteCarlo) {
            var given: [String] = []
            if engine.scenarios != nil { given.append("--scenarios") }
            if engine.seed != nil { given.append("--seed") }
            if engine.antithetic { given.append("--antithetic") }
            if engine.targetPrecision != nil { given.append("--target-precision") }
            if engine.maxScenarios != nil { given.append("--max-scenarios") }
            if law.dist != nil { given.append("--dist") }
            if law.df != nil { given.append("--df") }
            if !given.isEmpty {
                out.append("\(given.joined(separator: ", ")) \(given.count == 1 ? "does" : "do") nothing without --method monte-carlo")
            }
        }
        if model.zeroMean && !methods.contains(where: { MeanTreatment.readsMean($0, law: lawInForce) }) {
            let names = methods.map { $0 == .monteCarlo ? lawInForce.monteCarloMethodID : $0.rawValue }
            out.append("--zero-mean does nothing for \(names.joined(separator: ", ")): only normal and monte-carlo "
                + "under the normal or t law have a mean (\(Self.noMean))")
        }
        return out
    }

    /// Why a law has no mean to zero.
    static let noMean = "historical, fhs, bootstrap and the copulas resample the data, whose own drift they keep"

    /// haircut's warning when `--zero-mean` changes nothing under its law, or `nil`.
    static func zeroMeanWarning(zeroMean: Bool, law: InnovationLaw) -> String? {
        guard zeroMean, !law.readsMean else { return nil }
        return "--zero-mean does nothing for \(law.monteCarloMethodID): only the normal and t laws have a mean (\(noMean))"
    }
}
