// swift-tools-version:6.0
// MOSIP Device Service (MDS 0.9.5): an event-sourced capture pipeline of separate processes.
// Dependencies point one way: executables → process libraries → {pure modules, wrapper modules} → C modules.
// No outside SwiftPM package: C libraries come from Debian through `.systemLibrary` targets, each imported by
// exactly one thin wrapper module.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

func lib(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps, swiftSettings: swiftSettings)
}
/// Pixel-crunching modules (image synthesis, quality features) are optimised in debug builds too: unoptimised they
/// are 10–50× slower, which would make the test suite's real-process captures miss their frame deadlines.
func numericLib(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps, swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))])
}
func tests(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: deps, swiftSettings: swiftSettings)
}

let package = Package(
    name: "mosip-mds",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mds", targets: ["mds"]),
        .executable(name: "mds-client", targets: ["mds-client"]),
        .executable(name: "mds-audit", targets: ["mds-audit"]),
    ],
    targets: [
        // MARK: C libraries (Debian packages)
        // No pkgConfig for libzmq: Debian's libzmq.pc adds `-isystem /usr/include/mit-krb5`, which SwiftPM rejects
        // with a warning on every build; zmq.h is in /usr/include and the module map links `zmq`.
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "COpenJPEG", pkgConfig: "libopenjp2", providers: [.apt(["libopenjp2-7-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        // Headers only, and no pkgConfig: p11-kit-1.pc's `-lp11-kit` would link libp11-kit, which nothing calls (the
        // token's PKCS#11 module, e.g. SoftHSM2's, is dlopen'ed at run time); the shim includes the header by its
        // path under /usr/include instead.
        .systemLibrary(name: "CPKCS11", providers: [.apt(["libp11-kit-dev"])]),

        // MARK: thin wrappers: the only importers of the C modules
        lib("ZeroMQ", ["CZeroMQ"]),
        lib("CryptoPrimitives", ["COpenSSL"]),
        lib("JPEG2000", ["COpenJPEG"]),
        lib("SQLite", ["CSQLite"]),
        lib("MicroHTTPD", ["CMicroHTTPD", "HTTPCore"]),
        lib("Sodium", ["CSodium"]),
        lib("PKCS11", ["CPKCS11"]),
        numericLib("Preview", ["CTurboJPEG", "Imaging"]),

        // MARK: pure modules (no C)
        lib("JSON", []),
        lib("HTTPCore", []),
        lib("ServiceKit", []),
        lib("Wire", ["Imaging"]),
        lib("MDSModel", ["JSON", "Wire", "ISORecords"]),
        lib("ISORecords", []),
        lib("Transparency", ["CryptoPrimitives", "Sodium"]),
        numericLib("Simulation", ["Imaging"]),
        lib("Imaging", []),
        numericLib("QualityMeasures", ["Imaging"]),

        // MARK: shared process plumbing
        lib("Bus", ["ZeroMQ", "Wire", "ServiceKit"]),

        // MARK: process libraries (all of each stage's logic; testable without spawning)
        lib("Signer", ["Bus", "Wire", "CryptoPrimitives", "JSON", "MDSModel", "ServiceKit", "Transparency", "PKCS11"]),
        lib("Journal", ["Bus", "Wire", "SQLite", "CryptoPrimitives", "JSON", "MDSModel", "ServiceKit", "Transparency"]),
        lib("Sensor", ["Bus", "Wire", "Imaging", "MDSModel", "Simulation", "ServiceKit"]),
        lib("Quality", ["Bus", "Wire", "Imaging", "QualityMeasures", "MDSModel", "ServiceKit"]),
        lib("Encoder", ["Bus", "Wire", "Imaging", "ISORecords", "JPEG2000", "MDSModel", "ServiceKit"]),
        lib("Gateway", ["Bus", "Wire", "Imaging", "Preview", "HTTPCore", "MicroHTTPD", "JSON", "MDSModel", "ServiceKit"]),
        lib("Supervisor", ["Bus", "Wire", "ServiceKit", "MDSModel"]),
        lib("Audit", ["Journal", "Transparency", "CryptoPrimitives", "JSON", "Wire", "ServiceKit"]),
        lib("MDSClient", ["JSON", "MDSModel", "CryptoPrimitives", "ServiceKit", "ISORecords", "JPEG2000", "Imaging"]),

        // MARK: executables
        .executableTarget(
            name: "mds",
            dependencies: ["Supervisor", "Gateway", "Sensor", "Quality", "Encoder", "Signer", "Journal", "ServiceKit"],
            swiftSettings: swiftSettings),
        .executableTarget(name: "mds-audit", dependencies: ["Audit", "Journal", "Transparency", "JSON", "ServiceKit"],
                          swiftSettings: swiftSettings),
        .executableTarget(name: "mds-client", dependencies: ["MDSClient", "MDSModel", "JSON", "Imaging", "CryptoPrimitives", "ServiceKit"], swiftSettings: swiftSettings),

        // MARK: tests
        lib("TestSupport", ["ServiceKit", "JSON"]),
        tests("JSONTests", ["JSON"]),
        tests("CryptoPrimitivesTests", ["CryptoPrimitives", "JSON", "TestSupport"]),
        tests("TransparencyTests", ["Transparency", "CryptoPrimitives"]),
        tests("SodiumTests", ["Sodium", "CryptoPrimitives", "JSON", "Simulation"]),
        tests("PKCS11Tests", ["PKCS11", "CryptoPrimitives", "TestSupport"]),
        tests("ZeroMQTests", ["ZeroMQ"]),
        tests("SQLiteTests", ["SQLite"]),
        tests("MicroHTTPDTests", ["MicroHTTPD", "HTTPCore"]),
        tests("PreviewTests", ["Preview", "Imaging"]),
        tests("JPEG2000Tests", ["JPEG2000"]),
        tests("ISORecordsTests", ["ISORecords", "JPEG2000"]),
        tests("SimulationTests", ["Simulation", "Imaging"]),
        tests("QualityMeasuresTests", ["QualityMeasures", "Imaging", "Simulation"]),
        tests("CoreTests", ["Wire", "MDSModel", "ServiceKit", "Bus", "JSON", "TestSupport"]),
        tests("StageTests", ["Bus", "Signer", "PKCS11", "Journal", "Transparency", "Gateway", "Supervisor", "Sensor", "Quality", "Encoder", "Imaging", "Simulation", "CryptoPrimitives", "MDSClient", "MDSModel", "HTTPCore", "JSON", "Wire", "SQLite", "ServiceKit", "TestSupport"]),
        tests("AuditTests", ["Audit", "Journal", "Transparency", "CryptoPrimitives", "JSON", "Wire", "SQLite", "TestSupport"]),
        tests("EndToEndTests", ["Audit", "Preview", "MDSClient", "MDSModel", "Imaging", "CryptoPrimitives", "JSON", "Journal", "Wire", "TestSupport"]),
    ]
)
