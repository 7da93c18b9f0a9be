// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "onset",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "onset", targets: ["onset"]),
        .library(name: "OnsetCore", targets: ["OnsetCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "OnsetCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Runtime exclusivity checks (the compile-time ones stay) cost ~9% of the thread that
            // prepares cases in a 400k-case FAERS import: every access to a class's stored
            // property records itself in a thread-local set. Measured in scripts/bench_notes.md.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        // mallopt for the executable (Glibc's Swift module does not export malloc.h).
        .target(name: "CMallocTuning", path: "Sources/CMallocTuning"),
        .target(
            name: "OnsetTUI",
            dependencies: ["OnsetCore", "CNcursesw"]
        ),
        .executableTarget(
            name: "onset",
            dependencies: [
                "OnsetCore", "OnsetTUI", "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz harness: a corpus replayer normally; libFuzzer's entry point when built by `make fuzz`.
        .executableTarget(name: "onset-fuzz", dependencies: ["OnsetCore"], path: "Sources/OnsetFuzz"),
        .testTarget(name: "OnsetCoreTests", dependencies: ["OnsetCore"], exclude: ["Fixtures"]),
        .testTarget(name: "OnsetTUITests", dependencies: ["OnsetTUI", "OnsetCore"], exclude: ["Golden"]),
        .testTarget(name: "OnsetCLITests", dependencies: ["OnsetCore"]),
    ]
)
