// rng-battery: the normals of a seed's scenario streams, as the engine draws them, put to the test
// (issue 21, item 10: "the default seed's draws were about +3σ on BTC-heavy baskets in two audits").
//
// Scenario j of a run with seed s draws its d normals from `Xoshiro256PlusPlus(seed: s, scenario: j)`
// by `fillNormals` (the ziggurat), in scenario order: exactly what `ScenarioGenerator` does for the
// normal law. This tool replays that sequence and either
//   rng-battery check  [--seed S] [--dim D] [--scenarios N]
//       prints JSON: the frequencies beyond the quantiles the risk figures live at (Φ⁻¹ of 10⁻¹ … 10⁻⁵,
//       both tails) against their exact probabilities as z-scores, a χ² over 1,024 equiprobable bins of
//       Φ(z), the first four moments as z-scores, the correlation of neighbouring coordinates inside a
//       scenario and of the same coordinate in neighbouring scenarios, and the mean of each coordinate
//       (an asset's draws) as a z-score. Every statistic is standardised, so |z| > 4 is a finding.
//   rng-battery stream [--seed S] [--dim D] [--scenarios N] [--raw]
//       writes 32-bit words to standard output for dieharder (`dieharder -g 200`): by default
//       ⌊2³² Φ(z)⌋ of each normal (the normals' law and independence through the probability
//       transform), with --raw the high 32 bits of the generators' own words in the same order. N = 0
//       streams until the reader closes the pipe.
// Cost: about 10 ns per normal (ziggurat plus erfc); `check` at 10⁹ normals takes a few minutes.
import Foundation
import TailRisk

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

let mode = CommandLine.arguments.dropFirst().first ?? "check"
let seed = UInt64(argument("seed", "20260101")) ?? 20_260_101
let dim = max(1, Int(argument("dim", "6")) ?? 6)
let scenarios = Int(argument("scenarios", "20000000")) ?? 20_000_000
let raw = CommandLine.arguments.contains("--raw")

/// Runs `body` on each scenario's normals in the engine's order.
func forEachScenario(_ count: Int, _ body: (Int, UnsafeMutablePointer<Double>) -> Bool) {
    let buffer = UnsafeMutablePointer<Double>.allocate(capacity: dim)
    defer { buffer.deallocate() }
    var j = 0
    while count == 0 || j < count {
        var rng = Xoshiro256PlusPlus(seed: seed, scenario: UInt64(j))
        rng.fillNormals(buffer, count: dim)
        if !body(j, buffer) { return }
        j += 1
    }
}

func stream() {
    signal(SIGPIPE, SIG_IGN)
    let wordsPerChunk = 1 << 16
    var chunk = [UInt32](repeating: 0, count: wordsPerChunk)
    var filled = 0
    func flush() -> Bool {
        let bytes = filled * 4
        let written = chunk.withUnsafeBytes { write(1, $0.baseAddress, bytes) }
        filled = 0
        return written == bytes
    }
    if raw {
        var j: UInt64 = 0
        while scenarios == 0 || j < UInt64(scenarios) {
            var rng = Xoshiro256PlusPlus(seed: seed, scenario: j)
            for _ in 0..<dim {
                chunk[filled] = UInt32(truncatingIfNeeded: rng.next() >> 32)
                filled += 1
                if filled == wordsPerChunk, !flush() { return }
            }
            j += 1
        }
        _ = flush()
        return
    }
    forEachScenario(scenarios) { _, z in
        for i in 0..<dim {
            let u = Normal.cdf(z[i])
            chunk[filled] = UInt32(min(u * 4_294_967_296.0, 4_294_967_295.0))
            filled += 1
            if filled == wordsPerChunk, !flush() { return false }
        }
        return true
    }
    _ = flush()
}

func check() {
    // Tail frequencies at Φ⁻¹(p), p = 10⁻¹ … 10⁻⁵, both tails.
    let probabilities = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]
    let cuts = probabilities.map { Normal.quantile($0) }
    var lower = [Int](repeating: 0, count: cuts.count), upper = lower
    let bins = 1024
    var counts = [Int](repeating: 0, count: bins)
    var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
    var within = 0.0, across = 0.0
    var previous = [Double](repeating: 0, count: dim)
    var perCoordinate = [Double](repeating: 0, count: dim)
    let started = Date()
    forEachScenario(scenarios) { j, z in
        for i in 0..<dim {
            let x = z[i]
            for (c, cut) in cuts.enumerated() {
                if x < cut { lower[c] += 1 } else { break }
            }
            for (c, cut) in cuts.enumerated() {
                if -x < cut { upper[c] += 1 } else { break }
            }
            counts[min(bins - 1, Int(Normal.cdf(x) * Double(bins)))] += 1
            let x2 = x * x
            s1 += x; s2 += x2; s3 += x2 * x; s4 += x2 * x2
            perCoordinate[i] += x
            if i > 0 { within += z[i - 1] * x }
            if j > 0 { across += previous[i] * x }
            previous[i] = x
        }
        return true
    }
    let n = Double(scenarios * dim)
    func z(_ count: Int, _ p: Double, _ total: Double) -> Double {
        (Double(count) - total * p) / (total * p * (1 - p)).squareRoot()
    }
    var tails: [[String: Double]] = []
    for (c, p) in probabilities.enumerated() {
        tails.append(["p": p, "lower_count": Double(lower[c]), "lower_z": z(lower[c], p, n),
                      "upper_count": Double(upper[c]), "upper_z": z(upper[c], p, n)])
    }
    let expected = n / Double(bins)
    let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    let dfChi = Double(bins - 1)
    // Moments of N(0,1): E z = 0, E z² = 1, E z³ = 0, E z⁴ = 3; variances of the sample means 1, 2, 15, 96.
    let moments: [String: Double] = [
        "mean_z": s1 / n / (1 / n).squareRoot(),
        "second_moment_z": (s2 / n - 1) / (2 / n).squareRoot(),
        "third_moment_z": (s3 / n) / (15 / n).squareRoot(),
        "fourth_moment_z": (s4 / n - 3) / (96 / n).squareRoot(),
    ]
    let withinPairs = Double(scenarios * (dim - 1)), acrossPairs = Double((scenarios - 1) * dim)
    let coordinateZ = perCoordinate.map { $0 / Double(scenarios).squareRoot() }
    let report: [String: Any] = [
        "seed": seed, "dim": dim, "scenarios": scenarios, "normals": Int(n),
        "generator": "Xoshiro256PlusPlus(seed:scenario:) + fillNormals (the engine's normal law)",
        "tails": tails,
        "chi2_1024_bins": chi2, "chi2_z": (chi2 - dfChi) / (2 * dfChi).squareRoot(),
        "moments": moments,
        "within_scenario_lag1_z": withinPairs > 0 ? within / withinPairs.squareRoot() : 0,
        "across_scenario_lag1_z": acrossPairs > 0 ? across / acrossPairs.squareRoot() : 0,
        "coordinate_mean_z": coordinateZ,
        "seconds": Date().timeIntervalSince(started),
    ]
    let data = try! JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

switch mode {
case "stream": stream()
case "check": check()
default:
    FileHandle.standardError.write("usage: rng-battery check|stream [--seed S] [--dim D] [--scenarios N] [--raw]\n".data(using: .utf8)!)
    exit(2)
}
