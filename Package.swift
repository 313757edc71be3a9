// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TailRisk",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TailRisk", targets: ["TailRisk"]),
        .executable(name: "tailrisk", targets: ["tailrisk"]),
    ],
    // `swift build --traits MPI` (make mpi) adds the MPI backend over Open MPI; the default build needs no MPI.
    traits: [
        .trait(name: "MPI", description: "Run the Monte Carlo engine across Open MPI ranks (libopenmpi-dev, pkg-config ompi-c)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),
        .target(
            name: "TailRisk",
            dependencies: [
                "CLapack",
                .target(name: "CMPI", condition: .when(traits: ["MPI"])),
                .product(name: "Yams", package: "Yams"),
            ],
            // The library is checked in the Swift 6 language mode (full data-race checking).
            swiftSettings: [.swiftLanguageMode(.v6)]
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
            // tailrisk: ParameterFlagsTests reads the CLI's Parameter → flag mapping (@testable import).
            dependencies: ["TailRisk", "tailrisk"],
            exclude: ["Help"]
        ),
    ],
    swiftLanguageModes: [.v5]
)
