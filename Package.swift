// swift-tools-version:6.0
import PackageDescription

// Dependency direction (arrows point down only):
//   cx -> Dashboard -> {Store, Terminal, Clients -> Model}
//   cx -> Sandbox -> {Rollout -> Model, Clients}
//   cx -> AWSSource -> {AWS -> Model, Clients, Rollout}
//   cx -> ControlPlaneSource -> {ControlPlaneAPI -> Model, AWS (HTTP), Clients}
//   cygnid -> ControlPlane -> {ControlPlaneAPI -> Model, Sandbox, AWSProvider -> AWSSource, Rollout, Clients -> Model}
let package = Package(
    name: "Cygni",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cx", targets: ["cx"]),
        .executable(name: "cygnid", targets: ["cygnid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // The control plane's server stack. HTTP on Hummingbird 2, drained on SIGTERM by
        // swift-service-lifecycle; JWTs verified by jwt-kit (never by hand), which brings
        // swift-crypto for the audit chain's SHA-256 too.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The embedded store: sqlite-nio rather than GRDB. It vendors SQLite's amalgamation (no
        // system library to install), its Swift layer is small, and it runs on the swift-nio
        // Hummingbird already builds; GRDB's much larger Swift layer costs more build time and
        // needs libsqlite3-dev. PostgreSQL (postgres-nio) will sit behind the same protocol.
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        // The replicated store: postgres-nio's PostgresClient (a connection pool) behind the same
        // ControlPlaneStore protocol; no ORM, the SQL is the store's own.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // HTTPS for `cygnid serve --tls-cert --tls-key` (HummingbirdTLS). postgres-nio already
        // builds swift-nio-ssl and its BoringSSL, so TLS costs only Hummingbird's small TLS target.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
    ],
    targets: [
        // System libraries: a module map and a shim header that wraps macros and C globals.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // gzip for cygnid's large answers; zlib is on every machine libcurl is.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "CygniModel"),
        .target(name: "CygniStore"),
        .target(name: "CygniStoreTesting", dependencies: ["CygniStore"]),
        .target(name: "CygniClients", dependencies: ["CygniModel"]),
        .target(name: "CygniRollout", dependencies: ["CygniModel"]),
        .target(name: "CygniSandbox", dependencies: ["CygniModel", "CygniClients", "CygniRollout"]),
        .target(name: "CygniAWS", dependencies: ["CygniModel", "CCurl", "COpenSSL"]),
        // The console's data from AWS: the client interfaces implemented on the service clients.
        .target(name: "CygniAWSSource", dependencies: ["CygniAWS", "CygniClients", "CygniModel", "CygniRollout"]),
        // The console's data through cygnid: the client interfaces over its HTTP API and event
        // stream, on CygniAWS's libcurl transport.
        .target(name: "CygniControlPlaneSource", dependencies: ["CygniControlPlaneAPI", "CygniAWS", "CygniClients", "CygniModel"]),
        // The engine's provider on ECS task sets behind an ALB, for the control plane.
        .target(name: "CygniAWSProvider", dependencies: ["CygniAWS", "CygniAWSSource", "CygniModel", "CygniRollout"]),
        .target(name: "CygniTerminal", dependencies: ["CNcursesw"]),
        .target(
            name: "CygniDashboard",
            dependencies: ["CygniStore", "CygniTerminal", "CygniModel", "CygniClients", "TOMLKit"],
            resources: [.copy("Resources/themes"), .copy("Resources/keymaps")]
        ),
        // The API's JSON documents, shared by cygnid and its client; no server dependencies.
        .target(name: "CygniControlPlaneAPI", dependencies: ["CygniModel"]),
        // The control plane `cygnid`: HTTP routes, auth, the durable store and its audit chain,
        // and the world behind the API (the sandbox now; the engine's AWS provider later).
        .target(
            name: "CygniControlPlane",
            dependencies: [
                "CygniModel", "CygniClients", "CygniControlPlaneAPI", "CygniRollout", "CygniSandbox", "CygniAWS", "CygniAWSSource", "CygniAWSProvider", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.yaml")]
        ),
        // cygnid's server in a test's process, shared by the test targets that serve it.
        .target(
            name: "CygniControlPlaneTesting",
            dependencies: [
                "CygniControlPlane",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "cygnid",
            dependencies: [
                "CygniControlPlane",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks of the rollout engine: `swift run -c release CygniBenchmarks`.
        .executableTarget(name: "CygniBenchmarks", dependencies: ["CygniRollout"]),
        .executableTarget(
            name: "cx",
            dependencies: [
                "CygniDashboard", "CygniSandbox", "CygniRollout", "CygniAWS", "CygniAWSSource", "CygniControlPlaneSource", "CygniTerminal",
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
        // The AWS clients on moto, and cygnid's engine driving rollouts there.
        .testTarget(
            name: "CygniAWSTests",
            dependencies: [
                "CygniAWS", "CygniAWSSource", "CygniClients", "CygniHarness", "CygniAWSProvider", "CygniControlPlane",
                "CygniControlPlaneSource", "CygniControlPlaneTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Vectors"), .copy("Recorded")]),
        .testTarget(name: "CygniTerminalTests", dependencies: ["CygniTerminal"]),
        .testTarget(
            name: "CygniDashboardTests",
            dependencies: ["CygniDashboard", "CygniStoreTesting", "CygniSandbox"],
            exclude: ["Golden"]
        ),
        // Running cx as a program and in tmux, for the tests that do (not shipped).
        .target(name: "CygniHarness", path: "Tests/Harness"),
        .testTarget(name: "EndToEndTests", dependencies: ["CygniHarness"]),
        // cygnid over real HTTP on loopback: in-process servers and `cygnid serve` processes.
        .testTarget(
            name: "CygniControlPlaneTests",
            dependencies: [
                "CygniControlPlane", "CygniControlPlaneSource", "CygniControlPlaneTesting", "CygniAWS", "CygniHarness",
                // A loopback identity provider: its JWKS served by Hummingbird, its tokens signed by jwt-kit.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
