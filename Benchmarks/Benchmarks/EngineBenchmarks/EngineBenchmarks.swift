import Benchmark
import BenchSupport
import TailRisk

/// The hot pieces of the Monte Carlo engine, one stream unit (4096 rows) at a time.
/// Run: `swift package --package-path Benchmarks benchmark`.
let benchmarks: @Sendable () -> Void = {
    let rows = MonteCarloEngine.streamUnit
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                           warmupIterations: 2, maxDuration: .seconds(2))

    for d in [50, 200] {
        let synthetic = SyntheticModel(dimension: d)

        Benchmark("normals \(rows)×\(d) (ziggurat)") { benchmark in
            let block = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
            defer { block.deallocate() }
            for i in benchmark.scaledIterations {
                var rng = Xoshiro256PlusPlus(seed: 1, unit: UInt64(i))
                rng.fillNormals(block, count: rows * d)
                blackHole(block[0])
            }
        }

        Benchmark("cholesky \(d)×\(d) (dpotrf)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Cholesky.factor(synthetic.covariance)) }
        }

        // The block is restored from a copy of its normals before each product (a 4096·d memcpy, timed
        // too), so that repeated products by L never drift into subnormal numbers.
        Benchmark("copy + dtrmm \(rows)×\(d)") { benchmark in
            let normals = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
            let block = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
            defer { normals.deallocate(); block.deallocate() }
            var rng = Xoshiro256PlusPlus(seed: 1, unit: 0)
            rng.fillNormals(normals, count: rows * d)
            let factor = synthetic.model.factor.storage
            for _ in benchmark.scaledIterations {
                block.update(from: normals, count: rows * d)
                factor.withUnsafeBufferPointer {
                    BLAS.multiplyRowsByLowerTransposed(block, rows: rows, lower: $0.baseAddress!, dimension: d)
                }
                blackHole(block[0])
            }
        }

        // One whole engine run of a single stream unit: draw, correlate, exact P&L, tail, Euler regeneration.
        Benchmark("engine block \(rows)×\(d) exact, 1 thread") { benchmark in
            let settings = SimulationSettings(scenarios: rows, threads: 1)
            let levels = [ConfidenceLevel(0.99), ConfidenceLevel(0.975)]
            for _ in benchmark.scaledIterations {
                blackHole(try MonteCarloEngine().run(model: synthetic.model, values: synthetic.values,
                                                     levels: levels, settings: settings))
            }
        }
    }

    // Keeping the largest 2.5% of 10⁶ losses as two workers would, then merging them.
    Benchmark("tail offers 10⁶ losses + merge (K = 25,000)") { benchmark in
        var rng = Xoshiro256PlusPlus(seed: 3, unit: 0)
        let losses = (0..<1_000_000).map { _ in rng.nextNormal() }
        for _ in benchmark.scaledIterations {
            var a = TailBuffer(capacity: 25_000), b = TailBuffer(capacity: 25_000)
            for i in 0..<500_000 { a.offer(loss: losses[i], index: i) }
            for i in 500_000..<1_000_000 { b.offer(loss: losses[i], index: i) }
            a.merge(b)
            blackHole(a.sorted.count)
        }
    }
}
