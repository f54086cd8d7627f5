// swift-tools-version:6.2
// The dependency `traits:` arguments below need tools version 6.2.

import Foundation
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // The reliability tests' hooks (INVOICED_TEST_*: crash here, hang, abort on a file) exist
    // only in debug builds: a stray line in a release daemon's environment cannot arm them.
    // `make release` and `make bench` check that the release binary has none of their names.
    .define("INVOICED_TEST_HOOKS", .when(configuration: .debug)),
]

let package = Package(
    name: "invoiced",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "invoiced", targets: ["invoiced"]),
        .executable(name: "invoicectl", targets: ["invoicectl"]),
        .executable(name: "invoiced-bench", targets: ["invoiced-bench"]),
    ],
    dependencies: [
        // `traits: []` keeps swift-configuration out of Hummingbird's own build; we use it directly.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: C libraries (Debian's -dev packages)

        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),

        // MARK: Library modules, one concern each

        .target(name: "CLinux"),
        .target(
            name: "LinuxSupport",
            dependencies: ["CLinux"],
            swiftSettings: swiftSettings
        ),
        // The JSON bodies of the HTTP API, one Codable type per resource: the daemon encodes
        // them, invoicectl and the tests decode them. Foundation only.
        .target(
            name: "APIWire",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JobEvents",
            dependencies: ["APIWire"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InvoiceExtraction",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OCR",
            dependencies: [
                "CTesseract",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JobStore",
            dependencies: [
                "APIWire", "LinuxSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LocalPostgres",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "APIWire", "JobStore", "LinuxSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "APIWire", "JobStore", "LinuxSupport", "JobEvents",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Pipeline",
            dependencies: [
                "APIWire", "JobStore", "LinuxSupport", "JobEvents",
                .product(name: "Metrics", package: "swift-metrics"),
                "OCR",
                "InvoiceExtraction",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Chat",
            dependencies: [
                "APIWire", "JobStore", "LinuxSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "API",
            dependencies: [
                "APIWire", "JobStore", "JobEvents", "Ingest", "LinuxSupport", "Chat", "InvoiceExtraction", "OCR",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InvoiceDaemon",
            dependencies: [
                "API", "APIWire", "Pipeline", "PostgresStore", "Ingest", "JobStore", "OCR", "LinuxSupport", "JobEvents", "Chat",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // `start()` for the executables' AsyncParsableCommands.
        .target(
            name: "CommandStart",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "InvoiceControl",
            dependencies: [
                "APIWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "InvoiceBench",
            dependencies: [
                "APIWire", "LocalPostgres", "PostgresStore", "JobStore", "LinuxSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (thin)

        .executableTarget(
            name: "invoiced",
            dependencies: ["InvoiceDaemon", "CommandStart"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "invoicectl",
            dependencies: ["InvoiceControl", "CommandStart"],
            swiftSettings: swiftSettings
        ),
        // `make bench`: the daemon against scripted tesseract pipelines (docs/BENCHMARKS.md).
        .executableTarget(
            name: "invoiced-bench",
            dependencies: ["InvoiceBench", "CommandStart"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests

        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JobStoreTestSupport",
            dependencies: ["JobStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/JobStoreTestSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FakeChatServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/FakeChatServer",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InvoiceExtractionTests",
            dependencies: ["TestSupport", "InvoiceExtraction"],
            exclude: ["Corpus"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinuxSupportTests",
            dependencies: ["TestSupport", "LinuxSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCRTests",
            dependencies: ["TestSupport", "OCR"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JobStoreTests",
            dependencies: ["TestSupport", "JobStoreTestSupport", "APIWire", "JobStore", "LinuxSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "TestSupport", "LocalPostgres", "JobStoreTestSupport", "APIWire", "JobStore", "PostgresStore", "Pipeline",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: [
                "TestSupport", "JobStoreTestSupport", "APIWire", "Ingest", "JobStore", "LinuxSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "TestSupport", "JobStoreTestSupport", "APIWire", "Pipeline", "JobStore", "OCR", "LinuxSupport", "InvoiceExtraction",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InvoiceBenchTests",
            dependencies: ["InvoiceBench"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APIWireTests",
            dependencies: ["APIWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JobEventsTests",
            dependencies: ["APIWire", "JobEvents"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChatTests",
            dependencies: [
                "TestSupport", "JobStoreTestSupport", "FakeChatServer", "APIWire", "Chat", "JobStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APITests",
            dependencies: [
                "TestSupport", "JobStoreTestSupport", "API", "APIWire", "Ingest", "JobStore", "JobEvents", "Chat", "FakeChatServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InvoiceDaemonTests",
            dependencies: [
                "TestSupport", "APIWire", "InvoiceDaemon", "Ingest", "JobStore", "OCR", "Pipeline", "LinuxSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the built `invoicectl` as a user does, against a stub daemon on a Unix socket
        // (so no InvoiceControl import: what is tested is the command line, its output and
        // exit code).
        .testTarget(
            name: "InvoiceControlTests",
            dependencies: [
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "LocalPostgres", "FakeChatServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// MARK: libFuzzer targets (docs/FUZZING.md)

// Only with INVOICED_FUZZ set (scripts/fuzz-targets.sh, `make fuzz-native`): a normal
// `swift build` or `swift test` never sees them, and their unsafe flags never reach a
// release build. The script also instruments every module with -sanitize=fuzzer,address,
// so that libFuzzer sees the coverage of the code under test, not only of the target.
if ProcessInfo.processInfo.environment["INVOICED_FUZZ"] != nil {
    let fuzzSwiftSettings = swiftSettings + [
        .unsafeFlags(["-sanitize=fuzzer,address"]),
        // LibFuzzerDriver.swift declares libFuzzer's C entry point with @_extern(c).
        .enableExperimentalFeature("Extern"),
    ]
    let fuzzLinkerSettings: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
    func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver"] + dependencies,
            path: "Fuzz/\(name)",
            swiftSettings: fuzzSwiftSettings,
            linkerSettings: fuzzLinkerSettings
        )
    }
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver", swiftSettings: fuzzSwiftSettings),
        fuzzTarget("FuzzExtractor", ["InvoiceExtraction"]),
        fuzzTarget("FuzzXML", ["InvoiceExtraction"]),
        fuzzTarget("FuzzMultipart", ["API", .product(name: "NIOCore", package: "swift-nio")]),
        fuzzTarget("FuzzConfig", ["InvoiceDaemon"]),
    ]
    package.products += ["FuzzExtractor", "FuzzXML", "FuzzMultipart", "FuzzConfig"].map {
        .executable(name: $0, targets: [$0])
    }
}
