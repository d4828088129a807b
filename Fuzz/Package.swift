// swift-tools-version:6.0
// Fuzz targets for RecipeEngine's parsers (libFuzzer, built into the Swift toolchain).
// A separate package so the root package's `swift build` and `swift test` never see a fuzz
// entry point; see Fuzz/README.md and Fuzz/run.sh.
import PackageDescription

let targets = [
    "FuzzHTTPRequest", "FuzzJSON", "FuzzExpressions", "FuzzCSV", "FuzzCron", "FuzzSMTP", "FuzzRetryAfter", "FuzzVendorResponse",
    "FuzzWebhook",
]

let package = Package(
    name: "RecipeFuzz",
    dependencies: [.package(name: "RecipeEngine", path: "..")],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "RecipeFuzzable", package: "RecipeEngine")]
        )
    },
    swiftLanguageModes: [.v6]
)
