// engine-timer: times `MonteCarloEngine.run` in-process on a synthetic model and prints JSON.
//   engine-timer --assets 50 --scenarios 1000000 --threads 2 --pnl exact [--phases]
// `cpu_seconds`: the process's CPU time over each timed run (all threads; what the run costs
// whatever else shares the cores). The model is built before the clock starts (as NumPy's in-process timing starts after the Cholesky).
// --phases also times the engine's pieces alone on one thread with the public primitives:
// normals (ziggurat fill), dtrmm, tail offers, and skipping normals (what regenerating tail
// scenarios for the Euler contributions costs at most); the rest is expm1, dot products and merging.
import BenchSupport
import Dispatch
import Foundation
import TailRisk

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let d = Int(argument("assets", "50"))!
let n = Int(argument("scenarios", "1000000"))!
let threads = Int(argument("threads", "1"))!
let pnl = PnLModel(rawValue: argument("pnl", "exact"))!
let repeats = Int(argument("repeat", "1"))!
let synthetic = SyntheticModel(dimension: d)
let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)]

func engine(scenarios: Int, threads: Int) throws -> SimulationResult {
    try MonteCarloEngine().run(model: synthetic.model, values: synthetic.values, levels: levels,
                               settings: SimulationSettings(scenarios: scenarios, threads: threads, pnl: pnl))
}

_ = try engine(scenarios: 8 * MonteCarloEngine.streamUnit, threads: threads)  // warm-up: threads, BLAS, pages
/// CPU seconds of the whole process (all threads) so far.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

var times: [Double] = []
var cpu: [Double] = []
var result: SimulationResult?
for _ in 0..<repeats {
    let c0 = cpuSeconds()
    times.append(try seconds { result = try engine(scenarios: n, threads: threads) })
    cpu.append(cpuSeconds() - c0)
}

var fields: [String] = [
    "\"assets\": \(d)", "\"scenarios\": \(n)", "\"threads\": \(threads)", "\"pnl\": \"\(pnl.rawValue)\"",
    "\"seconds\": [\(times.map { String($0) }.joined(separator: ", "))]",
    "\"cpu_seconds\": [\(cpu.map { String($0) }.joined(separator: ", "))]",
    "\"var99\": \(result!.estimates[0].valueAtRisk)", "\"es99\": \(result!.estimates[0].expectedShortfall)",
]

if CommandLine.arguments.contains("--phases") {
    let rows = MonteCarloEngine.streamUnit
    let units = (n + rows - 1) / rows
    let block = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
    let work = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
    defer { block.deallocate(); work.deallocate() }
    let normals = seconds {
        for u in 0..<units {
            var rng = Xoshiro256PlusPlus(seed: 1, unit: UInt64(u))
            rng.fillNormals(block, count: rows * d)
        }
    }
    var dtrmm = 0.0
    let factor = synthetic.factor.storage
    for _ in 0..<units {
        work.update(from: block, count: rows * d)
        dtrmm += seconds {
            factor.withUnsafeBufferPointer {
                BLAS.multiplyRowsByLowerTransposed(work, rows: rows, lower: $0.baseAddress!, dimension: d)
            }
        }
    }
    var rng = Xoshiro256PlusPlus(seed: 2, unit: 0)
    let losses = (0..<rows).map { _ in rng.nextNormal() }
    let capacity = 2 * Int((Double(n) * 0.025).rounded(.up))
    let tail = seconds {
        var buffer = TailBuffer(capacity: capacity)
        for u in 0..<units { for r in 0..<rows { buffer.offer(loss: losses[r] + Double(u) * 1e-9, index: u * rows + r) } }
        _ = buffer.sorted
    }
    let oneThread = threads == 1 ? times.sorted()[times.count / 2] : try seconds { _ = try engine(scenarios: n, threads: 1) }
    fields.append("\"phases\": {\"engine_one_thread\": \(oneThread), \"normals\": \(normals), \"dtrmm\": \(dtrmm), "
        + "\"tail_offers\": \(tail), "
        + "\"rest\": \(oneThread - normals - dtrmm - tail)}")
}
print("{" + fields.joined(separator: ", ") + "}")
