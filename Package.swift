// swift-tools-version:6.0
import PackageDescription

// Dependency direction (arrows point down only):
//   cx -> Dashboard -> {Store, Terminal, Clients -> Model}
//   cx -> Sandbox -> {Rollout -> Model, Clients}
//   cx -> AWSSource -> {AWS -> Model, Clients, Rollout}
let package = Package(
    name: "Cygni",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cx", targets: ["cx"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // System libraries: a module map and a shim header that wraps macros and C globals.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "CygniModel"),
        .target(name: "CygniStore"),
        .target(name: "CygniStoreTesting", dependencies: ["CygniStore"]),
        .target(name: "CygniClients", dependencies: ["CygniModel"]),
        .target(name: "CygniRollout", dependencies: ["CygniModel"]),
        .target(name: "CygniSandbox", dependencies: ["CygniModel", "CygniClients", "CygniRollout"]),
        .target(name: "CygniAWS", dependencies: ["CygniModel", "CCurl", "COpenSSL"]),
        // The console's data from AWS: the client interfaces implemented on the service clients.
        .target(name: "CygniAWSSource", dependencies: ["CygniAWS", "CygniClients", "CygniModel", "CygniRollout"]),
        .target(name: "CygniTerminal", dependencies: ["CNcursesw"]),
        .target(
            name: "CygniDashboard",
            dependencies: ["CygniStore", "CygniTerminal", "CygniModel", "CygniClients", "TOMLKit"],
            resources: [.copy("Resources/themes"), .copy("Resources/keymaps")]
        ),
        // Benchmarks of the rollout engine: `swift run -c release CygniBenchmarks`.
        .executableTarget(name: "CygniBenchmarks", dependencies: ["CygniRollout"]),
        .executableTarget(
            name: "cx",
            dependencies: [
                "CygniDashboard", "CygniSandbox", "CygniRollout", "CygniAWS", "CygniAWSSource", "CygniTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // SigV4 throughput against botocore's: `swift run -c release AWSBenchmarks`.
        .executableTarget(name: "AWSBenchmarks", dependencies: ["CygniAWS"]),
        .executableTarget(
            name: "ConsoleBenchmarks",
            dependencies: ["CygniDashboard", "CygniSandbox", "CygniStore", "CygniTerminal", "CygniClients", "CygniModel"]
        ),

        .testTarget(name: "CygniModelTests", dependencies: ["CygniModel"]),
        .testTarget(name: "CygniStoreTests", dependencies: ["CygniStore", "CygniStoreTesting"]),
        .testTarget(name: "CygniClientsTests", dependencies: ["CygniClients"]),
        .testTarget(name: "CygniRolloutTests", dependencies: ["CygniRollout"], resources: [.copy("Vectors")]),
        .testTarget(name: "CygniSandboxTests", dependencies: ["CygniSandbox"]),
        .testTarget(name: "CygniAWSTests", dependencies: ["CygniAWS", "CygniAWSSource", "CygniClients", "CygniHarness"], resources: [.copy("Vectors"), .copy("Recorded")]),
        .testTarget(name: "CygniTerminalTests", dependencies: ["CygniTerminal"]),
        .testTarget(
            name: "CygniDashboardTests",
            dependencies: ["CygniDashboard", "CygniStoreTesting", "CygniSandbox"],
            exclude: ["Golden"]
        ),
        // Running cx as a program and in tmux, for the tests that do (not shipped).
        .target(name: "CygniHarness", path: "Tests/Harness"),
        .testTarget(name: "EndToEndTests", dependencies: ["CygniHarness"]),
    ],
    swiftLanguageModes: [.v6]
)
