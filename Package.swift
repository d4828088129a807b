// swift-tools-version:6.0
// RecipeEngine: a file-based integration engine for people data.
//
// Targets are layered one way, pure core first:
//   RecipeData (JSON, CSV, cron, diagnostics) → RecipeExpressions → RecipeModel (recipes,
//   validation) → RecipeEngine (interpreter, protocols for connectors, clock, journal)
//   → RecipeHTTPCore (requests, responses, headers, router, HTTP errors; no sockets)
//   → RecipeHTTP (sockets, HTTP/1.1 server), RecipeConnectors (vendor APIs), RecipeSandbox
//   (fake vendor APIs) → RecipeIntake (webhook checks, no store or server) → RecipeRuntime (the
//   durable job runtime of `recipes serve`: store journal, workers, intake writer, scheduler,
//   metrics; over the store protocol, no backend) → RecipeCLI. RecipeTesting (`recipes test`: test cases run
//   with mocks) sits on RecipeEngine, beside the runtime.
// C libraries are wrapped once each: CCrypto (OpenSSL libcrypto) behind RecipeCrypto, CLinux
// (epoll, eventfd, accept4) behind RecipeHTTP's sockets, CSQLite (libsqlite3) behind RecipeStoreSQLite.
// RecipeStore holds the store protocol, its records and the in-memory twin; each backend keeps
// its SQL in its own target.
// Linux only: the sockets use epoll, so no other platform is declared (SwiftPM has no way to
// declare Linux; `platforms:` only sets minimum versions of Apple platforms).
// No Swift package dependencies: the toolchain and system C libraries only.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "RecipeEngine",
    products: [
        .executable(name: "recipes", targets: ["recipes"]),
        // For the fuzz package in Fuzz/ only (a separate package that depends on this one by
        // path, so a plain `swift build` never compiles a fuzz entry point).
        .library(
            name: "RecipeFuzzable",
            targets: [
                "RecipeData", "RecipeExpressions", "RecipeModel", "RecipeHTTP", "RecipeHTTPCore", "RecipeConnectors",
                "RecipeIntake", "RecipeSandbox", "RecipeTestSupport",
            ]
        ),
    ],
    targets: [
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "RecipeCrypto", dependencies: ["CCrypto"], swiftSettings: strict),
        .target(name: "RecipeData", swiftSettings: strict),
        .target(name: "RecipeExpressions", dependencies: ["RecipeData", "RecipeCrypto"], swiftSettings: strict),
        .target(name: "RecipeModel", dependencies: ["RecipeData", "RecipeExpressions", "RecipeCrypto"], swiftSettings: strict),
        .target(
            name: "RecipeEngine",
            dependencies: ["RecipeData", "RecipeExpressions", "RecipeModel", "RecipeCrypto"],
            swiftSettings: strict
        ),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "RecipeStore", dependencies: ["RecipeData"], swiftSettings: strict),
        .target(
            name: "RecipeStoreSQLite", dependencies: ["RecipeData", "RecipeStore", "CSQLite"], swiftSettings: strict),
        .target(name: "RecipeHTTPCore", dependencies: ["RecipeData"], swiftSettings: strict),
        .target(name: "RecipeHTTP", dependencies: ["RecipeData", "RecipeHTTPCore", "CLinux"], swiftSettings: strict),
        .target(
            name: "RecipeConnectors",
            dependencies: ["RecipeData", "RecipeExpressions", "RecipeModel", "RecipeEngine", "RecipeHTTP", "RecipeHTTPCore", "RecipeCrypto"],
            swiftSettings: strict
        ),
        .target(name: "RecipeSandbox", dependencies: ["RecipeData", "RecipeHTTP", "RecipeHTTPCore", "RecipeCrypto"], swiftSettings: strict),
        .target(
            name: "RecipeIntake",
            dependencies: ["RecipeData", "RecipeCrypto", "RecipeHTTPCore", "RecipeModel", "RecipeConnectors"],
            swiftSettings: strict
        ),
        .target(
            name: "RecipeRuntime",
            dependencies: [
                "RecipeData", "RecipeExpressions", "RecipeModel", "RecipeEngine", "RecipeHTTPCore", "RecipeConnectors", "RecipeIntake",
                "RecipeStore", "RecipeCrypto",
            ],
            swiftSettings: strict
        ),
        // `recipes test`: test cases beside a bundle (recipes/<folder>/tests/*.json), run with mocks.
        .target(name: "RecipeTesting", dependencies: ["RecipeData", "RecipeModel", "RecipeEngine"], swiftSettings: strict),
        .target(
            name: "RecipeCLI",
            dependencies: [
                "RecipeData", "RecipeExpressions", "RecipeModel", "RecipeEngine", "RecipeHTTP", "RecipeHTTPCore", "RecipeConnectors",
                "RecipeIntake", "RecipeSandbox", "RecipeStore", "RecipeStoreSQLite", "RecipeRuntime", "RecipeTesting",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "recipes", dependencies: ["RecipeCLI"], swiftSettings: strict),
        .target(
            name: "RecipeTestSupport",
            dependencies: ["RecipeData", "RecipeModel", "RecipeEngine", "RecipeHTTP", "RecipeHTTPCore", "RecipeSandbox"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "RecipeBenchmarks",
            dependencies: [
                "RecipeData", "RecipeExpressions", "RecipeModel", "RecipeEngine", "RecipeTestSupport", "RecipeHTTP", "RecipeHTTPCore",
                "RecipeConnectors", "RecipeSandbox", "RecipeStore", "RecipeStoreSQLite", "RecipeIntake", "RecipeRuntime",
            ],
            path: "Benchmarks/RecipeBenchmarks",
            swiftSettings: strict
        ),
        .testTarget(name: "RecipeCryptoTests", dependencies: ["RecipeCrypto"], swiftSettings: strict),
        .testTarget(
            name: "RecipeDataTests", dependencies: ["RecipeData"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "RecipeExpressionsTests",
            dependencies: ["RecipeData", "RecipeExpressions"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeModelTests",
            dependencies: ["RecipeData", "RecipeExpressions", "RecipeModel", "RecipeTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeEngineTests",
            dependencies: ["RecipeData", "RecipeExpressions", "RecipeModel", "RecipeEngine", "RecipeTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeStoreTests", dependencies: ["RecipeData", "RecipeStore", "RecipeStoreSQLite"],
            swiftSettings: strict),
        .testTarget(name: "RecipeHTTPCoreTests", dependencies: ["RecipeData", "RecipeHTTPCore"], swiftSettings: strict),
        .testTarget(name: "RecipeHTTPTests", dependencies: ["RecipeData", "RecipeHTTP", "RecipeHTTPCore"], swiftSettings: strict),
        .testTarget(
            name: "RecipeConnectorsTests",
            dependencies: [
                "RecipeData", "RecipeModel", "RecipeEngine", "RecipeHTTP", "RecipeHTTPCore", "RecipeConnectors", "RecipeSandbox", "RecipeTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeSandboxTests", dependencies: ["RecipeData", "RecipeHTTP", "RecipeHTTPCore", "RecipeSandbox", "RecipeCrypto"],
            swiftSettings: strict),
        .testTarget(
            name: "RecipeIntakeTests",
            dependencies: [
                "RecipeData", "RecipeModel", "RecipeHTTP", "RecipeHTTPCore", "RecipeConnectors", "RecipeIntake", "RecipeSandbox",
                "RecipeTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeRuntimeTests",
            dependencies: [
                "RecipeData", "RecipeModel", "RecipeEngine", "RecipeHTTPCore", "RecipeConnectors", "RecipeIntake", "RecipeStore",
                "RecipeStoreSQLite", "RecipeRuntime", "RecipeTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RecipeCLITests",
            dependencies: [
                "RecipeCLI", "RecipeTestSupport", "RecipeSandbox", "RecipeData", "RecipeHTTP", "RecipeHTTPCore", "RecipeCrypto",
                "RecipeConnectors", "RecipeModel", "RecipeIntake", "RecipeStore", "RecipeStoreSQLite", "RecipeRuntime",
                "RecipeTesting", "RecipeEngine",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
