import Testing
@testable import TailRisk

extension MonteCarloEngine {
    /// Runs `settings` on 1 and on 2 threads and expects the same estimates, tail and
    /// variance-reduction factors, bit for bit (results depend on the seed alone);
    /// returns the one-thread result.
    func expectSameBitsOnOneAndTwoThreads(model: ScenarioModel, values: [Double], levels: [ConfidenceLevel],
                                          settings: SimulationSettings) throws -> SimulationResult {
        var s = settings
        s.threads = 1
        let one = try run(model: model, values: values, levels: levels, settings: s)
        s.threads = 2
        let two = try run(model: model, values: values, levels: levels, settings: s)
        #expect(one.estimates == two.estimates)
        #expect(one.tail == two.tail)
        #expect(one.varianceReductionFactors == two.varianceReductionFactors)
        return one
    }
}
