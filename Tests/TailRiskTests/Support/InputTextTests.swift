import Testing
@testable import TailRisk

/// Issue 21 items 15, 20, 21: the escaping of printed names, the decimal reading of typed
/// numbers, thresholds matched in any case, and errors blamed on the input's real source.
@Suite struct InputTextTests {
    /// Control and invisible characters are escaped, printing text (quotes, backslashes, letters) is kept.
    @Test func visibleEscapesWhatDoesNotPrint() {
        #expect(ErrorQuoting.visible("BTC") == "BTC")
        #expect(ErrorQuoting.visible("C d\\E é \"q\"") == "C d\\E é \"q\"")
        #expect(ErrorQuoting.visible("a\nb\tc\u{1B}[31m\u{7F}") == "a\\nb\\tc\\x1B[31m\\x7F")
        #expect(ErrorQuoting.visible("zero\u{200B}width") == "zero\\u{200B}width")
        #expect(!ErrorQuoting.visible("x\r\ny").contains(where: { $0.isNewline }))
    }

    /// Plain decimals only: hex, nan and inf are refused where `Double(String)` took them.
    @Test func decimalTextRefusesHexNanAndInfinity() {
        for good in ["0.99", ".5", "-3", "1e6", "2.5E-3", " 7 "] { #expect(DecimalText.number(good) != nil, "\(good)") }
        for bad in ["0x1p-1", "0x1.fap-1", "nan", "NaN", "inf", "-infinity", "1e999", "", "e", ".", "1,5", "0b1"] {
            #expect(DecimalText.number(bad) == nil, "\(bad)")
        }
        #expect(DecimalText.fraction("80%") == 0.8 && DecimalText.fraction("0.8") == 0.8)
        #expect(DecimalText.fraction("0x50%") == nil && DecimalText.fraction("nan%") == nil)
    }

    /// A threshold key names its asset in any case; two keys for one asset are refused.
    @Test func thresholdsMatchAssetsInAnyCase() throws {
        let m = try HaircutPolicy.thresholds(["eth": 0.8, "BTC": 0.75, "FOO": 0.5], matching: ["BTC", "ETH"])
        #expect(m == ["ETH": 0.8, "BTC": 0.75, "FOO": 0.5])
        #expect(throws: TailRiskError.self) { try HaircutPolicy.thresholds(["eth": 0.8, "ETH": 0.7], matching: ["ETH"]) }
    }

    /// The policy file's `lt:` takes percentages like `--lt`, and hex is refused in any number.
    @Test func policyThresholdsTakePercentages() throws {
        let p = try HaircutPolicy.parse(yaml: "lt: {ETH: 80%, BTC: 0.75}\n", source: "p.yaml")
        #expect(p.liquidationThresholds == ["ETH": 0.8, "BTC": 0.75])
        #expect(throws: TailRiskError.self) { try HaircutPolicy.parse(yaml: "confidence: 0x1.fap-1\n", source: "p.yaml") }
        #expect(throws: TailRiskError.self) { try HaircutPolicy.parse(yaml: "lt: {ETH: 80%, eth: 0.7}\n", source: "p.yaml") }
    }

    /// An `.invalidParameter` naming a quantity the input did not come from is blamed on the real source.
    @Test func errorsAreAttributedToTheirSource() {
        let e = TailRiskError.invalidParameter(.collateral, message: "too large")
        #expect(e.attributed(to: .file(path: "book.csv", line: nil), replacing: [.collateral])
                == .file(path: "book.csv", line: nil, column: nil, message: "too large"))
        #expect(e.attributed(to: .file(path: "s.yaml", line: 4), replacing: [.shock]) == e)
        #expect(TailRiskError.invalidParameter(.shock, message: "m").attributed(to: .file(path: "s.yaml", line: 4), replacing: [.shock])
                .description == "s.yaml:4: m")
    }
}
