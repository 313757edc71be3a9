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

let package = Package(
    name: "TailRiskFuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        .executableTarget(
            name: "FuzzPriceReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzPolicyReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzAccountBookReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzLiquidityReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzCatalogueReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzScenarioReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzRunFileReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzPositionsReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzShardReader",
            dependencies: ["FuzzSupport", .product(name: "TailRisk", package: rootIdentity)]
        ),
    ],
    swiftLanguageModes: [.v5]
)
