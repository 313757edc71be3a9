import Foundation
import Testing

/// Locations of test inputs: committed fixtures, and the shared real price
/// histories in `../shared/data` beside the repository (CI always has them;
/// tests that need them are disabled with a visible reason where they are absent).
enum TestData {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/TailRiskTests/Fixtures/<relative>`.
    static func fixture(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/TailRiskTests/Fixtures").appendingPathComponent(relative).path
    }

    /// `../shared/data` beside the repository.
    static let sharedDataDirectory: URL = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data")

    /// Whether the shared price files are present.
    static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedDataDirectory.appendingPathComponent("crypto_coinmetrics_daily.csv").path)
    }

    /// Path of a shared price file, e.g. `crypto_coinmetrics_daily.csv`.
    static func shared(_ name: String) -> String {
        sharedDataDirectory.appendingPathComponent(name).path
    }

    static let sharedMissingReason: Comment = "../shared/data is not beside the repository: skipping tests on the real price files"
}
