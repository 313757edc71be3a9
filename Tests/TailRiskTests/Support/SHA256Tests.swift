import Testing
@testable import TailRisk

@Test func sha256KnownVectors() {
    // FIPS 180-4 examples.
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test(.enabled(if: TestData.sharedAvailable, TestData.sharedMissingReason))
func sha256OfSharedFileMatchesItsReadme() throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestData.shared("equity_sp500_skfolio_daily.csv"))))
    #expect(SHA256.hex(bytes) == "8849845acc0209a54516aa8e219fa629bd4cb0718759e0d1fda0df9647fd97b7")
}

import Foundation
