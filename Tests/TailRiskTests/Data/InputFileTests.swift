import Foundation
import Testing
@testable import TailRisk

/// Input files are read by `read(2)` until end of file: pipes and devices as well as
/// regular files, under the same size limit.
struct InputFileTests {
    /// A FIFO in a fresh directory, with `bytes` written into it by another thread
    /// (the write blocks until a reader opens the FIFO).
    private func fifo(writing bytes: [UInt8]) throws -> String {
        let path = URL(fileURLWithPath: try TemporaryFiles.write("", name: "unused")).deletingLastPathComponent()
            .appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            var offset = 0
            bytes.withUnsafeBytes { buffer in
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, min(buffer.count - offset, 4096))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
        writer.start()
        return path
    }

    @Test func aPipeIsReadWhole() throws {
        var text = "date,BTC,ETH\n"
        for t in 0..<2_000 { text += "\(Day(daysSinceEpoch: 18_000 + t)),\(100 + t % 7),\(50 + t % 5)\n" }
        let path = try fifo(writing: Array(text.utf8))
        let table = try PriceTable.read(path: path)
        #expect(table.assets == ["BTC", "ETH"] && table.dates.count == 2_000)
        #expect(table.prices[1_999, 0] == Double(100 + 1_999 % 7))
    }

    /// The limit holds for a pipe, whose size is unknown until it is read. (One write of
    /// at most 4096 bytes, done before the reader gives up, so the writer never meets a
    /// closed pipe.)
    @Test func aPipeLongerThanTheLimitIsRefused() throws {
        let path = try fifo(writing: [UInt8](repeating: UInt8(ascii: "x"), count: 2_000))
        #expect(TemporaryFiles.error { try InputFile.read(path: path, maximumBytes: 1_000) }
                == .file(path: path, line: nil, column: nil,
                         message: "the file is larger than 1000 bytes, the most this tool reads"))
    }

    @Test func regularFilesDevicesAndDirectories() throws {
        let path = try TemporaryFiles.write("0123456789", name: "ten.txt")
        #expect(try InputFile.read(path: path) == Array("0123456789".utf8))
        #expect(try InputFile.read(path: path, maximumBytes: 10).count == 10)
        #expect(TemporaryFiles.error { try InputFile.read(path: path, maximumBytes: 9) }
                == .file(path: path, line: nil, column: nil, message: "the file is larger than 9 bytes, the most this tool reads"))
        // A character device reads as what it holds: /dev/null is an empty file.
        #expect(TemporaryFiles.error { try PriceTable.read(path: "/dev/null") }
                == .file(path: "/dev/null", line: nil, column: nil, message: "the file is empty"))
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(TemporaryFiles.error { try InputFile.read(path: directory) }
                == .file(path: directory, line: nil, column: nil, message: "cannot read the file: it is a directory"))
        #expect(TemporaryFiles.error { try InputFile.read(path: directory + "/none") }
                == .file(path: directory + "/none", line: nil, column: nil, message: "no such file"))
    }

    /// Positions, liquidity and policy files are read the same way.
    @Test func everyReaderTakesAPipe() throws {
        let positions = try PositionSpec.read(path: fifo(writing: Array("asset,quantity\nBTC,2\n".utf8)))
        #expect(positions.assets == ["BTC"] && positions.amounts == [2])
        let liquidity = try LiquidityTable.read(path: fifo(writing: Array("asset,adv,spread\nBTC,10,0.01\n".utf8)))
        #expect(liquidity["BTC"] == .init(adv: 10, spread: 0.01))
        let policy = try HaircutPolicy.read(path: fifo(writing: Array("confidence: 0.975\n".utf8)))
        #expect(policy.confidence == 0.975)
    }
}
