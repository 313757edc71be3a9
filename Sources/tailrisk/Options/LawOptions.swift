import ArgumentParser
import TailRisk

/// The innovation law of the Monte Carlo scenarios, shared by var, simulate,
/// haircut and backtest; read by `InnovationLaw.parse`, as policy files are.
struct LawOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Scenario law: normal (default), t (Student-t, with --df), bootstrap (whole historical days), fhs (filtered residual days rescaled by today's volatility, with --filter), t-copula (with --df), gaussian-copula or skew-t (Hansen's skewed Student-t, with --df and --skew).",
        discussion: "haircut: overrides the policy's dist."))
    var dist: String?

    @Option(help: "Degrees of freedom of --dist t (> 2, default 5; the covariance is preserved; haircut: overrides the policy's df), or of --dist t-copula (0 < ν ≤ 10⁶, or fit: by pseudo-likelihood).")
    var df: String?

    @Option(parsing: .unconditional, help: "Skew λ of --dist skew-t, strictly between -1 and 1 (λ < 0: a longer left tail; required with skew-t).")
    var skew: Double?

    @Option(help: "Marginal tails of the copula laws: empirical (default) or gpd (generalized Pareto beyond the outer 10%).")
    var tails: String?

    /// With `--dist` given the flag is the law in force, so every check runs here; without it
    /// the law is the command's default or (haircut) the policy file's, and only the spelling of
    /// `--df` and `--tails` is checked here: `law()` and `marginalTails()` refuse `fit` and `gpd`
    /// beside the default normal law (var, simulate, backtest), the merged policy's validation
    /// refuses them beside the file's law (haircut).
    func validate() throws {
        if dist != nil {
            _ = try law()
            _ = try marginalTails()
        } else {
            if df?.lowercased() != "fit" { _ = try degreesOfFreedom() }
            _ = try tailsValue()
        }
    }

    /// `--df` as a number; `nil` without the flag.
    /// - Throws: `invalidOption("--df")` for text that is neither a number nor `fit`.
    func degreesOfFreedom() throws -> Double? {
        guard let df else { return nil }
        guard let nu = DecimalText.number(df) else {
            // nan and inf, refused whatever the law (no law reads them), with the law's own wording.
            if let x = Double(df), !x.isFinite, !df.lowercased().contains("x") {
                let copula = dist?.lowercased() == "t-copula"
                throw TailRiskError.invalidOption(option: "--df", message: copula
                    ? InnovationLaw.copulaDegreesOfFreedomProblem(x) ?? "" : InnovationLaw.degreesOfFreedomMessage(x))
            }
            throw TailRiskError.invalidOption(option: "--df", message: "\(ErrorQuoting.quoted(df)) is not a finite decimal number (or fit, for --dist t-copula)")
        }
        return nu
    }

    /// The law asked for, with the defaults (normal; t with 5 degrees of freedom);
    /// `--df fit` gives the t-copula with `ν` to be fitted (`nil`).
    func law() throws -> InnovationLaw {
        let name = dist ?? "normal"
        if df?.lowercased() == "fit" {
            guard name.lowercased() == "t-copula" else {
                throw TailRiskError.invalidOption(option: "--df", message: "fit is only for --dist t-copula, not '\(name)'")
            }
            return .tCopula(degreesOfFreedom: nil)
        }
        if skew != nil, InnovationLaw.entry(named: name)?.parameters.contains("skew") != true {
            throw TailRiskError.invalidOption(option: "--skew", message: "goes with --dist skew-t, not '\(name)'")
        }
        return try InnovationLaw.parse(name, degreesOfFreedom: try degreesOfFreedom() ?? CommandDefaults.degreesOfFreedom,
                                       skew: skew)
    }

    /// The law these flags name over `base` (a file's), typed: `--dist` replaces it, `--df` sets its `ν`
    /// (`InnovationLaw.layered`; ranges are checked on the merged choices).
    func law(over base: InnovationLaw?) throws -> InnovationLaw? {
        let fit = df?.lowercased() == "fit"
        return try InnovationLaw.layered(name: dist, degreesOfFreedom: fit ? nil : try degreesOfFreedom(), fit: fit,
                                         skew: skew, over: base)
    }

    /// `--tails`, empirical by default; gpd only with a copula law.
    func marginalTails() throws -> MarginalTails {
        guard let t = try tailsValue() else { return .empirical }
        if t == .gpd, !(try law()).isCopula {
            throw TailRiskError.invalidOption(option: "--tails", message: "gpd needs --dist t-copula or gaussian-copula")
        }
        return t
    }

    /// `--tails` as spelled, whatever the law; `nil` without the flag.
    /// - Throws: `invalidOption("--tails")` for a value that is neither empirical nor gpd.
    func tailsValue() throws -> MarginalTails? {
        guard let tails else { return nil }
        guard let t = MarginalTails(rawValue: tails.lowercased()) else {
            throw TailRiskError.invalidOption(
                option: "--tails", message: "'\(tails)' is not one of \(MarginalTails.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }

    /// `spec` with the marginal tails set.
    func apply(to spec: RiskModelSpec) throws -> RiskModelSpec {
        var spec = spec
        spec.tails = try marginalTails()
        return spec
    }
}
