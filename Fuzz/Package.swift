// swift-tools-version:6.0
// Fuzz targets for TailRisk's readers, built apart from the root package so that
// `swift build` at the root never needs the sanitizer. Build and run with `make fuzz`
// or `make fuzz-smoke` at the root (see Fuzz/README.md).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which depends on where the
// repository was cloned: read it rather than assume it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

// One executable target per reader (Fuzz/README.md's table; Fuzz/run.sh's list).
let readers = [
    "FuzzPriceReader", "FuzzPolicyReader", "FuzzAccountBookReader", "FuzzLiquidityReader", "FuzzCatalogueReader",
    "FuzzScenarioReader", "FuzzRunFileReader", "FuzzPositionsReader", "FuzzShardReader", "FuzzRunPlanReader",
]

let package = Package(
    name: "TailRiskFuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
    ] + readers.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)])
    },
    swiftLanguageModes: [.v5]
)
