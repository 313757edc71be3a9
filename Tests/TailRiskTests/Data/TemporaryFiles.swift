import Foundation
@testable import TailRisk

/// Small files written to a fresh temporary directory for the reader tests.
enum TemporaryFiles {
    /// Writes `contents` to `<fresh temporary directory>/<name>` and returns the path.
    static func write(_ contents: String, name: String = "prices.csv") throws -> String {
        try write(Array(contents.utf8), name: name)
    }

    static func write(_ bytes: [UInt8], name: String = "prices.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailrisk-data-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The error `body` throws, or `nil`.
    static func error<T>(_ body: () throws -> T) -> TailRiskError? {
        do {
            _ = try body()
            return nil
        } catch let e as TailRiskError {
            return e
        } catch {
            return nil
        }
    }
}
