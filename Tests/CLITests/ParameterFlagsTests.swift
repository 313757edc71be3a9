import Foundation
import Testing
import TailRisk
@testable import tailrisk

/// The library names quantities (`Parameter`), the CLI prints flags (`ParameterFlags`): the mapping
/// is total by construction (a switch) and must point at flags that exist, so that a renamed flag or
/// a new quantity cannot leave an error naming an option the CLI does not take (issue 22).
@Suite(.tags(.cli)) struct ParameterFlagsTests {
    static let subcommands = ["var", "cov", "simulate", "haircut", "stress", "backtest", "merge"]

    /// Every flag any subcommand lists in its help.
    static func helpFlags() throws -> Set<String> {
        var flags = Set<String>()
        for sub in subcommands {
            let r = try CLI.run([sub, "--help"])
            #expect(r.status == 0, "\(sub) --help: \(r.stderr)")
            let pattern = try NSRegularExpression(pattern: "--[a-z][a-z0-9-]*")
            let text = r.stdout as NSString
            for m in pattern.matches(in: r.stdout, range: NSRange(location: 0, length: text.length)) {
                flags.insert(text.substring(with: m.range))
            }
        }
        return flags
    }

    @Test func everyParameterMapsToAFlagASubcommandTakes() throws {
        let flags = try Self.helpFlags()
        #expect(flags.count > 50, "the help of the subcommands lists \(flags.count) flags")
        for parameter in Parameter.allCases {
            let flag = ParameterFlags.flag(for: parameter)
            #expect(flags.contains(flag), "\(parameter) maps to \(flag), which no subcommand's --help lists")
        }
        // Distinct quantities are distinct flags, so an error never names the wrong one.
        let all = Parameter.allCases.map(ParameterFlags.flag(for:))
        #expect(Set(all).count == all.count)
    }

    @Test func theCLIPrintsTheFlagWhereTheLibraryNamesTheQuantity() throws {
        let error = try #require(TemporaryError.of { _ = try ConfidenceLevel(validating: 1.5) })
        #expect(error.description.hasPrefix("confidence level: 1.5 is outside"))
        #expect(error.cliDescription.hasPrefix("--confidence: 1.5 is outside"))
        // End to end: an unknown asset, found by the library (`PriceTable.resolve(_:parameter:)`), is
        // blamed on the flag that gave it.
        let r = try CLI.run(["var", CLI.data("sp500_skfolio_daily.csv"), "--positions", "AAPL=1,NOPE=1"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: --positions: unknown asset \"NOPE\""), "\(r.stderr)")
    }
}

enum TemporaryError {
    static func of(_ body: () throws -> Void) -> TailRiskError? {
        do { try body(); return nil } catch { return error as? TailRiskError }
    }
}
