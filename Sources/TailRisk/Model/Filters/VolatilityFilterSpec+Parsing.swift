/// Reading a filter from its name and decay, as `--filter`/`--filter-lambda`
/// and the policy keys `filter`/`filter-lambda` give them: the one reading for
/// every command and file.
extension VolatilityFilterSpec {
    /// The names `parse` accepts, in the order error messages list them.
    public static let names = ["none", "ewma", "garch", "gjr"]

    /// The filter called `name` (case-insensitive) with EWMA decay `lambda`:
    /// `ewma` (λ default 0.94), `garch`, `gjr` (GJR-GARCH(1,1)) or `none`; `lambda` alone means `ewma`;
    /// neither gives `nil` (the model's default).
    /// - Throws: `.invalidParameter(.filter)` for an unknown name,
    ///   `.invalidParameter(.filterDecay)` for `λ ∉ (0, 1)` or a decay
    ///   given with a filter that has none.
    /// - Complexity: O(length of `name`).
    public static func parse(name: String?, lambda: Double?) throws -> VolatilityFilterSpec? {
        if let l = lambda, !(l > 0 && l < 1) {
            throw TailRiskError.invalidParameter(.filterDecay,
                                              message: "must lie strictly between 0 and 1, got \(l)")
        }
        guard let name else { return lambda.map { .ewma(lambda: $0) } }
        switch name.lowercased() {
        case "ewma": return .ewma(lambda: lambda ?? EWMAFilter.riskMetricsLambda)
        case "garch", "gjr", "none":
            if lambda != nil {
                throw TailRiskError.invalidParameter(.filterDecay,
                                                  message: "goes with the filter ewma, not \(name.lowercased())")
            }
            switch name.lowercased() {
            case "garch": return .garch
            case "gjr": return .gjr
            default: return VolatilityFilterSpec.none
            }
        default:
            throw TailRiskError.invalidParameter(
                .filter, message: "\(ErrorQuoting.quoted(name)) is not one of \(names.joined(separator: ", "))")
        }
    }

    /// The decay of an ewma filter, `nil` for the others.
    public var lambda: Double? {
        if case let .ewma(l) = self { return l }
        return nil
    }
}
