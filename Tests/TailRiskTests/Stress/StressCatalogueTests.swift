import Foundation
import Testing
@testable import TailRisk

@Suite struct StressCatalogueTests {
    @Test func readsNamedWindowsInOrder() throws {
        let yaml = """
            - name: b
              from: 2020-03-05
              to: 2020-03-20
              note: covid
            - {name: a, from: 2018-11-14, to: 2018-12-15}
            """
        let w = try StressCatalogue.parse(yaml: yaml, source: "cat.yaml")
        #expect(w.map(\.label) == ["b", "a"])
        #expect(w[0].note == "covid" && w[1].note == nil)
        #expect(w[1].from == Day(iso: "2018-11-14") && w[1].to == Day(iso: "2018-12-15"))
    }

    @Test(arguments: [
        ("- name: a\n  from: 2020-01-01\n  to: 2020-02-01\n  colour: red\n", 4),
        ("- name: a\n  from: 2020-13-01\n  to: 2020-02-01\n", 2),
        ("- name: a\n  from: 2020-01-01\n", 1),
        ("- name: a\n  from: 2020-01-01\n  to: 2020-02-01\n- name: a\n  from: 2020-01-01\n  to: 2020-02-01\n", 4),
        ("name: a\n", 1),
    ])
    func refusesBadEntriesNamingTheLine(yaml: String, line: Int) {
        do {
            _ = try StressCatalogue.parse(yaml: yaml, source: "cat.yaml")
            Issue.record("accepted \(yaml)")
        } catch let TailRiskError.file(path, l, _, _) {
            #expect(path == "cat.yaml")
            #expect(l == line)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The shipped catalogue parses, and every window lies inside the shared crypto file's dates.
    @Test func theShippedCatalogueParses() throws {
        let path = TestData.repositoryRoot.appendingPathComponent("Data/stress_catalogue.yaml").path
        let windows = try StressCatalogue.read(path: path)
        #expect(windows.count >= 5)
        #expect(windows.allSatisfy { $0.from <= $0.to && $0.to <= Day(iso: "2020-07-27")! })
    }
}
