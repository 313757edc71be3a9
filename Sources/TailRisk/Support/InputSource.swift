/// Where an input came from, so that an error about it names what the user gave (issue 21
/// item 20: errors blamed `--assets` for a `--shock` name, `--collateral` for an account book,
/// `--positions` for a P&L file, `--shock` for a line of a scenario file).
///
/// - `parameter`: a value the caller passed, named by its quantity (the CLI prints its flag for it).
/// - `file`: a file, and the 1-based line when the input is one line of it.
public enum InputSource: Sendable, Equatable {
    case parameter(Parameter)
    case file(path: String, line: Int?)

    /// An error about this input: `parameter: message` or `path:line: message`.
    public func error(_ message: String) -> TailRiskError {
        switch self {
        case let .parameter(parameter): return .invalidParameter(parameter, message: message)
        case let .file(path, line): return .file(path: path, line: line, column: nil, message: message)
        }
    }
}

extension TailRiskError {
    /// This error blamed on `source` when it names one of `parameters` that the input did not come
    /// from (the library's default source of an input, e.g. `.collateral` for collateral that an
    /// account book gave): the message is kept, only the location changes. Other errors are returned
    /// unchanged.
    /// - Complexity: O(1).
    public func attributed(to source: InputSource, replacing parameters: Set<Parameter>) -> TailRiskError {
        guard case let .invalidParameter(parameter, message) = self, parameters.contains(parameter) else { return self }
        return source.error(message)
    }

    /// Runs `body`, blaming on `source` any `.invalidParameter` naming one of `parameters` (`attributed`).
    public static func attributing<T>(to source: InputSource, replacing parameters: Set<Parameter>,
                                      _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TailRiskError {
            throw error.attributed(to: source, replacing: parameters)
        }
    }
}
