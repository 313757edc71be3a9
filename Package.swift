// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TailRisk",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TailRisk", targets: ["TailRisk"]),
        .executable(name: "tailrisk", targets: ["tailrisk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "TailRisk",
            dependencies: [
                "CLapack",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "tailrisk",
            dependencies: [
                "TailRisk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TailRiskTests",
            dependencies: ["TailRisk"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["TailRisk"]
        ),
    ],
    swiftLanguageModes: [.v5]
)
