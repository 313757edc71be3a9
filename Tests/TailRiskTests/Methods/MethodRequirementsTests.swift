import Foundation
import Testing
@testable import TailRisk

/// Each method reads what it declares (`RiskMeasureMethod.requirements`) and nothing
/// else: given every input fitted under specs that differ only in what it does not
/// declare, it returns the same figures; changing what it declares changes them.
@Suite struct MethodRequirementsTests {
    static let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)]
    static let values = [60.0, -15.0, 40.0]
    static let returns = RollingBacktestTests.synthetic(rows: 120, assets: 3).returns

    /// Everything any method could read, fitted under `spec`: the P&L, the model with its
    /// law, the filter fits; `pnl` replaces the window's P&L when given.
    static func everything(_ spec: RiskModelSpec, pnl: [Double]? = nil) throws -> RiskMethodInputs {
        let model = try RiskModel.fit(returns, spec: spec, filtered: true)
        return RiskMethodInputs(
            pnl: pnl ?? PnLSeries.portfolio(returns: returns, values: values, model: .exact), values: values,
            levels: levels, spec: spec, model: model, filters: model.filters,
            simulation: SimulationSettings(scenarios: 2000, seed: 3, threads: 1))
    }

    static func figures(_ method: RiskMethod, _ inputs: RiskMethodInputs) throws -> [Double] {
        try method.implementation.estimate(inputs).estimates.flatMap { [$0.valueAtRisk, $0.expectedShortfall] }
    }

    /// Specs that differ in the filter only (the law is normal: its scenarios read no filter).
    static let filters: [RiskModelSpec] = [
        RiskModelSpec(), RiskModelSpec(filter: .garch), RiskModelSpec(filter: .ewma(lambda: 0.8)),
    ]
    /// Specs that differ in the covariance estimator and the mean only.
    static let covariances: [RiskModelSpec] = [
        RiskModelSpec(), RiskModelSpec(estimator: .ewma, zeroMean: true), RiskModelSpec(estimator: .ledoitWolf),
    ]

    @Test func aMethodNotDeclaringAFilterGivesTheSameFiguresWhateverTheFilter() throws {
        for method in RiskMethod.allCases {
            let read = Set(Self.filters.map { method.requirements($0).contains(.filter) })
            guard read == [false] else { continue }
            let first = try Self.figures(method, Self.everything(Self.filters[0]))
            for spec in Self.filters.dropFirst() {
                #expect(try Self.figures(method, Self.everything(spec)) == first, "\(method) under \(spec)")
            }
        }
        // The one that declares it reads it.
        #expect(RiskMethod.fhs.requirements(RiskModelSpec()).contains(.filter))
        #expect(try Self.figures(.fhs, Self.everything(Self.filters[0]))
                != Self.figures(.fhs, Self.everything(Self.filters[1])))
    }

    @Test func aMethodNotDeclaringTheCovarianceGivesTheSameFiguresWhateverTheEstimator() throws {
        var checked: [RiskMethod] = []
        for method in RiskMethod.allCases where !method.requirements(RiskModelSpec()).contains(.covariance) {
            let first = try Self.figures(method, Self.everything(Self.covariances[0]))
            for spec in Self.covariances.dropFirst() {
                #expect(try Self.figures(method, Self.everything(spec)) == first, "\(method) under \(spec)")
            }
            checked.append(method)
        }
        #expect(checked == [.historical, .cornishFisher, .fhs])
        for method in [RiskMethod.normal, .monteCarlo] {
            #expect(try Self.figures(method, Self.everything(Self.covariances[0]))
                    != Self.figures(method, Self.everything(Self.covariances[1])), "\(method) reads the covariance")
        }
    }

    @Test func aMethodNotDeclaringTheWindowNeverReadsItsPnL() throws {
        let spec = RiskModelSpec()
        for method in RiskMethod.allCases {
            let declared = method.requirements(spec).contains(.window)
            let given = try Self.figures(method, Self.everything(spec))
            let reversed = PnLSeries.portfolio(returns: Self.returns, values: Self.values, model: .exact).map { -$0 }
            if declared {
                #expect(try Self.figures(method, Self.everything(spec, pnl: reversed)) != given, "\(method)")
            } else {
                #expect(try Self.figures(method, Self.everything(spec, pnl: [])) == given, "\(method)")
            }
        }
    }

    /// The Monte Carlo method reads a filter exactly when its law does: the fhs law always,
    /// a copula when one is given; and `RiskModelSpec.checkFilter` accepts a filter exactly
    /// when some method asked for declares it.
    @Test func theFilterDecisionIsTheDeclaredOne() throws {
        #expect(!RiskMethod.monteCarlo.requirements(RiskModelSpec(law: .normal)).contains(.filter))
        #expect(RiskMethod.monteCarlo.requirements(RiskModelSpec(law: .fhs)).contains(.filter))
        #expect(!RiskMethod.monteCarlo.requirements(RiskModelSpec(law: .gaussianCopula)).contains(.filter))
        #expect(RiskMethod.monteCarlo.requirements(RiskModelSpec(law: .gaussianCopula, filter: .garch))
                .contains(.filter))
        for law in [InnovationLaw.normal, .bootstrap, .fhs, .gaussianCopula] {
            let spec = RiskModelSpec(law: law, filter: .garch)
            for methods in [[RiskMethod.historical], [.normal, .monteCarlo], [.fhs], [.cornishFisher, .monteCarlo]] {
                let declared = RiskMethod.requirements(of: methods, spec: spec).contains(.filter)
                let accepted = (try? spec.checkFilter(methods: methods)) != nil
                #expect(declared == accepted, "\(methods) under \(law)")
                #expect(RiskMethod.filterRead(by: methods, spec: spec) == (declared ? .garch : nil))
            }
        }
    }

    @Test func theRegistryMapsEachIdToItsMethod() {
        for method in RiskMethod.allCases {
            #expect(method.implementation.method == method)
            #expect(method.id(RiskModelSpec()) == method.rawValue)
        }
        #expect(RiskMethod.fhs.id(RiskModelSpec(filter: .garch)) == "fhs-garch")
        #expect(RiskMethod.monteCarlo.id(RiskModelSpec(law: .bootstrap)) == "monte-carlo-bootstrap")
    }
}
