import Foundation
import Testing

/// The CLI reads a run file no further than the run-file reader takes (1 MiB), so a huge
/// `--config` file or an endless pipe is refused while it is read, as a run file.
@Suite(.tags(.cli)) struct ReaderBoundsCLITests {
    @Test func aHugeRunFileIsRefusedAtOneMebibyte() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("run.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 64 << 20)  // a hole: no disk used
        try handle.close()
        let r = try CLI.run(["var", "--config", path])
        #expect(r.status != 0 && !r.signalled)
        #expect(r.stderr.contains("larger than \(1 << 20) bytes") && !r.stderr.contains("policy"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
    }
}
