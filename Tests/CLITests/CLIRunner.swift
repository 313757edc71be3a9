import Foundation
import Testing

/// Runs the built `tailrisk` binary as a user would and captures what it prints.
enum CLI {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let sharedData: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("crypto_coinmetrics_daily.csv").path)
    }

    static let sharedMissing: Comment = "../shared/data is not beside the repository: skipping CLI runs on the real price files"

    static func shared(_ name: String) -> String { sharedData.appendingPathComponent(name).path }
    static func data(_ name: String) -> String { repositoryRoot.appendingPathComponent("Data").appendingPathComponent(name).path }

    /// The binary built next to the test bundle (debug under `swift test`).
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tailrisk"),
            repositoryRoot.appendingPathComponent(".build/debug/tailrisk"),
            repositoryRoot.appendingPathComponent(".build/release/tailrisk"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the process died by a signal (a crash) rather than exiting.
        var signalled: Bool = false
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(executable: binary, arguments, environment: environment)
    }

    /// Runs `executable` (the binary, or a shell that execs it) with `arguments`, this
    /// process's environment plus `environment`, in `directory` when given.
    static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Parses JSON output into a dictionary.
    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailrisk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
