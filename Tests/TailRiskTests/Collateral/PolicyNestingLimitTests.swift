import Foundation
import Testing
import Synchronization
import Yams
@testable import TailRisk

/// Hostile policy files that once overflowed Yams's recursion (SIGSEGV): each must be
/// refused by the limits before it is composed, however it hides its nesting.
@Suite struct PolicyNestingLimitTests {
    static let nestingMessage = "nesting deeper than 64 levels; a policy file is a flat mapping (confidence: 0.99, floor: {BTC: 0.1}, …)"

    /// The line breaks libyaml knows besides LF: a comment ends at each.
    static let breaks = ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\n"]

    struct Attack: Sendable, CustomTestStringConvertible {
        let lineBreak: String
        let opener: String
        var testDescription: String { "#\(lineBreak.unicodeScalars.map { "U+\(String($0.value, radix: 16))" }) \(opener)×5000" }
    }

    static let attacks = breaks.flatMap { b in ["[", "{"].map { Attack(lineBreak: b, opener: $0) } }

    /// `#`, a line break, then 5,000 brackets: the comment ends at the break, so the
    /// brackets are flow collections on line 2, whatever the break is.
    @Test(arguments: attacks)
    func commentThenBreakThenBrackets(_ attack: Attack) throws {
        let yaml = "#" + attack.lineBreak + String(repeating: attack.opener, count: 5_000)
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 2, column: nil, message: Self.nestingMessage)) {
            try HaircutPolicy.parse(yaml: yaml, source: "p.yaml")
        }
    }

    /// The exact file of the report, read from disk.
    @Test func theReportedFileIsRefusedFromDisk() throws {
        let path = try TemporaryFiles.write(Array("#\r".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 5_000),
                                            name: "policy.yaml")
        #expect(throws: TailRiskError.file(path: path, line: 2, column: nil, message: Self.nestingMessage)) {
            try HaircutPolicy.read(path: path)
        }
    }

    /// Files that fool a comment- or quote-aware scanner (a quote libyaml does not see, a
    /// comment hiding closers, tabs or a byte-order mark before indicators, an unclosed
    /// bracket inside a plain scalar): each breaks a limit that does not depend on lexing.
    struct Trick: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        // libyaml: flow sequence, plain scalar `b '`, then 5,000 nested sequences.
        Trick(name: "quote libyaml does not see", yaml: "a: [b ', " + String(repeating: "[", count: 5_000)),
        // Each comment hides a closer that libyaml never sees.
        Trick(name: "closers hidden in comments", yaml: String(repeating: "[ #]\n", count: 500)),
        // A double-quoted scalar spanning lines hides closers from a line-by-line scanner.
        Trick(name: "closers in a multi-line quoted scalar", yaml: "a: [[ \"\n]]\n\" " + String(repeating: "[", count: 5_000)),
        // `b'[` is a plain scalar: no flow opens, so the block sequences that follow must count.
        Trick(name: "unclosed bracket in a plain scalar", yaml: "a: b'[\nc:\n" + String(repeating: "- ", count: 5_000) + "x\n"),
        // Tabs separate compact sequence indicators as spaces do.
        Trick(name: "tabs after dashes", yaml: String(repeating: "-\t", count: 5_000) + "x\n"),
        // A byte-order mark at the start of a line is skipped by libyaml.
        Trick(name: "BOM before the first line", yaml: "\u{FEFF}" + String(repeating: "- ", count: 5_000) + "x\n"),
        Trick(name: "BOM before a later line", yaml: "a: 1\n\u{FEFF}b:\n" + String(repeating: "- ", count: 5_000) + "x\n"),
        // Compact explicit keys and values.
        Trick(name: "compact explicit keys", yaml: String(repeating: "? ", count: 5_000) + "x\n"),
        Trick(name: "compact explicit values", yaml: "? a\n" + String(repeating: ": ", count: 5_000) + "x\n"),
        // Indentation growing one space per line, after CR-only line ends.
        Trick(name: "indentation after CR line ends", yaml: (0..<200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\r") + "\r"),
    ])
    func lexicalTricksStillBreakALimit(_ trick: Trick) throws {
        let yaml = trick.yaml
        #expect(HaircutPolicy.limitViolation(yaml, nesting: HaircutPolicy.maximumNesting,
                                             brackets: HaircutPolicy.maximumBrackets) != nil)
        let error = TemporaryFiles.error { try HaircutPolicy.parse(yaml: yaml, source: "p.yaml") }
        guard case let .file(path, line, _, message)? = error else {
            Issue.record("expected a file error, got \(String(describing: error))")
            return
        }
        #expect(path == "p.yaml" && line != nil)
        #expect(message.hasPrefix("nesting deeper than 64 levels") || message.hasPrefix("more than 128 '[' or '{'"))
    }

    /// Every bracket counts toward `maximumBrackets`, in comments and quotes too.
    @Test func bracketsAreCountedEverywhere() throws {
        let many = "currency: 'x'\n" + String(repeating: "# [\n", count: 128) + "# {\n"
        #expect(throws: TailRiskError.file(path: "p.yaml", line: 130, column: nil, message:
            "more than 128 '[' or '{' (comments and quoted text included); a policy file is a flat mapping "
                + "(confidence: 0.99, floor: {BTC: 0.1}, …)")) {
            try HaircutPolicy.parse(yaml: many, source: "p.yaml")
        }
        let enough = "currency: 'x'\n" + String(repeating: "# [\n", count: 128)
        #expect(try HaircutPolicy.parse(yaml: enough, source: "p.yaml").currency == "x")
    }

    /// Line numbers follow libyaml's line breaks: a syntax error after CR-only and NEL
    /// line ends is reported on the line an editor shows.
    @Test func ordinaryFilesWithAnyLineBreakPass() throws {
        for b in Self.breaks {
            let yaml = ["# policy", "confidence: 0.975", "floor: {", "  BTC: 0.1,", "  ETH: 0.12", "}", "horizon: 10"]
                .joined(separator: b) + b
            let p = try HaircutPolicy.parse(yaml: yaml, source: "p.yaml")
            #expect(p.confidence == 0.975 && p.horizon == 10 && p.floors == ["BTC": 0.1, "ETH": 0.12])
        }
    }

    /// The margin the limits rely on: Yams composes the deepest document they let
    /// through (64 block levels holding 128 flow levels) on a 512 KiB thread stack,
    /// smaller than any thread this code runs on.
    @Test func yamsComposesTheDeepestAllowedDocumentOnASmallStack() throws {
        let block = HaircutPolicy.maximumNesting, flow = HaircutPolicy.maximumBrackets
        let yaml = (0..<block).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
            + " " + String(repeating: "[", count: flow) + String(repeating: "]", count: flow) + "\n"
        let depth = Mutex(0)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            func measure(_ node: Node?) -> Int {
                guard let node else { return 0 }
                if let m = node.mapping { return 1 + (m.map { measure($0.value) }.max() ?? 0) }
                if let s = node.sequence { return 1 + (s.map { measure($0) }.max() ?? 0) }
                return 0
            }
            let composed = (try? Yams.compose(yaml: yaml)) ?? nil
            depth.withLock { $0 = measure(composed) }
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        #expect(depth.withLock { $0 } == block + flow)
    }
}
