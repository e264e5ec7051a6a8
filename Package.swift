// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "caracal-apply",
    products: [
        .executable(name: "caracal-apply", targets: ["caracal-apply"]),
        .executable(name: "caracal-apply-remote", targets: ["caracal-apply-remote"]),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "Manifest", dependencies: ["CYAML"]),
        .target(name: "CaracalRuntime", dependencies: ["Manifest"]),
        .target(name: "CaracalRuntimeEmbedded", dependencies: ["Manifest", "CaracalRuntime"]),
        .target(name: "CaracalRuntimeRemote", dependencies: ["Manifest", "CaracalRuntime"]),
        .target(name: "HTTPServer"),
        .target(name: "CaracalServe", dependencies: ["Manifest", "CaracalRuntime", "CaracalRuntimeEmbedded", "HTTPServer"]),
        .target(name: "Planner", dependencies: ["Manifest", "CaracalRuntime"]),
        .target(name: "Reconciler", dependencies: ["Manifest", "CaracalRuntime", "Planner"]),
        .target(name: "CaracalApplyCLI", dependencies: ["Manifest", "CaracalRuntime", "CaracalRuntimeEmbedded", "CaracalServe", "HTTPServer", "Planner", "Reconciler"]),
        // caracal-apply links Foundation statically and leaves out FoundationNetworking (which
        // loads libcurl and some thirty shared libraries), so a run starts in a few milliseconds;
        // it hands remote-runtime invocations to caracal-apply-remote, which has the HTTP client.
        // main.swift is compiled with -static-stdlib too, so that it asks the linker for the
        // static Foundation's own dependencies (ICU). No test target may depend on this target:
        // SwiftPM would link its objects, and these flags, into the test binary.
        .executableTarget(
            name: "caracal-apply",
            dependencies: ["CaracalApplyCLI"],
            swiftSettings: [.unsafeFlags(["-static-stdlib"])],
            linkerSettings: [.unsafeFlags(["-static-stdlib"])]
        ),
        .executableTarget(name: "caracal-apply-remote", dependencies: ["CaracalApplyCLI", "CaracalRuntimeRemote"]),
        .executableTarget(
            name: "caracal-apply-benchmark",
            dependencies: ["Manifest", "CaracalRuntime", "CaracalRuntimeEmbedded", "CaracalRuntimeRemote", "CaracalServe", "HTTPServer", "Planner", "Reconciler", "CaracalApplyCLI"]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ManifestTests",
            dependencies: ["Manifest", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CaracalRuntimeEmbeddedTests",
            dependencies: ["CaracalRuntimeEmbedded", "CaracalRuntime", "Manifest", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PlannerTests",
            dependencies: ["Planner", "Reconciler", "CaracalRuntime", "CaracalRuntimeEmbedded", "Manifest", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CaracalApplyCLITests",
            dependencies: ["CaracalApplyCLI", "CaracalRuntime", "CaracalRuntimeEmbedded", "Manifest", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", "TestSupport"]
        ),
        .testTarget(
            name: "CaracalRuntimeRemoteTests",
            dependencies: ["CaracalRuntimeRemote", "CaracalRuntime", "Manifest"]
        ),
        .testTarget(
            name: "CaracalServeTests",
            dependencies: ["CaracalServe", "CaracalRuntimeRemote", "CaracalRuntimeEmbedded", "CaracalRuntime", "HTTPServer", "Planner", "Reconciler", "Manifest", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["caracal-apply-remote", "CaracalRuntimeEmbedded", "CaracalRuntime", "Manifest", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
