import Foundation

/// A policy file as read, before the command line overrides it: its settings
/// over a base, not yet validated, and where each key was written.
///
/// Ranges are checked once, on the merged policy (`validate(_:)`), so a flag
/// can repair a file's out-of-range value (`scenarios: 0` with `--scenarios
/// 20000`). A range error on a value that still is the file's names the
/// file's line and column; one on a value a flag set names the flag.
public struct HaircutPolicyFile: Sendable {
    /// Where a key was written (1-based).
    public struct Mark: Sendable, Equatable {
        public let line: Int?
        public let column: Int?
    }

    /// A law or filter the file names but that could not be read: thrown by `validate(_:)` unless
    /// an override replaced that part of the model.
    public struct Deferred: Sendable {
        public enum Part: String, Sendable { case law, filter }
        public let part: Part
        public let error: TailRiskError
    }

    /// The file's path (or the name of the text), for errors.
    public let source: String
    /// The base with the file's settings on top, unvalidated.
    public let policy: HaircutPolicy
    /// The mark of each key the file sets.
    public let marks: [String: Mark]
    /// What the file names that could not be read yet (`Deferred`).
    public let deferred: [Deferred]

    /// Reads the policy file at `path` over `base`, without validating ranges.
    /// A file over `HaircutPolicy.maximumFileBytes` is refused before it is
    /// read (a pipe is read up to the limit); a relative `liquidity` path is taken relative to the file's directory.
    /// - Complexity: O(file size).
    public static func read(path: String, over base: HaircutPolicy = HaircutPolicy()) throws -> HaircutPolicyFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= HaircutPolicy.maximumFileBytes else {
            throw TailRiskError.file(path: path, line: nil, column: nil, message: HaircutPolicy.tooLarge(size))
        }
        let bytes = try InputFile.read(path: path, maximumBytes: HaircutPolicy.maximumFileBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TailRiskError.file(path: path, line: nil, column: nil, message: "the policy file is not UTF-8 text")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: text, source: path, over: base, baseDirectory: directory)
    }

    /// Parses policy YAML over `base`, without validating ranges; `source`
    /// names the text in errors. Text over `HaircutPolicy.maximumFileBytes` or
    /// nested deeper than `HaircutPolicy.maximumNesting` is refused before it
    /// is composed. An empty document changes nothing. A relative `liquidity`
    /// path is resolved against `baseDirectory` when one is given.
    /// - Throws: `.file` with the line and column of a syntax error, an unknown
    ///   or duplicate key, or a value of the wrong type.
    /// - Complexity: O(text size).
    public static func parse(yaml: String, source: String, over base: HaircutPolicy = HaircutPolicy(),
                             baseDirectory: String? = nil) throws -> HaircutPolicyFile {
        let (policy, marks, deferred) = try HaircutPolicy.compose(yaml: yaml, source: source, over: base,
                                                                  baseDirectory: baseDirectory)
        return HaircutPolicyFile(source: source, policy: policy, marks: marks, deferred: deferred)
    }

    /// Validates `merged`, this file's policy with any overrides on top.
    ///
    /// A range error on a key this file sets, whose value in `merged` is still
    /// the file's, is rethrown as `.file` at the key (`key: message`); any other
    /// error is `HaircutPolicy.validate`'s own, naming the quantity.
    /// - Complexity: O(fields).
    public func validate(_ merged: HaircutPolicy) throws {
        for d in deferred {
            let replaced = d.part == .law ? merged.model.law != policy.model.law : merged.model.filter != policy.model.filter
            if !replaced { throw d.error }
        }
        do {
            try merged.validate()
        } catch let TailRiskError.invalidParameter(parameter, message) {
            // The law's and the filter's keys are read together: a range error names the one the file wrote.
            let own = parameter.rawValue
            let keys = [own] + (["filter": ["filter-lambda"], "df": ["dist"], "skew": ["dist"], "tails": ["dist"]][own] ?? [])
            let key = keys.first { marks[$0] != nil } ?? own
            guard let mark = marks[key], Self.value(of: key, in: merged) == Self.value(of: key, in: policy) else {
                throw TailRiskError.invalidParameter(parameter, message: message)
            }
            throw TailRiskError.file(path: source, line: mark.line, column: mark.column, message: "\(key): \(message)")
        }
    }

    /// The echoed value of `key` (nil when unset).
    private static func value(of key: String, in policy: HaircutPolicy) -> HaircutPolicy.EchoValue? {
        policy.echo.first { $0.key == key }?.value
    }
}
