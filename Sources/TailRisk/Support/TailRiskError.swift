/// Every error the library throws for bad input or numerical trouble.
///
/// The description is what the CLI prints: one or two lines that name the file,
/// line, column or quantity at fault and say what to change. Programmer mistakes
/// (mismatched dimensions between the library's own types) are preconditions,
/// not errors.
public enum TailRiskError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A problem in an input file. `line` and `column` are 1-based; `column`
    /// counts comma-separated fields, and either may be absent when the
    /// problem is with the file as a whole.
    case file(path: String, line: Int?, column: Int?, message: String)
    /// A value the library was given that cannot be used, naming the quantity
    /// (`confidence level: 1.5 is outside [0.5, 0.999999999], …`). A front end
    /// renders it with its own name for the quantity (`description(naming:)`).
    case invalidParameter(Parameter, message: String)
    /// An option or argument a front end names itself (`option` spelled as the
    /// user typed it, e.g. `--positions`); the library never throws it.
    case invalidOption(option: String, message: String)
    /// Too little data for what was asked (e.g. fewer returns than an estimator needs).
    case insufficientData(message: String)
    /// A numerical failure that could not be repaired.
    case numerical(message: String)

    /// Whether the error is about the data (too little of it, or a numerical
    /// failure it causes) rather than about how the tool was asked to run.
    public var isDataProblem: Bool {
        switch self {
        case .insufficientData, .numerical: return true
        case .file, .invalidParameter, .invalidOption: return false
        }
    }

    /// The message without its category prefix, for wrapping in a more specific error.
    public static func reason(of error: Error) -> String {
        switch error as? TailRiskError {
        case let .insufficientData(message)?, let .numerical(message)?: return message
        case let other?: return other.description
        case nil: return String(describing: error)
        }
    }

    public var description: String { description(naming: \.name) }

    /// The description with each parameter called `name(parameter)` (the CLI passes its flags).
    public func description(naming name: (Parameter) -> String) -> String {
        switch self {
        case let .file(path, line, column, message):
            var location = path
            if let line { location += ":\(line)" }
            if let column { location += ":\(column)" }
            return "\(location): \(message)"
        case let .invalidParameter(parameter, message):
            return "\(name(parameter)): \(message)"
        case let .invalidOption(option, message):
            return "\(option): \(message)"
        case let .insufficientData(message):
            return "insufficient data: \(message)"
        case let .numerical(message):
            return "numerical error: \(message)"
        }
    }
}
