import Foundation
@testable import TailRisk

/// What `body` throws, as the user reads it (a `TailRiskError`'s description), or nil
/// when it returns: the helper of the suites that check an error's wording.
func thrownMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? TailRiskError)?.description ?? "\(error)"
    }
}
