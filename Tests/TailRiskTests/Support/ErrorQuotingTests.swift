import Testing
@testable import TailRisk

/// What an error may quote of the user's input: short, printable, and saying what it left out.
struct ErrorQuotingTests {
    @Test func shortPrintableTextIsQuotedAsIs() {
        #expect(ErrorQuoting.quoted("abc") == "\"abc\"")
        #expect(ErrorQuoting.quoted("") == "\"\"")
        #expect(ErrorQuoting.quoted("Zürich 東京") == "\"Zürich 東京\"")
        // A combining accent is part of its letter, not an invisible character.
        #expect(ErrorQuoting.quoted("e\u{301}") == "\"e\u{301}\"")
    }

    @Test func nonPrintingCharactersAreEscaped() {
        #expect(ErrorQuoting.quoted("a\u{0}b\u{7}\u{7F}") == #""a\x00b\x07\x7F""#)
        #expect(ErrorQuoting.quoted("\t\r\n") == #""\t\r\n""#)
        #expect(ErrorQuoting.quoted("\u{A0}BTC\u{2028}\u{200B}\u{FEFF}") == #""\u{A0}BTC\u{2028}\u{200B}\u{FEFF}""#)
        #expect(ErrorQuoting.quoted("say \"hi\" \\") == #""say \"hi\" \\""#)
        // Bytes that are not UTF-8 show as themselves, not as replacement characters.
        #expect(ErrorQuoting.quoted(utf8: [0x41, 0xFF, 0xC3, 0x28, 0xE2, 0x82]) == #""A\xFF\xC3(\xE2\x82""#)
        #expect(ErrorQuoting.quoted(utf8: [0xED, 0xA0, 0x80]) == #""\xED\xA0\x80""#)  // an encoded surrogate
        #expect(ErrorQuoting.quoted(utf8: [0xC0, 0x80]) == #""\xC0\x80""#)  // an overlong NUL
    }

    @Test func longTextIsCutAndItsLengthSaid() {
        let megabyte = String(repeating: "9", count: 1 << 20)
        let q = ErrorQuoting.quoted(megabyte)
        #expect(q == "\"" + String(repeating: "9", count: ErrorQuoting.maximumCharacters) + "…\" (1048576 bytes)")
        let exactly = String(repeating: "x", count: ErrorQuoting.maximumCharacters)
        #expect(ErrorQuoting.quoted(exactly) == "\"\(exactly)\"")
        // Binary: every byte is escaped and the cut counts characters shown, not bytes.
        let binary = ErrorQuoting.quoted(utf8: [UInt8](repeating: 0, count: 10_000))
        #expect(binary.count < 6 * ErrorQuoting.maximumCharacters && binary.hasSuffix("…\" (10000 bytes)"))
        #expect(!binary.contains("\u{0}"))
        #expect(ErrorQuoting.bare(megabyte).count == ErrorQuoting.maximumCharacters + 1)
    }

    @Test func longListsNameTheFirstTenAndCountTheRest() {
        #expect(ErrorQuoting.names(["A", "B"]) == "A, B")
        #expect(ErrorQuoting.names([String]()) == "")
        let names = (0..<10_000).map { "X\($0)" }
        #expect(ErrorQuoting.names(names) == "X0, X1, X2, X3, X4, X5, X6, X7, X8, X9 and 9990 more")
        #expect(ErrorQuoting.names(Array(names.prefix(10))) == "X0, X1, X2, X3, X4, X5, X6, X7, X8, X9")
        #expect(ErrorQuoting.names(["a\u{0}"], separator: ",") == #"a\x00"#)
    }
}
