// limit-probe: the engine's ingredients timed alone on one core, with the library's own pieces,
// for `Benchmarks/machine_limit.py` (issue 15, "the limit of this machine").
//   limit-probe --assets 50 [--values 4000000] [--threads 1]
// Prints JSON: ns per normal (`fillNormals` over a `Xoshiro256PlusPlus`), ns per keyed
// generator (`Xoshiro256PlusPlus(seed:scenario:)`, what the engine pays per scenario), dtrmm
// GFLOP/s at the engine's block shape (`BLAS.multiplyRowsByLowerTransposed`, rows = the engine's
// `blockRows(d)`, flops counted as rows·d², the triangle's multiply-adds), ns per `fastExpm1InPlace`
// value, ns per dot-product element (the engine's four-chain dot), and ns per tail offer.
// With --threads 2 every measurement runs on two threads at once and the per-thread rate is
// reported (what each core gets when both work: shared L3 and memory bandwidth included).
// Each figure is the median of 5 timed passes over about `--values` elements, in thread CPU time.
import BenchSupport
import Dispatch
import Foundation
import TailRisk

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

/// This thread's CPU time in ns (CLOCK_THREAD_CPUTIME_ID): the figures stay meaningful while other
/// processes share the cores (time slices taken away are not counted; shared caches still are).
func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

let d = Int(argument("assets", "50"))!
let total = Int(argument("values", "4000000"))!
let threads = Int(argument("threads", "1"))!
let unit = MonteCarloEngine.streamUnit
/// The engine's correlation block (ScenarioGenerator.blockRows): equal parts of a 4096-row unit of
/// at most 512 KiB each, rounded up to even.
let blockRows: Int = {
    let parts = max(1, (unit * d * 8 + (1 << 19) - 1) >> 19)
    let rows = (unit + parts - 1) / parts
    return rows + rows & 1
}()
let synthetic = SyntheticModel(dimension: d)
let factor = synthetic.factor.storage

/// The engine's `dot` (BlockEvaluator.swift): four interleaved partial sums.
@inline(__always)
func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var k = 0
    while k + 4 <= count {
        s0 += a[k] * b[k]; s1 += a[k + 1] * b[k + 1]; s2 += a[k + 2] * b[k + 2]; s3 += a[k + 3] * b[k + 3]
        k += 4
    }
    while k < count { s0 += a[k] * b[k]; k += 1 }
    return (s0 + s1) + (s2 + s3)
}

/// Nanoseconds per item of one measurement on one thread (`worker` picks its random streams).
func measure(_ name: String, worker: Int) -> Double {
    let cells = blockRows * d
    let block = UnsafeMutablePointer<Double>.allocate(capacity: cells)
    let fresh = UnsafeMutablePointer<Double>.allocate(capacity: cells)
    defer { block.deallocate(); fresh.deallocate() }
    var rng = Xoshiro256PlusPlus(seed: 7, unit: UInt64(worker))
    rng.fillNormals(fresh, count: cells)
    for k in 0..<cells { fresh[k] *= 0.02 }  // daily-scale returns for expm1
    let blocks = max(1, total / cells)
    var sink = 0.0
    var elapsed: UInt64 = 0
    var items = 0
    switch name {
    case "normals":
        let start = now()
        for b in 0..<blocks {
            var g = Xoshiro256PlusPlus(seed: 1, unit: UInt64(b * 2 + worker))
            g.fillNormals(block, count: cells)
            sink += block[b % cells]
        }
        elapsed = now() - start
        items = blocks * cells
    case "keyed":
        let scenarios = blocks * blockRows
        let start = now()
        for j in 0..<scenarios {
            var g = Xoshiro256PlusPlus(seed: 1, scenario: UInt64(j * 2 + worker))
            sink += Double(g.next() & 1)
        }
        elapsed = now() - start
        items = scenarios
    case "dtrmm":
        factor.withUnsafeBufferPointer { f in
            for _ in 0..<blocks {
                block.update(from: fresh, count: cells)
                let start = now()
                BLAS.multiplyRowsByLowerTransposed(block, rows: blockRows, lower: f.baseAddress!, dimension: d)
                elapsed += now() - start
                sink += block[0]
            }
        }
        items = blocks * blockRows * d * d  // flops
    case "expm1":
        for _ in 0..<blocks {
            block.update(from: fresh, count: cells)
            let start = now()
            fastExpm1InPlace(block, count: cells)
            elapsed += now() - start
            sink += block[1]
        }
        items = blocks * cells
    case "dot":
        let v = [Double](repeating: 1.0 / Double(d), count: d)
        let start = now()
        v.withUnsafeBufferPointer { vp in
            for _ in 0..<blocks {
                for row in 0..<blockRows { sink += dot(vp.baseAddress!, fresh + row * d, count: d) }
            }
        }
        elapsed = now() - start
        items = blocks * cells
    case "offers":
        // The tail at 99%/97.5% of 10⁶ scenarios (capacity 2·2.5% of n, as the engine keeps for 97.5%),
        // losses i.i.d. normal in scenario order (drawn before the clock starts), the final sort included.
        let n = 1_000_000
        var g = Xoshiro256PlusPlus(seed: 9, unit: UInt64(worker))
        let losses = (0..<n).map { _ in g.nextNormal() }
        var buffer = TailBuffer(capacity: 2 * Int((Double(n) * 0.025).rounded(.up)))
        let start = now()
        for j in 0..<n { buffer.offer(loss: losses[j], index: j) }
        sink += buffer.sorted.first?.loss ?? 0
        elapsed = now() - start
        items = n
    default:
        fatalError("unknown measurement \(name)")
    }
    if sink.isNaN { print("") }  // keeps the work alive
    return Double(elapsed) / Double(items)
}

/// The median over 5 passes of the mean per-thread figure, all `threads` threads measuring at once.
func figure(_ name: String) -> Double {
    var passes: [Double] = []
    for _ in 0..<5 {
        let perThread = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
        defer { perThread.deallocate() }
        nonisolated(unsafe) let slots = perThread  // each worker writes its own slot
        DispatchQueue.concurrentPerform(iterations: threads) { w in slots[w] = measure(name, worker: w) }
        passes.append(perThread.reduce(0, +) / Double(threads))
    }
    return passes.sorted()[2]
}

_ = figure("dtrmm")  // warm-up: BLAS configuration, pages, clocks
let normals = figure("normals"), keyed = figure("keyed"), dtrmm = figure("dtrmm")
let expm1 = figure("expm1"), dotNs = figure("dot"), offers = figure("offers")
print("{\"assets\": \(d), \"threads\": \(threads), \"block_rows\": \(blockRows), \"blas_kernel\": \"\(BLAS.kernel)\", "
    + "\"normal_ns\": \(normals), \"keyed_generator_ns\": \(keyed), \"dtrmm_gflops\": \(1 / dtrmm), "
    + "\"expm1_ns\": \(expm1), \"dot_ns_per_element\": \(dotNs), \"tail_offer_ns\": \(offers)}")
