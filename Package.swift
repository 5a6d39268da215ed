// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Earshot",
    platforms: [.macOS(.v14)],  // Hummingbird 2 (earshot serve) needs macOS 14
    products: [
        .library(name: "Earshot", targets: ["Earshot"]),
        .library(name: "EarshotTraining", targets: ["EarshotTraining"]),
        .library(name: "EarshotServer", targets: ["EarshotServer"]),
        .executable(name: "earshot", targets: ["EarshotCLI"]),
    ],
    // `swift build --traits MPI`: `earshot train` under mpirun trains on several processes (needs Open MPI).
    // Off by default, so Earshot builds and runs where Open MPI is absent.
    traits: [.trait(name: "MPI", description: "Data-parallel training over MPI (Open MPI, libopenmpi-dev)")],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // earshot serve: HTTP + WebSocket server and Prometheus metrics (EarshotServer only)
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // System libraries: module map + header shim each; Scripts/install-deps.sh installs them.
        .systemLibrary(
            name: "CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]),
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        .systemLibrary(
            name: "CSoxr", pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"]), .brew(["libsoxr"])]),
        .systemLibrary(
            name: "CMPI", pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"]), .brew(["open-mpi"])]),

        .target(name: "EarshotAudio", dependencies: ["CSndFile", "CSoxr"]),
        .target(name: "EarshotFeatures", dependencies: ["CFFTW"]),
        .target(name: "EarshotNN", dependencies: ["CBLAS"]),
        .target(
            name: "Earshot",
            dependencies: ["EarshotAudio", "EarshotFeatures", "EarshotNN"],
            resources: [.copy("Resources")]),
        // Training and evaluation; the recognizer never depends on it.
        .target(
            name: "EarshotTraining",
            dependencies: ["Earshot", "EarshotAudio", "EarshotFeatures", "EarshotNN"],
            resources: [.copy("Resources")]),
        // earshot serve: Vosk-compatible WebSocket, /v1/stream, /v1/transcribe, /metrics, a browser page.
        // Only the CLI links it, so `import Earshot` never pulls in Hummingbird.
        .target(
            name: "EarshotServer",
            dependencies: [
                "Earshot", "EarshotAudio",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")]),
        // MPIProcessGroup: the trainer's process group over Open MPI. `swift build` compiles every
        // target, so its source is inside `#if MPI` too: without the trait it is empty and needs no Open MPI.
        .target(
            name: "EarshotMPI",
            dependencies: ["EarshotTraining", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]),
        .executableTarget(
            name: "EarshotCLI",
            dependencies: [
                "Earshot", "EarshotTraining", "EarshotServer", "EarshotAudio", "EarshotFeatures", "EarshotNN", "CFFTW",
                .target(name: "EarshotMPI", condition: .when(traits: ["MPI"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Locates the package's fixtures, parses the golden JSON tensors, writes WAV files.
        .target(name: "EarshotTestSupport", dependencies: ["EarshotAudio", "CSndFile"], path: "Tests/EarshotTestSupport"),
        .testTarget(name: "EarshotAudioTests", dependencies: ["EarshotAudio", "CSndFile", "EarshotTestSupport"]),
        .testTarget(
            name: "EarshotFeaturesTests",
            dependencies: ["EarshotFeatures", "EarshotAudio", "EarshotTestSupport"]),
        .testTarget(name: "EarshotNNTests", dependencies: ["EarshotNN", "EarshotTestSupport"]),
        .testTarget(name: "EarshotTests", dependencies: ["Earshot", "EarshotTestSupport"]),
        .testTarget(name: "EarshotTrainingTests", dependencies: ["EarshotTraining", "Earshot", "EarshotAudio", "EarshotTestSupport"]),
        // runs the built `earshot` executable (swift test builds every product first)
        .testTarget(name: "EarshotCLITests", dependencies: ["Earshot", "EarshotAudio", "EarshotTraining", "EarshotTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
