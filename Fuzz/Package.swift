// swift-tools-version:6.0
// libFuzzer targets for every parser of outside input, in a package of their own so that building
// the main package never needs libFuzzer. Built and run by Scripts/fuzz.sh (docs/reliability.md):
// `swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address` makes each target
// an executable whose `main` is libFuzzer's, calling the target's `LLVMFuzzerTestOneInput`.
import PackageDescription

let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzModelFile", [.product(name: "Earshot", package: "Earshot")]),
    ("FuzzManifest", [.product(name: "EarshotTraining", package: "Earshot")]),
    ("FuzzClipNames", [.product(name: "EarshotTraining", package: "Earshot")]),
    ("FuzzRawPCM", [.product(name: "Earshot", package: "Earshot")]),
    ("FuzzSoundFile", [.product(name: "Earshot", package: "Earshot")]),
    ("FuzzStreaming", [.product(name: "Earshot", package: "Earshot")]),
    // The server's message handling is compiled in from its two source files (symbolic links to
    // Sources/EarshotServer), which need no HTTP stack: the fuzz build leaves SwiftNIO out.
    ("FuzzServerMessages", [.product(name: "Earshot", package: "Earshot")]),
]

let package = Package(
    name: "EarshotFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Earshot", path: "..")],
    targets: [.target(name: "FuzzSupport", dependencies: [.product(name: "Earshot", package: "Earshot")])]
        + fuzzers.map { .executableTarget(name: $0.name, dependencies: $0.dependencies + ["FuzzSupport"]) },
    swiftLanguageModes: [.v6]
)
