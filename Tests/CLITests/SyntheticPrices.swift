import Foundation
@testable import TailRisk

/// Seeded synthetic price files for CLI tests: independent lognormal paths.
enum SyntheticPrices {
    /// `days` prices per asset with daily log-return volatilities `sigmas`,
    /// each path scaled so that its last price is `last` (so quantities give known values).
    static func write(in dir: URL, name: String = "prices.csv", assets: [String], sigmas: [Double], days: Int,
                      seed: UInt64 = 3, last: Double = 100) throws -> String {
        var rng = Xoshiro256PlusPlus(seed: seed, unit: 0)
        var paths = assets.map { _ in [0.0] }
        for _ in 1..<days {
            for j in assets.indices {
                paths[j].append(paths[j].last! + sigmas[j] * Normal.quantile(rng.nextUniformPositive()))
            }
        }
        let start = Day(year: 2020, month: 1, day: 1)!.daysSinceEpoch
        var lines = ["date," + assets.joined(separator: ",")]
        for t in 0..<days {
            let cells = assets.indices.map { j in "\(last * exp(paths[j][t] - paths[j][days - 1]))" }
            lines.append("\(Day(daysSinceEpoch: start + t)),\(cells.joined(separator: ","))")
        }
        let path = dir.appendingPathComponent(name).path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
