import Testing
@testable import TailRisk

struct RunFileTests {
    @Test func entriesAreTheFlagsTheyStandFor() throws {
        let yaml = "prices: [a.csv, b.csv]\npositions: {BTC: 1.5, ETH: 20}\nmethod: [historical, normal]\n"
            + "zero-mean: true\nquiet: false\nconfidence: 99%\n"
        let file = try RunFile.parse(Array(yaml.utf8), source: "run.yaml")
        #expect(file.entries.map(\.key) == ["prices", "positions", "method", "zero-mean", "confidence"])
        #expect(file.entries[0].files == ["a.csv", "b.csv"])
        #expect(file.entries.map(\.value) == [nil, "BTC=1.5,ETH=20", "historical,normal", nil, "99%"])
        #expect(file.entries.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func duplicateAndNestedKeysAreRefusedAtTheirLine() {
        let duplicate = TemporaryFiles.error { try RunFile.parse(Array("seed: 1\nseed: 2\n".utf8), source: "r.yaml") }
        #expect(duplicate == .file(path: "r.yaml", line: 2, column: 1, message: "duplicate key 'seed'"))
        let nested = TemporaryFiles.error { try RunFile.parse(Array("method: [[a]]\n".utf8), source: "r.yaml") }
        #expect(nested?.description.hasPrefix("r.yaml:1:") == true)
    }
}
