// swift-tools-version:6.1
// The benchmarks of TailRisk's hot pieces (ordo-one/benchmark) and the
// engine timer that `make bench` runs against NumPy. A separate package so
// that the library itself never depends on the benchmark framework.
//   swift package --package-path Benchmarks benchmark        (the micro-benchmarks)
//   swift build --package-path Benchmarks -c release --product engine-timer
//   swift build --package-path Benchmarks -c release --product limit-probe   (machine_limit.py)
//   swift build --package-path Benchmarks -c release --product rng-battery   (rng_battery.sh)
import PackageDescription

let package = Package(
    name: "TailRiskBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TailRisk", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchSupport",
            dependencies: [.product(name: "TailRisk", package: "TailRisk")],
            path: "Sources/BenchSupport"
        ),
        .executableTarget(
            name: "engine-timer",
            dependencies: ["BenchSupport", .product(name: "TailRisk", package: "TailRisk")],
            path: "Sources/EngineTimer"
        ),
        .executableTarget(
            name: "limit-probe",
            dependencies: ["BenchSupport", .product(name: "TailRisk", package: "TailRisk")],
            path: "Sources/LimitProbe"
        ),
        .executableTarget(
            name: "rng-battery",
            dependencies: [.product(name: "TailRisk", package: "TailRisk")],
            path: "Sources/RNGBattery"
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                "BenchSupport",
                .product(name: "TailRisk", package: "TailRisk"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
